// Cron Trigger work (wrangler.toml [triggers]): maintenance that no request waits for.
// Each job is bounded per run; what it does not reach, the next run does.
import { orgWriterStub, unwrap } from '../do/client'
import type { Bindings } from '../env'
import { database, runReads } from '../repo/db'
import { selectOrgsBehindNameKeys } from '../repo/name-keys'

/** Orgs re-keyed per run (each re-key runs in its org's writer, in pages). */
const REKEY_ORGS_PER_RUN = 50

export async function scheduled(_controller: ScheduledController, env: Bindings): Promise<void> {
  await rekeyOrgsBehind(env)
}

/**
 * Orgs whose name keys follow an older folding rule and that have not written since the deploy
 * (a writer re-keys its org before its first write anyway). Collisions are reported as events.
 */
export async function rekeyOrgsBehind(env: Bindings): Promise<number> {
  const db = database(env.DB)
  const [orgs] = await runReads(db, selectOrgsBehindNameKeys(db, REKEY_ORGS_PER_RUN))
  for (const { id } of orgs) {
    await unwrap(orgWriterStub(env, id).rebuildNameKeys(id)).catch((error: unknown) =>
      console.error(
        JSON.stringify({ msg: 'name key rebuild failed', orgId: id, error: String(error) }),
      ),
    )
  }
  return orgs.length
}
