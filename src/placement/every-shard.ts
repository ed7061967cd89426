// Work that is not one org's: every shard in turn (the cron's retention, the operator's lists), and
// the few lookups that arrive without an org (a console session's cookie, an OAuth client id),
// which ask every shard at once and keep what a live org row owns.
import type { Bindings } from '../env'
import type { Db } from '../repo/db'
import { shardDatabase, shardsOf, type Shard } from './shards'

export async function onEveryShard<T>(
  env: Bindings,
  work: (db: Db, shard: Shard) => Promise<T>,
): Promise<{ shard: Shard; value: T }[]> {
  return Promise.all(
    shardsOf(env).map(async (shard) => ({
      shard,
      value: await work(shardDatabase(env, shard.id), shard),
    })),
  )
}

/**
 * The first row any shard finds. The lookups passed here only return rows of live orgs (the org's
 * row not marked moved), so a row kept on a shard an org left, or copied to one it is moving to,
 * never answers. Costs one query per shard, in parallel.
 */
export async function findOnAnyShard<T>(
  env: Bindings,
  lookup: (db: Db) => Promise<T[]>,
): Promise<{ row: T; shard: string } | undefined> {
  const found = await onEveryShard(env, (db) => lookup(db))
  for (const { shard, value } of found)
    if (value.length > 0) return { row: value[0], shard: shard.id }
  return undefined
}
