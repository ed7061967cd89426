// The shards this deployment has (wrangler.toml `SHARDS`): each an id, the D1 binding that holds
// it, and the jurisdiction it was created in (D1 `--jurisdiction`). `DB` is also the control
// database; unset, it is the only shard, `main`. Pure but for reading the bindings.
import type { Bindings } from '../env'
import { database, type Db } from '../repo/db'

export interface Shard {
  id: string
  binding: string
  /** D1's jurisdiction for this database ("eu", "fedramp"), or null: anywhere. */
  jurisdiction: string | null
}

const ENTRY = /^([a-z0-9][a-z0-9-]{0,31})=([A-Za-z_][A-Za-z0-9_]*)(?:@([a-z]{2,16}))?$/

/** Parses `id=BINDING[@jurisdiction],…`; a malformed list is a deployment error, thrown. */
export function parseShards(spec: string | undefined): Shard[] {
  if (!spec?.trim()) return [{ id: 'main', binding: 'DB', jurisdiction: null }]
  const shards = spec.split(',').map((entry) => {
    const match = ENTRY.exec(entry.trim())
    if (!match)
      throw new Error(`SHARDS: "${entry.trim()}" is not id=BINDING or id=BINDING@jurisdiction`)
    return { id: match[1], binding: match[2], jurisdiction: match[3] ?? null }
  })
  const ids = new Set(shards.map((s) => s.id))
  if (ids.size !== shards.length) throw new Error('SHARDS: a shard id is listed twice')
  if (!shards.some((s) => s.binding === 'DB')) {
    throw new Error('SHARDS: the control database DB must also be a shard')
  }
  return shards
}

const parsed = new Map<string, Shard[]>()

export function shardsOf(env: Bindings): readonly Shard[] {
  const spec = env.SHARDS ?? ''
  let shards = parsed.get(spec)
  if (!shards) parsed.set(spec, (shards = parseShards(spec)))
  return shards
}

export function findShard(env: Bindings, id: string): Shard | undefined {
  return shardsOf(env).find((s) => s.id === id)
}

/** The drizzle database of a shard; an id the deployment does not list is an error. */
export function shardDatabase(env: Bindings, id: string): Db {
  return database(shardBinding(env, id))
}

export function shardBinding(env: Bindings, id: string): D1Database {
  const shard = findShard(env, id)
  const binding = shard && (env as unknown as Record<string, unknown>)[shard.binding]
  if (!binding) throw new Error(`shard ${id} has no D1 binding in this deployment`)
  return binding as D1Database
}

/** The id of the shard that is also the control database (its binding is `DB`). */
export const controlShardId = (env: Bindings): string =>
  shardsOf(env).find((s) => s.binding === 'DB')!.id

/** The control database: placements, webhooks, signing keys. */
export const controlDatabase = (env: Bindings): Db => database(env.DB)
