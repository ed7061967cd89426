// The directory's reads (admin API, the `Directory` service binding): pages in insertion order
// with keyset cursors (`seq > after`), so paging to the end while others write never shows a row
// twice nor skips one that existed when paging began. Each page is one statement.
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm'
import { foldName } from '../scim/identity'
import { foldCase } from '../scim/text'
import { anyKey, claimKey, read } from './claims'
import type { Db } from './db'
import { events } from './schema'
import { TEAM_SUMMARY_FIELDS, type TeamSummary } from './teams'
import { USER_SNAPSHOT_FIELDS, type UserSnapshotRow } from './users'

export interface UserFilter {
  email?: string
  externalId?: string
  active?: boolean
  teamId?: string
  role?: string
  q?: string
}

/** Keys from `prefix` (inclusive) to the next prefix (exclusive): an index range for "starts with". */
const prefixRange = (column: SQL, prefix: string) =>
  sql`(${column} >= ${prefix} AND ${column} < ${prefix + '\u{10FFFF}'})`

/**
 * The ids a search matches, from three index ranges (user_name_key, display_name_key, the email
 * index): the page then seeks only those users, never walks the org.
 */
function searchIds(orgId: string, q: string) {
  const name = foldName(q)
  const email = foldCase(q)
  return sql`(SELECT id FROM users WHERE org_id = ${orgId} AND ${prefixRange(sql`user_name_key`, name)}
    UNION SELECT id FROM users WHERE org_id = ${orgId} AND ${prefixRange(sql`display_name_key`, name)}
    UNION SELECT user_id AS id FROM user_emails WHERE org_id = ${orgId} AND ${prefixRange(sql`value_key`, email)}) AS m`
}

/** Users after `afterSeq`, `limit` of them, narrowed by indexed conditions only. */
export function selectUsersPage(
  db: Db,
  orgId: string,
  afterSeq: number,
  limit: number,
  filter: UserFilter,
) {
  const conditions: SQL[] = [sql`r.org_id = ${orgId}`, sql`r.seq > ${afterSeq}`]
  // An email names a few users: they are found from the email index (bound to the org, so the
  // list is not re-run per row) and then ordered, instead of walking the org in seq order.
  if (filter.email !== undefined) {
    conditions.push(
      sql`r.id IN (SELECT user_id FROM user_emails WHERE org_id = ${orgId} AND value_key = ${foldCase(filter.email)})`,
    )
  }
  if (filter.externalId !== undefined) conditions.push(sql`r.external_id = ${filter.externalId}`)
  if (filter.active !== undefined) conditions.push(sql`r.active = ${filter.active ? 1 : 0}`)
  if (filter.role !== undefined) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM role_assignments a WHERE a.org_id = r.org_id AND a.user_id = r.id AND a.role = ${filter.role})`,
    )
  }
  if (filter.teamId !== undefined) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM team_members m WHERE m.org_id = r.org_id AND m.team_id = ${filter.teamId} AND m.user_id = r.id)`,
    )
  }
  const from =
    filter.q === undefined
      ? sql`users AS r`
      : sql`${searchIds(orgId, filter.q)} CROSS JOIN users AS r`
  if (filter.q !== undefined) conditions.push(sql`r.id = m.id`)
  return read(
    db.all<UserSnapshotRow>(
      sql`SELECT ${USER_SNAPSHOT_FIELDS} FROM ${from} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ${filter.email === undefined ? sql`r.seq` : sql`+r.seq`} LIMIT ${limit}`,
    ),
    [anyKey('user'), anyKey('userTeams'), anyKey('teamRef')],
  )
}

/** Teams after `afterSeq`; `name` matches the whole name as IdPs link by it (folded). */
export function selectTeamsPage(
  db: Db,
  orgId: string,
  afterSeq: number,
  limit: number,
  name: string | undefined,
) {
  const byName = name === undefined ? sql`` : sql` AND t.display_name_key = ${foldName(name)}`
  return read(
    db.all<TeamSummary>(
      sql`SELECT ${TEAM_SUMMARY_FIELDS} FROM teams AS t WHERE t.org_id = ${orgId} AND t.seq > ${afterSeq}${byName} ORDER BY t.seq LIMIT ${limit}`,
    ),
    [anyKey('team')],
  )
}

export interface MemberRow {
  seq: number
  userId: string
  data: string
  roles: string
  addedAt: string
}

/** A team's members after the user seq `afterSeq`, in user creation order. */
export const selectMembersPage = (
  db: Db,
  orgId: string,
  teamId: string,
  afterSeq: number,
  limit: number,
) =>
  read(
    db.all<MemberRow>(
      sql`SELECT u.seq AS seq, u.id AS userId, u.data AS data, m.added_at AS addedAt,
        (SELECT json_group_array(a.role ORDER BY a.role) FROM role_assignments a
          WHERE a.org_id = u.org_id AND a.user_id = u.id) AS roles
      FROM team_members m CROSS JOIN users u ON u.org_id = m.org_id AND u.id = m.user_id
      WHERE m.org_id = ${orgId} AND m.team_id = ${teamId} AND u.seq > ${afterSeq}
      ORDER BY u.seq LIMIT ${limit}`,
    ),
    [claimKey.members(teamId), anyKey('user')],
  )

/** The outbox after `after` (a seq), oldest first, optionally of some types only. */
export const selectEventsPage = (
  db: Db,
  orgId: string,
  after: number,
  limit: number,
  types: readonly string[] | undefined,
  resourceId?: string,
) =>
  read(
    db
      .select()
      .from(events)
      .where(
        and(
          eq(events.orgId, orgId),
          gt(events.seq, after),
          types && types.length > 0 ? inArray(events.type, [...types]) : undefined,
          resourceId === undefined ? undefined : eq(events.resourceId, resourceId),
        ),
      )
      .orderBy(asc(events.seq))
      .limit(limit),
    [],
  )
