// Per-org read limiting, per isolate: a token bucket in memory at the org's rate (carried in the
// token's KV record, so no extra lookup). Approximate by design — reads skip the OrgWriter, and
// one org's IdP traffic lands on few isolates — it stops floods, never a real sync (DEFAULT_RATES).
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { DEFAULT_RATES, limitsFor, take, type BucketState } from '../limits/token-bucket'
import { tooManyRequests } from '../scim/errors'

const MAX_TRACKED_ORGS = 10_000

export function readLimit(): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, BucketState>()
  return async function limitReads(c, next) {
    const isRead = c.req.method === 'GET' || c.req.path.endsWith('/.search')
    if (!isRead) return next()
    const { orgId, view } = c.get('caller')
    const rate = view?.readsPerSecond ?? DEFAULT_RATES.readsPerSecond
    const result = take(buckets.get(orgId), limitsFor(rate), Date.now())
    if (buckets.size >= MAX_TRACKED_ORGS && !buckets.has(orgId)) buckets.clear()
    buckets.set(orgId, result.state)
    if (!result.ok) {
      const detail = `Too many reads for this organization (limit ${rate}/s); retry after ${result.retryAfterSeconds} s.`
      throw tooManyRequests(detail, result.retryAfterSeconds)
    }
    await next()
  }
}
