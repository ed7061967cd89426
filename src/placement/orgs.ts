// Orgs across shards: placing a new one (its id is claimed in the control database first, so ids
// are unique service-wide), giving the id back when its creation fails, and listing them all.
import type { Bindings } from '../env'
import { commit, runReads } from '../repo/db'
import { deletePlacement, insertPlacement } from '../repo/placements'
import { StoreFailure } from '../repo/failures'
import { selectLiveOrgs, toOrg, type Org } from '../repo/orgs'
import { uniqueness } from '../scim/errors'
import { chooseShard, type PlacementRequest } from './choose'
import { onEveryShard } from './every-shard'
import { rememberPlacement, type Placement } from './lookup'
import { controlDatabase } from './shards'

export async function placeOrg(
  env: Bindings,
  orgId: string,
  request: PlacementRequest,
): Promise<Placement> {
  const shard = await chooseShard(env, request)
  const placement = { shard: shard.id, jurisdiction: request.jurisdiction ?? shard.jurisdiction }
  const db = controlDatabase(env)
  const row = { orgId, ...placement, createdAt: new Date().toISOString() }
  try {
    await commit(db, [insertPlacement(db, row)])
  } catch (error) {
    if (error instanceof StoreFailure && error.reason !== 'unavailable') {
      throw uniqueness(`Org ${orgId} already exists.`)
    }
    throw error
  }
  rememberPlacement(orgId, placement)
  return placement
}

/** The org was not created on its shard: its id is free again. Rethrows why. */
export async function unplaceOrg(env: Bindings, orgId: string, why: unknown): Promise<never> {
  const db = controlDatabase(env)
  await commit(db, [deletePlacement(db, orgId)])
  throw why
}

/** Every live org on every shard, oldest first, with where it lives. */
export async function everyOrg(env: Bindings): Promise<(Org & { placement: Placement })[]> {
  const perShard = await onEveryShard(env, async (db, shard) => {
    const [rows] = await runReads(db, selectLiveOrgs(db))
    return rows.map((row) => ({
      ...toOrg(row),
      placement: { shard: shard.id, jurisdiction: shard.jurisdiction },
    }))
  })
  return perShard
    .flatMap((s) => s.value)
    .sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
    )
}
