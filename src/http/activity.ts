// Provisioning activity, recorded where it costs the SCIM path nothing: after the response, each
// SCIM write (any outcome) and each failed request becomes an entry and each successful read a
// count, buffered per org in this isolate and handed to the org's Durable Object in one RPC a
// second later (`waitUntil`), where it is kept in the object's own storage (do/activity.ts). No
// D1 statement, no latency, at most one extra call per org per second per isolate. What an
// isolate has not flushed when it is torn down is lost: activity is an operator's view, not a
// record of truth (the events outbox is that).
import { writerOf } from '../do/client'
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppEnv, Bindings } from '../env'
import { minuteOf, type ActivityBatch, type ActivityEntry } from '../model/activity'
import { recognizeIdp } from '../model/idp'

/** How long a buffer collects before it is flushed. */
export const FLUSH_DELAY_MS = 1000
/** A buffer this full is flushed at once. */
const MAX_BUFFERED = 500

interface Buffer {
  entries: ActivityBatch['entries']
  reads: Map<string, ActivityBatch['reads'][number]>
  flushing: boolean
}

const buffers = new Map<string, Buffer>()

function bufferOf(orgId: string): Buffer {
  let buffer = buffers.get(orgId)
  if (!buffer) {
    buffer = { entries: [], reads: new Map(), flushing: false }
    buffers.set(orgId, buffer)
  }
  return buffer
}

async function flush(env: Bindings, orgId: string): Promise<void> {
  const buffer = bufferOf(orgId)
  buffer.flushing = false
  const batch: ActivityBatch = { entries: buffer.entries, reads: [...buffer.reads.values()] }
  buffer.entries = []
  buffer.reads = new Map()
  if (batch.entries.length === 0 && batch.reads.length === 0) return
  try {
    await (await writerOf(env, orgId)).recordActivity(batch)
  } catch (error) {
    console.error(JSON.stringify({ msg: 'activity flush failed', orgId, error: String(error) }))
  }
}

function schedule(c: Context<AppEnv>, orgId: string, buffer: Buffer): void {
  if (buffer.entries.length >= MAX_BUFFERED) {
    c.executionCtx.waitUntil(flush(c.env, orgId))
    return
  }
  if (buffer.flushing) return
  buffer.flushing = true
  c.executionCtx.waitUntil(
    new Promise((resolve) => setTimeout(resolve, FLUSH_DELAY_MS)).then(() => flush(c.env, orgId)),
  )
}

/** `/scim/v2/Users/:id` → `/Users/{id}`, from the route that answered (request-log.ts). */
function operationPath(c: Context): string {
  const pattern = routePath(c)
  if (!pattern || pattern.endsWith('*')) return c.req.path.replace(/^\/scim\/v2/i, '')
  return pattern.replace(/^\/scim\/v2/i, '').replace(/:(\w+)/g, '{$1}')
}

function resourceOf(c: Context, path: string): Pick<ActivityEntry, 'resourceType' | 'resourceId'> {
  const resourceType = /^\/Users/i.test(path) ? 'User' : /^\/Groups/i.test(path) ? 'Group' : null
  if (!resourceType) return { resourceType, resourceId: null }
  const location = c.res.headers.get('Location')
  const resourceId = c.req.param('id') ?? (location ? location.split('/').pop()! : null)
  return { resourceType, resourceId }
}

/** Records the request once it has been answered (mount after the SCIM bearer middleware). */
export function activityLog(): MiddlewareHandler<AppEnv> {
  return async function recordActivity(c, next) {
    const started = Date.now()
    await next()
    const caller = c.get('caller')
    if (!caller || c.env.ACTIVITY_LOG === 'off') return
    const path = operationPath(c)
    const status = c.res.status
    const read = c.req.method === 'GET' || (c.req.method === 'POST' && /\.search$/i.test(path))
    const idp = recognizeIdp(c.req.header('User-Agent'))
    const at = new Date(started).toISOString()
    const buffer = bufferOf(caller.orgId)
    if (read && status < 400) {
      const key = `${minuteOf(at)}\n${caller.tokenId}\n${idp}`
      const count = buffer.reads.get(key)
      if (count) count.count++
      else buffer.reads.set(key, { minute: minuteOf(at), tokenId: caller.tokenId, idp, count: 1 })
    } else {
      buffer.entries.push({
        at,
        kind: status >= 400 ? 'error' : 'write',
        idp,
        tokenId: caller.tokenId,
        operation: `${c.req.method} ${path}`,
        ...resourceOf(c, path),
        status,
        scimType: c.get('scimType') ?? null,
        durationMs: Date.now() - started,
        requestId: c.get('requestId'),
      })
    }
    schedule(c, caller.orgId, buffer)
  }
}
