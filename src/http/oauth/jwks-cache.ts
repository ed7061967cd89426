// JWK Sets fetched from clients' jwks_uris, kept per isolate by URL. A set is reused for its
// Cache-Control max-age, clamped to [MIN, MAX] (DEFAULT without one); an assertion naming a kid the
// set lacks (the client rotated its keys) fetches it again, at most once per REFETCH_UNKNOWN_KID_MS
// per URL, so unknown kids cannot make this server hammer the client's host. (Concurrent first
// requests may each fetch: workerd does not let one request await I/O begun by another.) The clock
// and the fetcher are parameters.
import type { PublicJwk } from '../../model/jwks'
import type { JwksFetcher } from './jwks-fetch'

export const MIN_MAX_AGE_SECONDS = 60
export const DEFAULT_MAX_AGE_SECONDS = 300
export const MAX_MAX_AGE_SECONDS = 24 * 3600
export const REFETCH_UNKNOWN_KID_MS = 60_000
const MAX_ENTRIES = 1000

/** Seconds a fetched set may be reused, from its Cache-Control (RFC 9111 §5.2.2.1, §5.2.2.5). */
export function cacheSeconds(cacheControl: string | null): number {
  if (cacheControl === null) return DEFAULT_MAX_AGE_SECONDS
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(cacheControl)) return MIN_MAX_AGE_SECONDS
  const maxAge = /(^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(,|$)/i.exec(cacheControl)
  if (!maxAge) return DEFAULT_MAX_AGE_SECONDS
  return Math.min(MAX_MAX_AGE_SECONDS, Math.max(MIN_MAX_AGE_SECONDS, Number(maxAge[2])))
}

interface Entry {
  keys: PublicJwk[]
  fetchedAt: number
  expiresAt: number
}

export class JwksCache {
  private readonly entries = new Map<string, Entry>()

  /** The keys at `url` that may check an assertion naming `kid`; `now` in ms. */
  async keys(
    url: string,
    kid: string | undefined,
    now: number,
    fetcher: JwksFetcher,
  ): Promise<PublicJwk[] | { problem: string }> {
    const entry = this.entries.get(url)
    if (entry && now < entry.expiresAt) {
      const known = kid === undefined || entry.keys.some((k) => k.kid === kid)
      if (known || now - entry.fetchedAt < REFETCH_UNKNOWN_KID_MS) return entry.keys
    }
    const fetched = await fetcher(url)
    if ('problem' in fetched) return fetched
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(url)) this.entries.clear()
    const expiresAt = now + cacheSeconds(fetched.cacheControl) * 1000
    this.entries.set(url, { keys: fetched.keys, fetchedAt: now, expiresAt })
    return fetched.keys
  }
}
