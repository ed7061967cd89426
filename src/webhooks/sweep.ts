// The Cron Trigger's part of delivery: a pending delivery whose message never came back (lost by
// a crash between the row and its message, or by Queues' own retry limit) is sent again.
import type { Bindings } from '../env'
import { commit, database, runReads } from '../repo/db'
import { rescheduleDeliveries, selectOverdueDeliveries } from '../repo/webhook-deliveries'
import { enqueueDeliveries } from './enqueue'

/** A pending delivery this late (past its due time) has lost its message. */
const OVERDUE_MS = 10 * 60_000
const RESEND_PER_RUN = 1000

/** Re-sends overdue deliveries; returns how many. */
export async function resendOverdue(env: Bindings): Promise<number> {
  const db = database(env.DB)
  const now = new Date()
  const cutoff = new Date(now.getTime() - OVERDUE_MS).toISOString()
  const [rows] = await runReads(db, selectOverdueDeliveries(db, cutoff, RESEND_PER_RUN))
  if (rows.length === 0) return 0
  const ids = rows.map((r) => r.id)
  // Due now: the next sweep leaves them alone unless this message is lost too.
  await commit(db, [rescheduleDeliveries(db, ids, now.toISOString())])
  await enqueueDeliveries(env, ids)
  return ids.length
}
