// Per-org read limiting, per isolate. A token bucket at the org's rate (carried in the token's KV
// record, so no extra lookup) stops floods; a gate on COSTLY reads keeps one tenant's scans
// (filters that walk multi-valued attributes, sorts on JSON values) from occupying the shared
// database while another tenant's reads wait: each is priced by the rows it examines (400 tooMany
// past MAX_SCAN_WORK) and only a few run at once (429 + Retry-After). Keyed lookups — `userName
// eq`, `emails[type eq "work"].value eq`, GET by id, plain pages — never meet the gate.
// Approximate by design: reads skip the OrgWriter, and one org's traffic lands on few isolates.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { DEFAULT_RATES, limitsFor, take, type BucketState } from '../limits/token-bucket'
import { tooMany, tooManyRequests } from '../scim/errors'

const MAX_TRACKED_ORGS = 10_000
/**
 * A read costing more than this per row (repo/filter-sql.ts units) is costly: it walks a
 * multi-valued attribute of every resource. IdP lookups (indexed columns, the email index) cost 1.
 */
export const COSTLY_READ = 9
/** Costly reads of one org in flight at once, per isolate. */
export const MAX_COSTLY_READS = 1
/** Costly reads of all orgs in flight at once, per isolate (they share one database). */
export const MAX_COSTLY_READS_ALL = 2
/**
 * The most work one costly read may do: its cost per row × the rows it examines (the org's
 * resources): one walk of a multi-valued attribute over 5,000 users, or five over 1,000.
 */
export const MAX_SCAN_WORK = 50_000

/** Set by readLimit: routes admit a costly query (by cost and rows it examines) before running it. */
export interface ReadGate {
  isCostly(cost: number): boolean
  admit(cost: number, rows: number): void
}

declare module 'hono' {
  interface ContextVariableMap {
    readGate: ReadGate
  }
}

export function readLimit(): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, BucketState>()
  const costly = new Map<string, number>()
  let costlyAll = 0
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
    let holding = false
    c.set('readGate', {
      isCostly: (cost) => cost > COSTLY_READ,
      admit(cost, rows) {
        if (cost <= COSTLY_READ) return
        if (cost * rows > MAX_SCAN_WORK) {
          throw tooMany(
            `This search would examine ${rows} resources at a cost of ${cost} each (at most ${MAX_SCAN_WORK} in all): narrow it with an indexed attribute (userName, externalId, displayName, active, id).`,
          )
        }
        if (holding) return
        const running = costly.get(orgId) ?? 0
        if (running >= MAX_COSTLY_READS || costlyAll >= MAX_COSTLY_READS_ALL) {
          throw tooManyRequests(
            'Too many costly searches at once; retry after 1 s, or use a narrower filter.',
            1,
          )
        }
        costly.set(orgId, running + 1)
        costlyAll++
        holding = true
      },
    })
    try {
      await next()
    } finally {
      if (holding) {
        costlyAll--
        const left = (costly.get(orgId) ?? 1) - 1
        if (left > 0) costly.set(orgId, left)
        else costly.delete(orgId)
      }
    }
  }
}
