// What one D1 database holds, for the operator (GET /admin/v1/shards, docs/scaling.md): its orgs,
// users and teams (from org_counts: no walk), and its size in bytes as D1 reports it. Today the
// service has one database, shard `main`; the capacity model says when it needs more.
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

/** One statement; the size is the `size_after` D1 reports with every result. */
export async function shardStats(db: Db): Promise<ShardStats> {
  const result = await db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM orgs) AS orgs,
        coalesce((SELECT sum(users) FROM org_counts), 0) AS users,
        coalesce((SELECT sum(teams) FROM org_counts), 0) AS teams`,
    )
    .all<CountsRow>()
  const counts = result.results[0]
  const size = (result.meta as { size_after?: number }).size_after ?? 0
  return { orgs: counts.orgs, users: counts.users, teams: counts.teams, sizeBytes: size }
}
