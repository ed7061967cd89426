// Reads made on behalf of an authenticated caller. The first read batch carries the caller's
// revocation guard (one extra statement, no extra round trip); last-used is written at most
// once per LAST_USED_THROTTLE_MS, after the response, from the guard's own result.
import type { Context } from 'hono'
import type { Caller } from '../env'
import { batch, database, type Db, type Statement } from '../repo/db'
import { selectValidToken, touchTokenRow } from '../repo/tokens'
import { unauthorized } from '../scim/errors'

export const LAST_USED_THROTTLE_MS = 5 * 60 * 1000

type Query = Statement & PromiseLike<unknown>
type Results<T extends readonly Query[]> = { [K in keyof T]: Awaited<T[K]> }

export interface Session {
  readonly caller: Caller
  readonly db: Db
  readonly now: string
  /** True once the caller's token row was seen valid in this request. */
  readonly verified: boolean
  read<T extends readonly Query[]>(...queries: T): Promise<Results<T>>
  /** A write that re-checked the token in its own batch (the org writer does) verifies too. */
  markVerified(): void
}

export function createSession(c: Context, caller: Caller): Session {
  const db = database(c.env.DB)
  const now = new Date().toISOString()
  let verified = false
  return {
    caller,
    db,
    now,
    get verified() {
      return verified
    },
    markVerified() {
      verified = true
    },
    async read<T extends readonly Query[]>(...queries: T): Promise<Results<T>> {
      if (verified && queries.length === 0) return [] as unknown as Results<T>
      const guard = verified ? [] : [selectValidToken(db, caller.tokenId, caller.kind, now)]
      const all = [...guard, ...queries] as unknown as [Query, ...Query[]]
      const results = (await batch(db, all)) as unknown[]
      const io = c.get('io')
      if (io) io.d1++
      if (!verified) {
        const rows = results.shift() as { lastUsedAt: string | null }[]
        if (rows.length === 0) throw unauthorized('The bearer token is revoked or expired.')
        verified = true
        const last = rows[0].lastUsedAt
        if (!last || Date.parse(now) - Date.parse(last) > LAST_USED_THROTTLE_MS) {
          c.executionCtx.waitUntil(
            touchTokenRow(db, caller.tokenId, now)
              .run()
              .then(() => undefined),
          )
        }
      }
      return results as unknown as Results<T>
    },
  }
}
