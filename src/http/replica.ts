// D1 read replicas for the app's directory reads (README: Using the directory in your app), with
// the Sessions API's bookmarks for read-your-writes across requests. SCIM never uses them: an IdP
// returns no bookmark, and a replica read before a read-modify-write is how members get dropped.
// Org admin keys do not either: their revocation guard must see the primary (repo/guarded-reader.ts).
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { sessionDatabase, type Db } from '../repo/db'
import { invalidValue } from '../scim/errors'
import { OrgRoute } from '../placement/route'

/** Request: where to start (a bookmark, or a D1 constraint). Response: the session's latest bookmark. */
export const BOOKMARK_HEADER = 'X-D1-Bookmark'

/** D1's constraints; anything else must look like a D1 bookmark (hex groups joined by dashes). */
const CONSTRAINTS = ['first-primary', 'first-unconstrained']
const BOOKMARK = /^[0-9a-f]{1,32}(?:-[0-9a-f]{1,32}){0,7}$/i

/**
 * The request's starting point: absent → the primary (never stale); `first-unconstrained` → any
 * replica; a bookmark from an earlier answer → a replica at least that fresh.
 */
export function startingPoint(c: Context<AppEnv>): string {
  const sent = c.req.header(BOOKMARK_HEADER)?.trim()
  if (!sent) return 'first-primary'
  if (CONSTRAINTS.includes(sent) || (sent.length <= 200 && BOOKMARK.test(sent))) return sent
  throw invalidValue(
    `${BOOKMARK_HEADER} must be a bookmark from an earlier answer, "first-unconstrained" or "first-primary".`,
  )
}

/** A D1 session for this request: its reads may go to replicas; its bookmark is answered. */
export function replicaDatabase(
  c: Context<AppEnv>,
  binding: D1Database,
  start = startingPoint(c),
): Db {
  const session = binding.withSession(start)
  c.set('d1Session', session)
  return sessionDatabase(session)
}

/**
 * The answer's bookmark, for an app write (which the org's writer committed on the primary): a
 * primary session that has seen the write, so a read that passes it sees the write too.
 */
export async function bookmarkAfterWrite(c: Context<AppEnv>, orgId: string): Promise<void> {
  const route = new OrgRoute(c.env, orgId, undefined, (binding) =>
    replicaDatabase(c, binding, 'first-primary'),
  )
  const db = await route.db()
  await db.$client.prepare('SELECT 1').first()
}

/** Sets the answer's bookmark header when the request used a D1 session. */
export function answerBookmark(c: Context<AppEnv>, res: Response): Response {
  const bookmark = c.get('d1Session')?.getBookmark()
  if (bookmark) res.headers.set(BOOKMARK_HEADER, bookmark)
  return res
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's D1 session, when its reads may use replicas (http/replica.ts). */
    d1Session?: D1DatabaseSession
  }
}
