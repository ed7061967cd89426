// POST /Bulk (RFC 7644 §3.7): many writes in one request. The request is checked whole first
// (shape, maxOperations → 413, duplicate bulkIds); operations then run in waves (scim/bulk.ts):
// each wave holds operations whose bulkId references all name resources created by earlier waves,
// and goes to the org's writer in one call, in request order, where each operation is planned,
// rate-counted and evented exactly as its single request would be, and group commit shares D1
// batches among them. With failOnErrors, operations go one at a time so that nothing runs after
// the limit is reached (§3.7.3).
import { Hono, type Context } from 'hono'
import {
  type BulkWrite,
  orgWriterStub,
  type ResourceWritten,
  type RpcResult,
  writeMany,
  writerOf,
} from '../../do/client'
import type { AppEnv } from '../../env'
import { addRows } from '../../repo/db'
import {
  BULK_RESPONSE_SCHEMA,
  bulkTarget,
  bulkWaves,
  failedRef,
  parseBulkRequest,
  resolvePath,
  resolveRefs,
  type BulkOperation,
  type BulkRequest,
} from '../../scim/bulk'
import { ScimError, unauthorized } from '../../scim/errors'
import { normalizePatchRequest } from '../../scim/patch'
import { scimBaseUrl } from '../base-url'
import { readJsonBody } from '../body'
import { methodNotAllowedHandler, scimErrorBody } from '../errors'
import { etagOf } from '../render'
import { scimJson } from '../respond'
import { checkResourceBody } from './resources'
import { respondAsync, wantsAsync } from '../async'

interface BulkEntry {
  method: string
  bulkId?: string
  version?: string
  location?: string
  status: string
  response?: unknown
}

export const bulkRoutes = new Hono<AppEnv>()
  .post('/Bulk', runBulk)
  .all('/Bulk', methodNotAllowedHandler(['POST']))

async function runBulk(c: Context<AppEnv>) {
  const request = parseBulkRequest(await readJsonBody(c))
  if (wantsAsync(c)) return respondAsync(c, 'POST', '/Bulk', () => executeBulk(c, request))
  return executeBulk(c, request)
}

async function executeBulk(c: Context<AppEnv>, request: BulkRequest) {
  const session = c.get('session')
  const { orgId, tokenId, kind } = session.caller
  const { waves, refused } = bulkWaves(request.operations)
  const entries = new Map<number, BulkEntry>()
  const ids = new Map<string, string>()
  const base = scimBaseUrl(c)
  const limit = request.failOnErrors ?? Infinity
  let errors = 0
  let verified = false
  const fail = (op: BulkOperation, error: ScimError, location?: string) => {
    errors++
    entries.set(op.index, {
      method: op.method,
      bulkId: op.bulkId,
      location,
      status: String(error.status),
      response: scimErrorBody(error),
    })
  }
  for (const { operation, error } of refused) fail(operation, error)

  const stub = await writerOf(c.env, orgId, c.get('session').caller.placement)
  const io = c.get('io')
  const send = async (writes: BulkWrite[]) => {
    io.do++
    const { results } = await writeMany(stub, orgId, { tokenId, kind }, writes).catch(
      (error: unknown) => {
        console.error(JSON.stringify({ msg: 'org writer unavailable', error: String(error) }))
        throw new ScimError(503, 'The bulk request could not be confirmed; retry it.', undefined, 1)
      },
    )
    // Writes that shared a D1 batch each count its commit in `trips`: count each batch once.
    const batches = new Set(results.flatMap((r) => (r.batch === undefined ? [] : [r.batch])))
    io.doD1 += batches.size
    for (const r of results) {
      io.doD1 += (r.trips ?? 0) - (r.batch === undefined ? 0 : 1)
      if (r.rows) addRows(io.rows, r.rows)
      // A revoked credential answers the whole request 401, as it would any single one.
      if (!r.ok && r.error.status === 401) throw unauthorized(r.error.detail)
    }
    // A write the writer planned checked the credential in its first read (a 429 was refused
    // before planning): then the session is verified.
    if (results.some((r) => r.ok || r.error.status !== 429)) {
      session.markVerified()
      verified = true
    }
    return results
  }

  for (const wave of waves) {
    if (errors >= limit) break
    const ready: { op: BulkOperation; write: BulkWrite; location?: string }[] = []
    for (const op of wave) {
      const missing = op.refs.find((ref) => !ids.has(ref))
      if (missing !== undefined) {
        fail(op, failedRef(missing))
        continue
      }
      try {
        const target = bulkTarget(op.method, resolvePath(op.path, ids))
        const write = toWrite(c, op, target, resolveRefs(op.data, ids))
        const location = target.id && `${base}/${target.kind}s/${target.id}`
        ready.push({ op, write, location })
      } catch (error) {
        if (!(error instanceof ScimError)) throw error
        fail(op, error)
      }
    }
    const batches = Number.isFinite(limit) ? ready.map((r) => [r]) : [ready]
    for (const batch of batches) {
      if (batch.length === 0) continue
      if (errors >= limit) break
      const results = await send(batch.map((r) => r.write))
      results.forEach((result, i) => record(batch[i], result))
    }
  }
  if (!verified) await session.read() // nothing reached the writer: the credential is checked here

  function record(
    { op, write, location }: { op: BulkOperation; write: BulkWrite; location?: string },
    result: RpcResult<unknown>,
  ) {
    if (!result.ok) return fail(op, ScimError.fromData(result.error), location)
    const status = op.method === 'POST' ? 201 : op.method === 'DELETE' ? 204 : 200
    if (op.method === 'DELETE') {
      entries.set(op.index, { method: op.method, bulkId: op.bulkId, location, status: '204' })
      return
    }
    const { resource } = result.value as ResourceWritten
    if (op.method === 'POST' && op.bulkId) ids.set(op.bulkId, resource.id)
    entries.set(op.index, {
      method: op.method,
      bulkId: op.bulkId,
      location: `${base}/${write.kind}s/${resource.id}`,
      version: etagOf(resource),
      status: String(status),
    })
  }

  // Every operation that ran, or was refused, in request order (§3.7.3).
  const Operations = [...entries.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e)
  return scimJson(c, { schemas: [BULK_RESPONSE_SCHEMA], Operations }, 200)
}

/** The operation as the writer runs it, refused here when its body is invalid on its face. */
function toWrite(
  c: Context<AppEnv>,
  op: BulkOperation,
  target: { kind: 'User' | 'Group'; id?: string },
  data: unknown,
): BulkWrite {
  const { kind, id = '' } = target
  const ifMatch = op.version
  switch (op.method) {
    case 'POST':
      checkResourceBody(kind, data, c.get('caller').view)
      return { kind, method: 'POST', body: data }
    case 'PUT':
      checkResourceBody(kind, data, c.get('caller').view)
      return { kind, method: 'PUT', id, body: data, ifMatch }
    case 'PATCH':
      return { kind, method: 'PATCH', id, ops: normalizePatchRequest(data), ifMatch }
    case 'DELETE':
      return { kind, method: 'DELETE', id, ifMatch }
  }
}
