// What admin routes share: who acts (for the writer and the events), how reads are made (an org
// admin key's reads carry its revocation guard), and the directory's view of the request.
import type { Context } from 'hono'
import type { WriteActor } from '../../do/client'
import type { DirectoryContext } from '../../directory/service'
import type { AppEnv } from '../../env'
import { database } from '../../repo/db'
import { GuardedReader } from '../../repo/guarded-reader'
import { replicaDatabase } from '../replica'
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
export function reader(c: Context<AppEnv>): GuardedReader {
  if (c.get('adminCaller')?.role === 'org-admin') return c.get('session')
  let operator = c.get('operatorReader')
  if (!operator) {
    // The app's own reads (GET with the operator key) go through a D1 session: replicas when it
    // asks, with a bookmark in the answer (http/replica.ts). Everything else reads the primary.
    const db =
      c.req.method === 'GET' && c.get('adminCaller') ? replicaDatabase(c) : database(c.env.DB)
    operator = new GuardedReader(db, { now: new Date().toISOString() })
    c.set('operatorReader', operator)
  }
  return operator
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The operator's reads of this request (counted in X-IO-Trips like a session's). */
    operatorReader?: GuardedReader
  }
}

export async function loadOrg(c: Context<AppEnv>, orgId: string) {
  const db = reader(c)
  const [rows] = await db.read(selectOrg(db.db, orgId))
  if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
  return toOrg(rows[0])
}

export const directoryContext = (c: Context<AppEnv>, orgId: string): DirectoryContext => ({
  reader: reader(c),
  secret: c.env.ADMIN_API_KEY,
  orgId,
})
