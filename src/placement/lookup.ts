// Which shard holds an org, as this isolate last learned it. A SCIM request learns it from its
// token's KV record (no lookup at all); everything else asks here: the control database once,
// then this isolate's memory. A stale answer is safe: every read batch probes the org's row on the
// shard it reads (repo/guarded-reader.ts), and a row marked moved names the shard to read instead.
import type { Placement } from '../credentials'
import type { Bindings } from '../env'
import { runReads } from '../repo/db'
import { selectPlacement } from '../repo/placements'
import { controlDatabase } from './shards'

export type { Placement }

/** How long a learned placement is kept; the probe makes an older one cost a round trip at most. */
const KEEP_MS = 5 * 60_000
const MAX_KEPT = 10_000

const known = new Map<string, { placement: Placement; at: number }>()

export function rememberPlacement(orgId: string, placement: Placement, now = Date.now()): void {
  known.delete(orgId)
  if (known.size >= MAX_KEPT) known.delete(known.keys().next().value!)
  known.set(orgId, { placement, at: now })
}

export function forgetPlacement(orgId: string): void {
  known.delete(orgId)
}

/** The org's placement, or null when no org has this id. */
export async function placementOf(env: Bindings, orgId: string): Promise<Placement | null> {
  const kept = known.get(orgId)
  if (kept && Date.now() - kept.at < KEEP_MS) return kept.placement
  const db = controlDatabase(env)
  const [rows] = await runReads(db, selectPlacement(db, orgId))
  if (rows.length === 0) return null
  const placement = { shard: rows[0].shard, jurisdiction: rows[0].jurisdiction }
  rememberPlacement(orgId, placement)
  return placement
}
