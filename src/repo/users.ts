// Users: reads return batchable queries; writes return statements for the org writer's batch.
import { sql } from 'drizzle-orm'
import type { Db } from './db'
import { resourceFields, type ResourceRow } from './resources'
import { userColumns } from './rows'
import { foldCase } from '../scim/text'

type Data = Record<string, unknown>

/** The user's teams, as `groups` renders them, in team creation order. */
export const USER_LINKS =
  sql.raw(`(SELECT json_group_array(json_object('value', t.id, 'display', t.display_name) ORDER BY t.seq)
  FROM team_members m JOIN teams t ON t.org_id = m.org_id AND t.id = m.team_id
  WHERE m.org_id = r.org_id AND m.user_id = r.id)`)

export const userFields = (withLinks: boolean) => resourceFields(withLinks ? USER_LINKS : undefined)

export const selectUser = (db: Db, orgId: string, id: string, withLinks = true) =>
  db.all<ResourceRow>(
    sql`SELECT ${userFields(withLinks)} FROM users AS r WHERE r.org_id = ${orgId} AND r.id = ${id}`,
  )

/** Who holds a userName, compared on the same folded key as `userName eq` (uniqueness). */
export const selectUserIdByName = (db: Db, orgId: string, userName: string) =>
  db.all<{ id: string }>(
    sql`SELECT id FROM users WHERE org_id = ${orgId} AND user_name_key = ${foldCase(userName)}`,
  )

/** Which of `ids` are users of the org (member references must not cross tenants). */
export const selectExistingUserIds = (db: Db, orgId: string, ids: readonly string[]) =>
  db.all<{ id: string; display: string }>(
    sql`SELECT id, coalesce(display_name, user_name) AS display FROM users
      WHERE org_id = ${orgId} AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  )

/** The ids of the user's teams. */
export const selectUserTeamIds = (db: Db, orgId: string, userId: string) =>
  db.all<{ teamId: string }>(
    sql`SELECT team_id AS teamId FROM team_members WHERE org_id = ${orgId} AND user_id = ${userId}`,
  )

export function insertUser(db: Db, orgId: string, id: string, data: Data, now: string) {
  const c = userColumns(data)
  return db.run(sql`INSERT INTO users (org_id, id, user_name, user_name_key, external_id, display_name, active, data, version, created_at, updated_at)
    VALUES (${orgId}, ${id}, ${c.userName}, ${c.userNameKey}, ${c.externalId}, ${c.displayName}, ${c.active ? 1 : 0}, ${JSON.stringify(data)}, 1, ${now}, ${now})`)
}

export function updateUser(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  version: number,
  now: string,
) {
  const c = userColumns(data)
  return db.run(sql`UPDATE users SET user_name = ${c.userName}, user_name_key = ${c.userNameKey}, external_id = ${c.externalId},
    display_name = ${c.displayName}, active = ${c.active ? 1 : 0}, data = ${JSON.stringify(data)}, version = ${version}, updated_at = ${now}
    WHERE org_id = ${orgId} AND id = ${id}`)
}

/** Deletes the user, its memberships (adjusting each team's count and version) and its roles. */
export function deleteUser(db: Db, orgId: string, id: string, now: string) {
  return [
    db.run(sql`UPDATE teams SET member_count = member_count - 1, version = version + 1, updated_at = ${now}
      WHERE org_id = ${orgId} AND id IN (SELECT team_id FROM team_members WHERE org_id = ${orgId} AND user_id = ${id})`),
    db.run(sql`DELETE FROM team_members WHERE org_id = ${orgId} AND user_id = ${id}`),
    db.run(sql`DELETE FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${id}`),
    db.run(sql`DELETE FROM users WHERE org_id = ${orgId} AND id = ${id}`),
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
  return [
    db.run(sql`DELETE FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${userId}
      AND role NOT IN (SELECT value FROM json_each(${list}))`),
    db.run(sql`INSERT OR IGNORE INTO role_assignments (org_id, user_id, role, assigned_at)
      SELECT ${orgId}, ${userId}, value, ${now} FROM json_each(${list})`),
  ]
}

export const selectRoles = (db: Db, orgId: string, userId: string) =>
  db.all<{ role: string }>(
    sql`SELECT role FROM role_assignments WHERE org_id = ${orgId} AND user_id = ${userId} ORDER BY role`,
  )
