// Admin API rate limits, per credential and per isolate (approximate, like SCIM reads): they stop
// a runaway script or a stolen key hammering /admin/v1, never a person or a sane automation.
// The operator (the SaaS backend, automation) gets far more than an org admin key.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { limitsFor, take, type BucketState } from '../limits/token-bucket'
import { tooManyRequests } from '../scim/errors'

export const ADMIN_RATES = { operator: 1000, orgAdmin: 50 } as const
const MAX_TRACKED = 10_000

export function adminLimit(): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, BucketState>()
  return async function limitAdmin(c, next) {
    const caller = c.get('adminCaller')
    const key = caller.role === 'operator' ? 'operator' : caller.tokenId
    const rate = caller.role === 'operator' ? ADMIN_RATES.operator : ADMIN_RATES.orgAdmin
    const result = take(buckets.get(key), limitsFor(rate), Date.now())
    if (buckets.size >= MAX_TRACKED && !buckets.has(key)) buckets.clear()
    buckets.set(key, result.state)
    if (!result.ok) {
      throw tooManyRequests(
        `Too many admin requests for this key (limit ${rate}/s); retry after ${result.retryAfterSeconds} s.`,
        result.retryAfterSeconds,
      )
    }
    await next()
  }
}
