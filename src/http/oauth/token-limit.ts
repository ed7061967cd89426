// Token endpoint rate limits, per isolate (approximate, like the admin API's): per address, every
// request — before anything is read; per client, once its assertion's signature verifies, so no
// one else can spend a client's allowance. A client needs about one token an hour.
import { take, type BucketLimits, type BucketState } from '../../limits/token-bucket'
import { tooManyTokenRequests } from '../../model/oauth-error'

export const TOKEN_LIMITS: Record<'address' | 'client', BucketLimits> = {
  address: { ratePerSecond: 20, capacity: 100 },
  client: { ratePerSecond: 1, capacity: 10 },
}
const MAX_TRACKED = 10_000

export class TokenLimiter {
  private readonly buckets = new Map<string, BucketState>()

  /** Takes one request from the bucket of `who`; throws 429 (with Retry-After) when it is empty. */
  take(kind: keyof typeof TOKEN_LIMITS, who: string, now: number): void {
    const key = `${kind}:${who}`
    const result = take(this.buckets.get(key), TOKEN_LIMITS[kind], now)
    if (this.buckets.size >= MAX_TRACKED && !this.buckets.has(key)) this.buckets.clear()
    this.buckets.set(key, result.state)
    if (!result.ok) {
      throw tooManyTokenRequests(
        `Too many token requests from this ${kind}; retry after ${result.retryAfterSeconds} s.`,
        result.retryAfterSeconds,
      )
    }
  }
}
