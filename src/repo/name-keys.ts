// Re-keying names after the folding rule changes (scim/identity.ts foldName). A migration cannot
// compute a Unicode fold in SQL: it backfills lower() (the fold of every ASCII name) and the org's
// writer re-keys the rest with these statements (do/plans/name-keys.ts).
import { sql } from 'drizzle-orm'
import { anyKey, claimKey, read, write } from './claims'
import type { Db } from './db'

/** The folding rule the `…_key` columns of new orgs follow; older orgs are re-keyed to it. */
export const NAME_KEYS_VERSION = 1

/** A name outside printable ASCII: the only ones lower() may have keyed differently. */
const NOT_PRINTABLE_ASCII = `'*[^ -~]*'`

export interface KeyedName {
  seq: number
  id: string
  name: string
  nameKey: string
  display: string | null
  displayKey: string | null
}

/** Orgs whose keys follow an older rule (the scheduled sweep re-keys them). */
export const selectOrgsBehindNameKeys = (db: Db, limit: number) =>
  read(
    db.all<{ id: string }>(
      sql`SELECT id FROM orgs WHERE name_keys_version < ${NAME_KEYS_VERSION} AND moved_to IS NULL
        ORDER BY id LIMIT ${limit}`,
    ),
    [claimKey.org()],
  )

export const selectNameKeysVersion = (db: Db, orgId: string) =>
  read(
    db.all<{ version: number }>(
      sql`SELECT name_keys_version AS version FROM orgs WHERE id = ${orgId}`,
    ),
    [claimKey.org()],
  )

/** Users whose userName or displayName may need a new key, after `afterSeq`, `limit` at a time. */
export const selectUsersToRekey = (db: Db, orgId: string, afterSeq: number, limit: number) =>
  read(
    db.all<KeyedName>(sql`SELECT seq, id, user_name AS name, user_name_key AS nameKey,
      display_name AS display, display_name_key AS displayKey FROM users
      WHERE org_id = ${orgId} AND seq > ${afterSeq}
        AND (user_name GLOB ${sql.raw(NOT_PRINTABLE_ASCII)} OR display_name GLOB ${sql.raw(NOT_PRINTABLE_ASCII)}
          OR (display_name IS NOT NULL AND display_name_key IS NULL))
      ORDER BY seq LIMIT ${limit}`),
    [anyKey('user'), anyKey('userName')],
  )

export const selectTeamsToRekey = (db: Db, orgId: string, afterSeq: number, limit: number) =>
  read(
    db.all<KeyedName>(sql`SELECT seq, id, display_name AS name, display_name_key AS nameKey,
      NULL AS display, NULL AS displayKey FROM teams
      WHERE org_id = ${orgId} AND seq > ${afterSeq} AND display_name GLOB ${sql.raw(NOT_PRINTABLE_ASCII)}
      ORDER BY seq LIMIT ${limit}`),
    [anyKey('team'), anyKey('teamName')],
  )

/** Who holds any of these unique keys now. */
export const selectUserNameKeyHolders = (db: Db, orgId: string, keys: readonly string[]) =>
  read(
    db.all<{ id: string; key: string }>(sql`SELECT id, user_name_key AS key FROM users
      WHERE org_id = ${orgId} AND user_name_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`),
    keys.map(claimKey.userName),
  )

export const selectTeamNameKeyHolders = (db: Db, orgId: string, keys: readonly string[]) =>
  read(
    db.all<{ id: string; key: string }>(sql`SELECT id, display_name_key AS key FROM teams
      WHERE org_id = ${orgId} AND display_name_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`),
    keys.map(claimKey.teamName),
  )

export interface UserKeys {
  id: string
  nameKey: string
  displayKey: string | null
}

export const updateUserKeys = (db: Db, orgId: string, rows: readonly UserKeys[]) =>
  write(
    db.run(sql`UPDATE users SET
      user_name_key = (SELECT json_extract(value, '$.nameKey') FROM json_each(${JSON.stringify(rows)}) WHERE json_extract(value, '$.id') = users.id),
      display_name_key = (SELECT json_extract(value, '$.displayKey') FROM json_each(${JSON.stringify(rows)}) WHERE json_extract(value, '$.id') = users.id)
      WHERE org_id = ${orgId} AND id IN (SELECT json_extract(value, '$.id') FROM json_each(${JSON.stringify(rows)}))`),
    // Keys move between rows: a rare maintenance write claims the whole families.
    [anyKey('user'), anyKey('userRef'), anyKey('userName')],
  )

export const updateTeamKeys = (
  db: Db,
  orgId: string,
  rows: readonly { id: string; nameKey: string }[],
) =>
  write(
    db.run(sql`UPDATE teams SET
      display_name_key = (SELECT json_extract(value, '$.nameKey') FROM json_each(${JSON.stringify(rows)}) WHERE json_extract(value, '$.id') = teams.id)
      WHERE org_id = ${orgId} AND id IN (SELECT json_extract(value, '$.id') FROM json_each(${JSON.stringify(rows)}))`),
    [anyKey('team'), anyKey('teamName')],
  )

export const setNameKeysVersion = (db: Db, orgId: string, version: number) =>
  write(db.run(sql`UPDATE orgs SET name_keys_version = ${version} WHERE id = ${orgId}`), [
    claimKey.org(),
  ])
