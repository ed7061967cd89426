// A short-lived, per-isolate cache of KV token records: the hot path skips the KV read for a token
// seen in the last minute. Safe for revocation and expiry because KV never decides validity — every
// request still checks the token's D1 row in its own first batch (repo/guarded-reader.ts).
// Only found records are cached, so a freshly minted token works at once.
import type { TokenRecord } from './token-record'

export const TOKEN_CACHE_TTL_MS = 60_000
const MAX_ENTRIES = 10_000

export class TokenCache {
  private readonly entries = new Map<string, { record: TokenRecord; until: number }>()

  get(hash: string, now: number): TokenRecord | undefined {
    const hit = this.entries.get(hash)
    if (!hit) return undefined
    if (hit.until > now) return hit.record
    this.entries.delete(hash)
    return undefined
  }

  set(hash: string, record: TokenRecord, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    this.entries.set(hash, { record, until: now + TOKEN_CACHE_TTL_MS })
  }
}
