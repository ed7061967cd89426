// Where a new org goes (POST /admin/v1/orgs): the shard the operator names, or the shard of the
// org's jurisdiction with the most room — the fewest bytes (D1's size), then the fewest orgs.
// Orgs without a jurisdiction go to shards without one; a jurisdiction's shards take only its orgs.
import type { Bindings } from '../env'
import { runReads } from '../repo/db'
import { selectPlacementCounts } from '../repo/placements'
import { databaseSize } from '../repo/shards'
import { invalidValue } from '../scim/errors'
import { controlDatabase, shardDatabase, shardsOf, type Shard } from './shards'

export interface PlacementRequest {
  shard?: string
  jurisdiction?: string
}

export async function chooseShard(env: Bindings, request: PlacementRequest): Promise<Shard> {
  const shards = shardsOf(env)
  if (request.shard !== undefined) {
    const named = shards.find((s) => s.id === request.shard)
    if (!named) throw invalidValue(`There is no shard "${request.shard}".`)
    if (request.jurisdiction !== undefined && named.jurisdiction !== request.jurisdiction) {
      throw invalidValue(
        `Shard "${named.id}" is not in jurisdiction "${request.jurisdiction}" (it is in ${named.jurisdiction ?? 'none'}).`,
      )
    }
    return named
  }
  const jurisdiction = request.jurisdiction ?? null
  const candidates = shards.filter((s) => s.jurisdiction === jurisdiction)
  if (candidates.length === 0) {
    throw invalidValue(`No shard is in jurisdiction "${jurisdiction}".`)
  }
  if (candidates.length === 1) return candidates[0]
  return (await roomOf(env, candidates))[0].shard
}

/** The candidates, most room first. */
async function roomOf(env: Bindings, candidates: readonly Shard[]) {
  const control = controlDatabase(env)
  const [[counts], sizes] = await Promise.all([
    runReads(control, selectPlacementCounts(control)),
    Promise.all(candidates.map((s) => databaseSize(shardDatabase(env, s.id)))),
  ])
  const orgs = new Map(counts.map((c) => [c.shard, c.orgs]))
  return mostRoomFirst(
    candidates.map((shard, i) => ({ shard, sizeBytes: sizes[i], orgs: orgs.get(shard.id) ?? 0 })),
  )
}

/** Fewest bytes first, then fewest orgs, then by id (a stable choice among equals). */
export const mostRoomFirst = <T extends { shard: Shard; sizeBytes: number; orgs: number }>(
  list: T[],
): T[] =>
  [...list].sort(
    (a, b) => a.sizeBytes - b.sizeBytes || a.orgs - b.orgs || (a.shard.id < b.shard.id ? -1 : 1),
  )
