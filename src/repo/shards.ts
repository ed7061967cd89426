// What one shard database holds, for the operator (GET /admin/v1/shards, docs/scaling.md) and for
// placing new orgs (placement/choose.ts): its live orgs, their users and teams (from org_counts:
// no walk), and its size in bytes as D1 reports it.
import type { Db } from './db'

/** D1's maximum database size (Workers Paid). */
export const MAX_DATABASE_BYTES = 10 * 1024 ** 3

export interface ShardStats {
  orgs: number
  users: number
  teams: number
  sizeBytes: number
}

interface CountsRow {
  orgs: number
  users: number
  teams: number
}

const sizeOf = (result: { meta: unknown }) =>
  (result.meta as { size_after?: number }).size_after ?? 0

/** The database's size in bytes (D1 reports it with every result). */
export async function databaseSize(db: Db): Promise<number> {
  return sizeOf(await db.$client.prepare('SELECT 1').all())
}

/**
 * One statement; the size is the `size_after` D1 reports with every result. Orgs whose row here
 * is a pointer (moved away, or a copy being built) are not counted, nor are their rows.
 */
export async function shardStats(db: Db): Promise<ShardStats> {
  const result = await db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM orgs WHERE moved_to IS NULL) AS orgs,
        coalesce((SELECT sum(c.users) FROM org_counts AS c JOIN orgs AS o ON o.id = c.org_id
          WHERE o.moved_to IS NULL), 0) AS users,
        coalesce((SELECT sum(c.teams) FROM org_counts AS c JOIN orgs AS o ON o.id = c.org_id
          WHERE o.moved_to IS NULL), 0) AS teams`,
    )
    .all<CountsRow>()
  const counts = result.results[0]
  const size = sizeOf(result)
  return { orgs: counts.orgs, users: counts.users, teams: counts.teams, sizeBytes: size }
}
