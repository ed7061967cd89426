// The org settings a read needs (role extension for the User schema): from the token's KV record
// when it carries them (no D1 statement at all), else read with the request's own first batch.
import type { Context } from 'hono'
import { orgView, type OrgView } from '../credentials'
import type { AppEnv } from '../env'
import type { Read } from '../repo/claims'
import { selectOrg, toOrg } from '../repo/orgs'
import { notFound } from '../scim/errors'

/**
 * Runs `query` in one batch and returns its rows with the org's view; the org row rides in the
 * same batch only when the token's record lacks the view.
 */
export async function readWithOrgView<T>(
  c: Context<AppEnv>,
  query?: Read<T>,
): Promise<{ view: OrgView; rows: T | undefined }> {
  const session = c.get('session')
  const { caller, db } = session
  if (caller.view) {
    const rows = query ? (await session.read(query))[0] : undefined
    return { view: caller.view, rows }
  }
  const [orgRows, rows] = query
    ? await session.read(selectOrg(db, caller.orgId), query)
    : [(await session.read(selectOrg(db, caller.orgId)))[0], undefined]
  if (orgRows.length === 0) throw notFound('The organization no longer exists.')
  const org = toOrg(orgRows[0])
  return { view: orgView(org.settings, org), rows }
}
