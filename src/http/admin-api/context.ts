// What admin routes share: who acts (for the writer and the events), how reads are made (an org
// admin key's reads carry its revocation guard), and the directory's view of the request.
import type { Context } from 'hono'
import type { WriteActor } from '../../do/client'
import type { DirectoryContext } from '../../directory/service'
import type { AppEnv } from '../../env'
import { database } from '../../repo/db'
import { GuardedReader } from '../../repo/guarded-reader'
import { replicaDatabase } from '../replica'
import { OrgRoute, type OpenShard } from '../../placement/route'
import { selectOrg, toOrg } from '../../repo/orgs'
import { notFound } from '../../scim/errors'

export function actorFor(c: Context<AppEnv>): WriteActor {
  const caller = c.get('adminCaller')
  if (caller.role === 'operator') return { operator: true }
  return { tokenId: caller.tokenId, kind: caller.via === 'session' ? 'session' : 'admin' }
}

/**
 * Reads for an admin request: an org admin's session (its revocation guard rides in the
 * first batch), or an unguarded reader for the operator (whose secret has no row to revoke) and
 * for public routes (whose proof is checked by the route itself).
 */
export function reader(c: Context<AppEnv>, orgId?: string): GuardedReader {
  if (c.get('adminCaller')?.role === 'org-admin') return c.get('session')
  let operator = c.get('operatorReader')
  if (!operator) {
    operator = new OperatorReads()
    c.set('operatorReader', operator)
  }
  return operator.reader(c, orgId)
}

/**
 * The operator's readers of one request: one for the control database, one per org it names
 * (each routed to the org's shard). The app's own reads (GET with the operator key) go through a
 * D1 session: replicas when it asks, with a bookmark in the answer (http/replica.ts). Everything
 * else reads the primary.
 */
class OperatorReads {
  private readonly readers = new Map<string, GuardedReader>()

  reader(c: Context<AppEnv>, orgId: string | undefined): GuardedReader {
    let reader = this.readers.get(orgId ?? '')
    if (reader) return reader
    const replicas = c.req.method === 'GET' && c.get('adminCaller') !== undefined
    const now = new Date().toISOString()
    if (orgId === undefined) {
      const db = replicas ? replicaDatabase(c, c.env.DB) : database(c.env.DB)
      reader = new GuardedReader(db, { now })
    } else {
      const open: OpenShard = replicas ? (binding) => replicaDatabase(c, binding) : database
      reader = new GuardedReader(database(c.env.DB), {
        now,
        route: new OrgRoute(c.env, orgId, undefined, open),
      })
    }
    this.readers.set(orgId ?? '', reader)
    return reader
  }

  /** Round trips of all of them (X-IO-Trips). */
  get trips(): number {
    let trips = 0
    for (const reader of this.readers.values()) trips += reader.trips
    return trips
  }
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The operator's reads of this request (counted in X-IO-Trips like a session's). */
    operatorReader?: OperatorReads
  }
}

export async function loadOrg(c: Context<AppEnv>, orgId: string) {
  const db = reader(c, orgId)
  const [rows] = await db.read(selectOrg(db.db, orgId))
  if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
  return toOrg(rows[0])
}

export const directoryContext = (c: Context<AppEnv>, orgId: string): DirectoryContext => ({
  reader: reader(c, orgId),
  secret: c.env.ADMIN_API_KEY,
  orgId,
})
