// Keeping the read path's view of an org fresh. A SCIM token's KV record carries the org's view
// (role settings, profile, entitlement types, extensions — credentials/token-record.ts) and the
// isolate caches the record for a minute, so a change of the org would reach reads only after that
// minute plus KV's propagation. Instead every request's org probe reads the org row's `updated_at`
// (repo/orgs.ts selectOrgPointer, in every read batch); when it is not the version the cached
// view was made from, the view is rebuilt from the org row here, cached, and written back to KV.
// The request that noticed was answered with the view it had; the next one has the new view.
import type { Context } from 'hono'
import { orgView, putTokenRecord, type TokenCache, type TokenRecord } from '../credentials'
import type { AppEnv } from '../env'
import type { GuardedReader } from '../repo/guarded-reader'
import { selectOrg, toOrg } from '../repo/orgs'

/** The guard's version differs from the view's (a view without a version is refreshed once). */
export const viewIsStale = (record: TokenRecord, orgVersion: string | null) =>
  record.view !== undefined && orgVersion !== null && record.view.version !== orgVersion

/**
 * Rewrites the token's record (isolate cache and KV): with the view rebuilt from the org row when
 * `reader` is given (it reads the org's shard), and with whatever placement `record` carries.
 */
export async function refreshTokenRecord(
  c: Context<AppEnv>,
  cache: TokenCache,
  hash: string,
  record: TokenRecord,
  reader?: GuardedReader,
): Promise<void> {
  let fresh = record
  if (reader) {
    const [rows] = await reader.read(selectOrg(reader.db, record.orgId))
    if (rows.length === 0) return
    const org = toOrg(rows[0])
    fresh = { ...record, view: orgView(org.settings, org) }
  }
  cache.set(hash, fresh, Date.now())
  c.executionCtx.waitUntil(
    putTokenRecord(c.env.TOKENS, hash, fresh).catch((error: unknown) =>
      console.error(JSON.stringify({ msg: 'token record refresh failed', error: String(error) })),
    ),
  )
}
