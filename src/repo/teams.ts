// Teams (SCIM Groups) and their members. Membership writes are set-based: adding or removing k
// members costs O(k) rows through one JSON parameter per chunk, never O(team size). Each builder
// comes with the keys it touches (claims.ts).
import { sql } from 'drizzle-orm'
import { foldName } from '../scim/identity'
import { anyKey, claimKey, read, write } from './claims'
import type { Db } from './db'
import { chunks, idList } from './json-rows'
import { linkIds, resourceFields, type ResourceRow } from './resources'
import { teamColumns } from './rows'
import type { TeamSource } from '../model/directory'

type Data = Record<string, unknown>

/**
 * The team's members, as `members` renders them, in user creation order; an empty team skips the
 * sorter (see USER_LINKS in repo/users.ts), and CROSS JOIN keeps SQLite walking the memberships.
 */
const TEAM_LINKS =
  sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM team_members e WHERE e.org_id = r.org_id AND e.team_id = r.id)
  THEN (SELECT json_group_array(json_object('value', u.id, 'display', coalesce(u.display_name, u.user_name)) ORDER BY u.seq)
    FROM team_members m CROSS JOIN users u ON u.org_id = m.org_id AND u.id = m.user_id
    WHERE m.org_id = r.org_id AND m.team_id = r.id)
  ELSE '[]' END`)

export const teamFields = (withLinks: boolean) => resourceFields(withLinks ? TEAM_LINKS : undefined)

/** One team; with its members (by display) when `withLinks`. */
export const selectTeam = (db: Db, orgId: string, id: string, withLinks = true) =>
  read(
    db.all<ResourceRow & { memberCount: number; source: 'idp' | 'app'; seq: number }>(
      sql`SELECT ${teamFields(withLinks)}, r.member_count AS memberCount, r.source AS source, r.seq AS seq
      FROM teams AS r WHERE r.org_id = ${orgId} AND r.id = ${id}`,
    ),
    withLinks ? [claimKey.team(id), claimKey.members(id)] : [claimKey.team(id)],
    withLinks ? (rows) => rows.flatMap((r) => linkIds(r).map(claimKey.userRef)) : undefined,
  )

export const selectTeamIdByName = (db: Db, orgId: string, displayName: string) =>
  read(
    db.all<{ id: string }>(
      sql`SELECT id FROM teams WHERE org_id = ${orgId} AND display_name_key = ${foldName(displayName)}`,
    ),
    [claimKey.teamName(foldName(displayName))],
  )

/** A team's row as the directory and events show it (model/directory.ts TeamSource). */
export type TeamSummary = TeamSource

export const TEAM_SUMMARY_FIELDS = sql.raw(`t.id AS id, t.display_name AS displayName,
  t.external_id AS externalId, t.source AS source, t.member_count AS memberCount,
  t.created_at AS createdAt, t.updated_at AS updatedAt, t.seq AS seq`)

/** Which of `ids` are teams of the org, with what `groups` and events show of them. */
export const selectTeamsByIds = (db: Db, orgId: string, ids: readonly string[]) =>
  read(
    db.all<TeamSummary>(
      sql`SELECT ${TEAM_SUMMARY_FIELDS} FROM ${idList(ids)} CROSS JOIN teams AS t
      WHERE t.org_id = ${orgId} AND t.id = j.value ORDER BY t.seq`,
    ),
    ids.flatMap((id) => [claimKey.teamRef(id), claimKey.team(id)]),
  )

/** Which of `userIds` are already members: O(k) primary-key probes. */
export const selectMembersAmong = (
  db: Db,
  orgId: string,
  teamId: string,
  userIds: readonly string[],
) =>
  read(
    db.all<{ userId: string }>(
      sql`SELECT user_id AS userId FROM team_members WHERE org_id = ${orgId} AND team_id = ${teamId}
      AND user_id IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`,
    ),
    [claimKey.members(teamId)],
  )

/** Every member id: only for a full replacement of the member list. */
export const selectAllMemberIds = (db: Db, orgId: string, teamId: string) =>
  read(
    db.all<{ userId: string }>(
      sql`SELECT user_id AS userId FROM team_members WHERE org_id = ${orgId} AND team_id = ${teamId}`,
    ),
    [claimKey.members(teamId)],
  )

const teamRowKeys = (id: string, displayName: unknown) => [
  claimKey.team(id),
  claimKey.teamRef(id),
  claimKey.teamName(foldName(String(displayName ?? ''))),
]

export function insertTeam(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  now: string,
  source: 'idp' | 'app' = 'idp',
) {
  const c = teamColumns(data)
  return write(
    db.run(sql`INSERT INTO teams (org_id, id, display_name, display_name_key, external_id, data, member_count, version, source, created_at, updated_at)
    VALUES (${orgId}, ${id}, ${c.displayName}, ${c.displayNameKey}, ${c.externalId}, ${JSON.stringify(data)}, 0, 1, ${source}, ${now}, ${now})`),
    [...teamRowKeys(id, data.displayName), claimKey.members(id)],
  )
}

/**
 * Rewrites the team's row; `previous` is the data it replaces (its name key is freed), and
 * `memberDelta` what its member_count moves by. Indexed columns are set only when they change:
 * SQLite rewrites (and D1 bills) an index entry for every indexed column a SET names, so a member
 * added costs one row written here, not four.
 */
export function updateTeam(
  db: Db,
  orgId: string,
  id: string,
  data: Data,
  previous: Data,
  version: number,
  now: string,
  memberDelta = 0,
) {
  const c = teamColumns(data)
  const was = teamColumns(previous)
  const named =
    c.displayName === was.displayName && c.externalId === was.externalId
      ? sql``
      : sql`display_name = ${c.displayName}, display_name_key = ${c.displayNameKey}, external_id = ${c.externalId}, `
  const counted = memberDelta === 0 ? sql`` : sql`, member_count = member_count + ${memberDelta}`
  return write(
    db.run(sql`UPDATE teams SET ${named}data = ${JSON.stringify(data)}, version = ${version}, updated_at = ${now}${counted}
    WHERE org_id = ${orgId} AND id = ${id}`),
    renamed(previous, data)
      ? [
          ...teamRowKeys(id, data.displayName),
          claimKey.teamName(foldName(String(previous.displayName))),
        ]
      : [claimKey.team(id)],
  )
}

/** Whether the team's name (what `groups` shows, and its uniqueness key) changes. */
const renamed = (previous: Data, data: Data) =>
  teamColumns(previous).displayName !== teamColumns(data).displayName

const membershipKeys = (teamId: string, userIds: readonly string[]) => [
  claimKey.members(teamId),
  ...userIds.map(claimKey.userTeams),
]

/** Adds members known to be new (the caller computed the delta; see addToMemberCount). */
export function addMembers(
  db: Db,
  orgId: string,
  teamId: string,
  userIds: readonly string[],
  now: string,
) {
  return chunks(userIds).map((part) =>
    write(
      db.run(sql`INSERT OR IGNORE INTO team_members (org_id, team_id, user_id, added_at)
      SELECT ${orgId}, ${teamId}, value, ${now} FROM json_each(${JSON.stringify(part)})`),
      membershipKeys(teamId, part),
    ),
  )
}

export function removeMembers(db: Db, orgId: string, teamId: string, userIds: readonly string[]) {
  return chunks(userIds).map((part) =>
    write(
      db.run(sql`DELETE FROM team_members WHERE org_id = ${orgId} AND team_id = ${teamId}
      AND user_id IN (SELECT value FROM json_each(${JSON.stringify(part)}))`),
      membershipKeys(teamId, part),
    ),
  )
}

/** Adds one user to several teams (default team, `groups` in a User body). */
export function addUserToTeams(
  db: Db,
  orgId: string,
  userId: string,
  teamIds: readonly string[],
  now: string,
) {
  return [
    write(
      db.run(sql`INSERT OR IGNORE INTO team_members (org_id, team_id, user_id, added_at)
      SELECT ${orgId}, value, ${userId}, ${now} FROM json_each(${JSON.stringify(teamIds)})`),
      [claimKey.userTeams(userId), ...teamIds.map(claimKey.members)],
    ),
    bumpTeams(db, orgId, teamIds, 1, now),
  ]
}

export function removeUserFromTeams(
  db: Db,
  orgId: string,
  userId: string,
  teamIds: readonly string[],
  now: string,
) {
  return [
    write(
      db.run(sql`DELETE FROM team_members WHERE org_id = ${orgId} AND user_id = ${userId}
      AND team_id IN (SELECT value FROM json_each(${JSON.stringify(teamIds)}))`),
      [claimKey.userTeams(userId), ...teamIds.map(claimKey.members)],
    ),
    bumpTeams(db, orgId, teamIds, -1, now),
  ]
}

/** member_count += delta and a new version for each team whose membership changed. */
function bumpTeams(db: Db, orgId: string, teamIds: readonly string[], delta: number, now: string) {
  return write(
    db.run(sql`UPDATE teams SET member_count = member_count + ${delta}, version = version + 1, updated_at = ${now}
    WHERE org_id = ${orgId} AND id IN (SELECT value FROM json_each(${JSON.stringify(teamIds)}))`),
    teamIds.map(claimKey.team),
  )
}

/** member_count += delta, relative to whatever the row holds (the team's own write sets version). */
export function addToMemberCount(db: Db, orgId: string, teamId: string, delta: number) {
  return write(
    db.run(
      sql`UPDATE teams SET member_count = member_count + ${delta} WHERE org_id = ${orgId} AND id = ${teamId}`,
    ),
    [claimKey.team(teamId)],
  )
}

/**
 * Deletes the team and its membership rows (every member's `groups` changes: their ids are not
 * read, so it claims them all); the org's default team falls back to none.
 */
export function deleteTeam(db: Db, orgId: string, id: string, data: Data, now: string) {
  return [
    write(db.run(sql`DELETE FROM team_members WHERE org_id = ${orgId} AND team_id = ${id}`), [
      claimKey.members(id),
      anyKey('userTeams'),
    ]),
    write(
      db.run(sql`DELETE FROM teams WHERE org_id = ${orgId} AND id = ${id}`),
      teamRowKeys(id, data.displayName),
    ),
    write(
      db.run(
        sql`UPDATE orgs SET default_team_id = NULL, updated_at = ${now} WHERE id = ${orgId} AND default_team_id = ${id}`,
      ),
      [claimKey.org()],
    ),
  ]
}
