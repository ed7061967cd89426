// Store set-up straight into the benchmark's temporary D1: migrations, the floor's table, and
// bulk rows in the shape test/helpers/seed.ts writes (what the API would write, without its cost).
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const CHUNK = 5000

/** migrations/*.sql in order, split the way `wrangler d1 migrations apply` splits them. */
export async function applyMigrations(db, migrationsDir, extraFiles = []) {
  const { unstable_splitSqlQuery } = await import('wrangler')
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(migrationsDir, f))
  const applied = []
  for (const file of [...files, ...extraFiles]) {
    const statements = unstable_splitSqlQuery(readFileSync(file, 'utf8'))
    if (statements.length > 0) await db.batch(statements.map((s) => db.prepare(s)))
    applied.push(file)
  }
  return applied
}

/**
 * The same migrations on every shard's database (`shards` from runtime.mjs shardsOf), as
 * `npm start` applies them; `extraForDB` (the floor's table) only on DB, the one the floor binds.
 * Returns { shardId: D1 database }.
 */
export async function migrateShards(mf, shards, migrationsDir, extraForDB = []) {
  const dbs = {}
  for (const shard of shards) {
    const db = await mf.getD1Database(shard.binding)
    await applyMigrations(db, migrationsDir, shard.binding === 'DB' ? extraForDB : [])
    dbs[shard.id] = db
  }
  return dbs
}

/**
 * Runs `statement` with the org's commit_seq advanced in the same batch: the org writer then sees
 * its copy of the org's rows is behind and rebuilds it from D1 (src/do/mirror.ts).
 */
function behindWriter(db, orgId, statement) {
  return db.batch([
    statement,
    db.prepare('UPDATE orgs SET commit_seq = commit_seq + 1 WHERE id = ?1').bind(orgId),
  ])
}

export const userNameOf = (i) => `user${i}@bench.test`

/**
 * Appends users `from`..`to-1` (userName user<i>@bench.test, data {"userName","active":true}) to
 * the org and their ids to `ids` (index i = user i).
 */
export async function seedUsers(db, orgId, ids, to) {
  const now = new Date().toISOString()
  for (let start = ids.length; start < to; start += CHUNK) {
    const part = []
    for (let i = start; i < Math.min(to, start + CHUNK); i++) {
      const id = randomUUID()
      ids.push(id)
      part.push([id, userNameOf(i)])
    }
    await behindWriter(
      db,
      orgId,
      db
        .prepare(
          `INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at)
         SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), lower(json_extract(value, '$[1]')),
           json_object('userName', json_extract(value, '$[1]'), 'active', json('true')), ?2, ?2
         FROM json_each(?3)`,
        )
        .bind(orgId, now, JSON.stringify(part)),
    )
  }
}

/** Makes `userIds` members of the team and sets member_count, as the org writer would. */
export async function seedMembers(db, orgId, teamId, userIds) {
  const now = new Date().toISOString()
  for (let start = 0; start < userIds.length; start += CHUNK) {
    await behindWriter(
      db,
      orgId,
      db
        .prepare(
          'INSERT INTO team_members (org_id, team_id, user_id, added_at) SELECT ?1, ?2, value, ?3 FROM json_each(?4)',
        )
        .bind(orgId, teamId, now, JSON.stringify(userIds.slice(start, start + CHUNK))),
    )
  }
  await behindWriter(
    db,
    orgId,
    db
      .prepare('UPDATE teams SET member_count = member_count + ?1 WHERE org_id = ?2 AND id = ?3')
      .bind(userIds.length, orgId, teamId),
  )
}

export async function countUsers(db, orgId) {
  const row = await db
    .prepare('SELECT count(*) AS n FROM users WHERE org_id = ?1')
    .bind(orgId)
    .first()
  return row.n
}

/**
 * Gives every user of the org `costCenter` "CC-<seq mod distinct>" under the extension `urn`, and
 * the value index rows the writer would write with it (src/repo/extension-values.ts).
 */
export async function seedExtensionValues(db, orgId, urn, distinct) {
  await db.batch([
    db
      .prepare(
        `UPDATE users SET data = json_set(data, '$."' || ?2 || '"', json_object('costCenter', 'CC-' || (seq % ?3)))
        WHERE org_id = ?1`,
      )
      .bind(orgId, urn, distinct),
    db
      .prepare(
        `INSERT OR IGNORE INTO user_extension_values (org_id, attr_key, value_key, user_id)
        SELECT org_id, lower(?2 || ':costCenter'), lower('CC-' || (seq % ?3)), id FROM users WHERE org_id = ?1`,
      )
      .bind(orgId, urn, distinct),
    db.prepare('UPDATE orgs SET commit_seq = commit_seq + 1 WHERE id = ?1').bind(orgId),
  ])
}
