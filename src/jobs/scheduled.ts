// Cron Trigger work (wrangler.toml [triggers]): maintenance that no request waits for — retention
// of events and webhook deliveries, overdue deliveries, re-keying names after a folding change.
// Each job is bounded per run; what it does not reach, the next run does. One failing job does
// not keep the others from running.
import { unwrap, writerOf } from '../do/client'
import type { Bindings } from '../env'
import { runReads, type Db } from '../repo/db'
import { onEveryShard } from '../placement/every-shard'
import { controlDatabase } from '../placement/shards'
import { pruneEvents as pruneEventRows } from '../repo/events'
import { selectOrgsBehindNameKeys } from '../repo/name-keys'
import { pruneDeliveries as pruneDeliveryRows } from '../repo/webhook-deliveries'
import { resendOverdue } from '../webhooks/sweep'

/** Orgs re-keyed per run (each re-key runs in its org's writer, in pages). */
const REKEY_ORGS_PER_RUN = 50

export async function scheduled(_controller: ScheduledController, env: Bindings): Promise<void> {
  const jobs = { pruneEvents, pruneDeliveries, resendOverdue, rekeyOrgsBehind }
  for (const [name, job] of Object.entries(jobs)) {
    await job(env).catch((error: unknown) =>
      console.error(
        JSON.stringify({ msg: 'scheduled job failed', job: name, error: String(error) }),
      ),
    )
  }
}

/** Rows deleted per statement, and statements per run. */
const PRUNE_BATCH = 5000
const PRUNE_BATCHES_PER_RUN = 20

type Prune = (db: Db, now: string, limit: number) => Promise<unknown>

async function pruneInBatches(db: Db, prune: Prune): Promise<number> {
  const now = new Date().toISOString()
  let pruned = 0
  for (let i = 0; i < PRUNE_BATCHES_PER_RUN; i++) {
    const result = (await prune(db, now, PRUNE_BATCH)) as { meta?: { changes?: number } }
    const changes = result.meta?.changes ?? 0
    pruned += changes
    if (changes < PRUNE_BATCH) break
  }
  return pruned
}

/** Deletes events older than each org's retention window, on every shard; returns how many. */
export async function pruneEvents(env: Bindings): Promise<number> {
  const pruned = await onEveryShard(env, (db) => pruneInBatches(db, pruneEventRows))
  return pruned.reduce((sum, { value }) => sum + value, 0)
}

/**
 * Deletes webhook deliveries (control database) older than their org's retention window — the
 * org's own when it lives on the control shard, else the default 30 days; returns how many.
 */
export const pruneDeliveries = (env: Bindings) =>
  pruneInBatches(controlDatabase(env), pruneDeliveryRows)

/**
 * Orgs whose name keys follow an older folding rule and that have not written since the deploy
 * (a writer re-keys its org before its first write anyway). Collisions are reported as events.
 */
export async function rekeyOrgsBehind(env: Bindings): Promise<number> {
  const behind = await onEveryShard(env, async (db) => {
    const [rows] = await runReads(db, selectOrgsBehindNameKeys(db, REKEY_ORGS_PER_RUN))
    return rows
  })
  const orgs = behind.flatMap((s) => s.value).slice(0, REKEY_ORGS_PER_RUN)
  for (const { id } of orgs) {
    await unwrap((await writerOf(env, id)).rebuildNameKeys(id)).catch((error: unknown) =>
      console.error(
        JSON.stringify({ msg: 'name key rebuild failed', orgId: id, error: String(error) }),
      ),
    )
  }
  return orgs.length
}
