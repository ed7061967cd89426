// Users: reads return batchable queries; writes return statements for the org writer's batch.
// Each comes with the keys it touches (claims.ts).
import { sql } from 'drizzle-orm'
import { foldName } from '../scim/identity'
import { claimKey, read, write } from './claims'
import type { Db } from './db'
import { linkIds, resourceFields, type ResourceRow } from './resources'
import { idList } from './json-rows'
import { userColumns } from './rows'
import { indexEmails, unindexEmails } from './user-emails'
import { indexExtensionValues } from './extension-values'
import type { TeamSource, UserState } from '../model/directory'

type Data = Record<string, unknown>

/**
 * The user's teams, as `groups` renders them, in team creation order. The ordered aggregate opens
 * a sorter, and D1 bills a row read for it even when empty, so a user in no team (the EXISTS probe
 * reads nothing then) skips it: a page of 100 such users reads 100 rows, not 200. CROSS JOIN keeps
 * SQLite walking the user's memberships first, not every team of the org per user.
 */
const USER_LINKS =
  sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM team_members e WHERE e.org_id = r.org_id AND e.user_id = r.id)
  THEN (SELECT json_group_array(json_object('value', t.id, 'display', t.display_name) ORDER BY t.seq)
    FROM team_members m CROSS JOIN teams t ON t.org_id = m.org_id AND t.id = m.team_id
    WHERE m.org_id = r.org_id AND m.user_id = r.id)
  ELSE '[]' END`)

export const userFields = (withLinks: boolean) => resourceFields(withLinks ? USER_LINKS : undefined)

/** One user; with its teams (by name) when `withLinks`. */
export const selectUser = (db: Db, orgId: string, id: string, withLinks = true) =>
  read(
    db.all<ResourceRow>(
      sql`SELECT ${userFields(withLinks)} FROM users AS r WHERE r.org_id = ${orgId} AND r.id = ${id}`,
    ),
    withLinks ? [claimKey.user(id), claimKey.userTeams(id)] : [claimKey.user(id)],
    withLinks ? (rows) => rows.flatMap((r) => linkIds(r).map(claimKey.teamRef)) : undefined,
  )

/** A user with what its directory view and events need: its teams (as summaries) and roles. */
export interface UserSnapshotRow {
  id: string
  seq: number
  data: string
  version: number
  createdAt: string
  updatedAt: string
  /** JSON: TeamSummary[] in team creation order. */
  teams: string
  /** JSON: role values, sorted. */
  roles: string
}

export const toUserState = (row: UserSnapshotRow): UserState => ({
  id: row.id,
  data: JSON.parse(row.data) as Record<string, unknown>,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  teams: JSON.parse(row.teams) as TeamSource[],
  roles: JSON.parse(row.roles) as string[],
})

/** The columns of a UserSnapshotRow from alias `r` (also the directory's list pages). */
export const USER_SNAPSHOT_FIELDS = sql.raw(`r.id AS id, r.seq AS seq, r.data AS data,
  r.version AS version, r.created_at AS createdAt, r.updated_at AS updatedAt,
  (SELECT json_group_array(json_object('id', t.id, 'displayName', t.display_name,
      'externalId', t.external_id, 'source', t.source, 'memberCount', t.member_count,
      'createdAt', t.created_at, 'updatedAt', t.updated_at, 'seq', t.seq) ORDER BY t.seq)
    FROM team_members m CROSS JOIN teams t ON t.org_id = m.org_id AND t.id = m.team_id
    WHERE m.org_id = r.org_id AND m.user_id = r.id) AS teams,
  (SELECT json_group_array(a.role ORDER BY a.role) FROM role_assignments a
    WHERE a.org_id = r.org_id AND a.user_id = r.id) AS roles`)

/**
 * The users among `ids`, each with its teams and roles (for directory views and events), in
 * creation order. The ids drive the lookup (`idList`): k ids cost k index seeks, never a walk.
 */
export const selectUserSnapshots = (db: Db, orgId: string, ids: readonly string[]) =>
  read(
    db.all<UserSnapshotRow>(
      sql`SELECT ${USER_SNAPSHOT_FIELDS} FROM ${idList(ids)} CROSS JOIN users AS r
      WHERE r.org_id = ${orgId} AND r.id = j.value ORDER BY r.seq`,
    ),
    ids.flatMap((id) => [
      claimKey.user(id),
      claimKey.userRef(id),
      claimKey.userTeams(id),
      claimKey.userRoles(id),
    ]),
    (rows) =>
      rows.flatMap((r) =>
        (JSON.parse(r.teams) as { id: string }[]).flatMap((t) => [
          claimKey.teamRef(t.id),
          claimKey.team(t.id),
        ]),
      ),
  )

/** Who holds a userName, compared on the same folded key as `userName eq` (uniqueness). */
export const selectUserIdByName = (db: Db, orgId: string, userName: string) =>
  read(
    db.all<{ id: string }>(
      sql`SELECT id FROM users WHERE org_id = ${orgId} AND user_name_key = ${foldName(userName)}`,
    ),
    [claimKey.userName(foldName(userName))],
  )

/** Which of `ids` are users of the org (member references must not cross tenants). */
export const selectExistingUserIds = (db: Db, orgId: string, ids: readonly string[]) =>
  read(
    db.all<{ id: string; display: string }>(
      sql`SELECT id, coalesce(display_name, user_name) AS display FROM users
      WHERE org_id = ${orgId} AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
    ),
    ids.map(claimKey.userRef),
  )

/** The ids of the user's teams. */
export const selectUserTeamIds = (db: Db, orgId: string, userId: string) =>
  read(
    db.all<{ teamId: string }>(
      sql`SELECT team_id AS teamId FROM team_members WHERE org_id = ${orgId} AND user_id = ${userId}`,
    ),
    [claimKey.userTeams(userId)],
  )

export const selectRoles = (db: Db, orgId: string, userId: string) =>
  read(
    db.all<{ role: string }>(
      sql`SELECT role FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${userId} ORDER BY role`,
    ),
    [claimKey.userRoles(userId)],
  )

const userRowKeys = (id: string, userName: unknown) => [
  claimKey.user(id),
  claimKey.userRef(id),
  claimKey.userName(foldName(String(userName ?? ''))),
]

/** Whether what member lists show of the user (its display, its userName key) changes. */
function displayChanged(previous: Data, data: Data): boolean {
  const [a, b] = [userColumns(previous), userColumns(data)]
  return a.userName !== b.userName || a.displayName !== b.displayName
}

/**
 * The user's row, its email index rows and its extension value rows (`roleSchema`: the org's role
 * extension, which is not one of the org's own extensions).
 */
export function insertUser(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  now: string,
  roleSchema: string,
) {
  return [
    insertUserRow(db, orgId, id, data, now),
    ...indexEmails(db, orgId, id, data),
    ...indexExtensionValues(db, orgId, id, data, undefined, roleSchema),
  ]
}

function insertUserRow(db: Db, orgId: string, id: string, data: Data, now: string) {
  const c = userColumns(data)
  return write(
    db.run(sql`INSERT INTO users (org_id, id, user_name, user_name_key, external_id, display_name, display_name_key, active, data, version, created_at, updated_at)
    VALUES (${orgId}, ${id}, ${c.userName}, ${c.userNameKey}, ${c.externalId}, ${c.displayName}, ${c.displayNameKey}, ${c.active ? 1 : 0}, ${JSON.stringify(data)}, 1, ${now}, ${now})`),
    userRowKeys(id, data.userName),
  )
}

/**
 * Rewrites the user's row (and its email index rows when the emails changed); `previous` is the
 * data it replaces (its userName key is freed).
 */
export function updateUser(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  previous: Data,
  version: number,
  now: string,
  roleSchema: string,
) {
  const emailsChanged = JSON.stringify(data.emails) !== JSON.stringify(previous.emails)
  return [
    updateUserRow(db, orgId, id, data, previous, version, now),
    ...(emailsChanged ? indexEmails(db, orgId, id, data) : []),
    ...indexExtensionValues(db, orgId, id, data, previous, roleSchema),
  ]
}

function updateUserRow(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  previous: Data,
  version: number,
  now: string,
) {
  const c = userColumns(data)
  return write(
    db.run(sql`UPDATE users SET user_name = ${c.userName}, user_name_key = ${c.userNameKey}, external_id = ${c.externalId},
    display_name = ${c.displayName}, display_name_key = ${c.displayNameKey}, active = ${c.active ? 1 : 0}, data = ${JSON.stringify(data)}, version = ${version}, updated_at = ${now}
    WHERE org_id = ${orgId} AND id = ${id}`),
    displayChanged(previous, data)
      ? [...userRowKeys(id, data.userName), claimKey.userName(foldName(String(previous.userName)))]
      : [claimKey.user(id)],
  )
}

/**
 * Deletes the user, its memberships of `teamIds` (every team it is in: each team's count and
 * version move) and its roles.
 */
export function deleteUser(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  teamIds: readonly string[],
  now: string,
  roleSchema: string,
) {
  const teams = JSON.stringify(teamIds)
  return [
    write(
      db.run(sql`UPDATE teams SET member_count = member_count - 1, version = version + 1, updated_at = ${now}
      WHERE org_id = ${orgId} AND id IN (SELECT value FROM json_each(${teams}))`),
      teamIds.map(claimKey.team),
    ),
    write(db.run(sql`DELETE FROM team_members WHERE org_id = ${orgId} AND user_id = ${id}`), [
      claimKey.userTeams(id),
      ...teamIds.map(claimKey.members),
    ]),
    write(db.run(sql`DELETE FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${id}`), [
      claimKey.userRoles(id),
    ]),
    unindexEmails(db, orgId, id),
    ...indexExtensionValues(db, orgId, id, {}, data, roleSchema),
    write(
      db.run(sql`DELETE FROM users WHERE org_id = ${orgId} AND id = ${id}`),
      userRowKeys(id, data.userName),
    ),
  ]
}

/** Makes the user's role set exactly `roles` (a handful of rows). */
export function replaceRoles(
  db: Db,
  orgId: string,
  userId: string,
  roles: readonly string[],
  now: string,
) {
  const list = JSON.stringify(roles)
  const claims = [claimKey.userRoles(userId)]
  return [
    write(
      db.run(sql`DELETE FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${userId}
      AND role NOT IN (SELECT value FROM json_each(${list}))`),
      claims,
    ),
    write(
      db.run(sql`INSERT OR IGNORE INTO role_assignments (org_id, user_id, role, assigned_at)
      SELECT ${orgId}, ${userId}, value, ${now} FROM json_each(${list})`),
      claims,
    ),
  ]
}
