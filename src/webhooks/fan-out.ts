// The first consumer: committed events (relayed by each org's writer) become one pending
// delivery per endpoint that wants them, then one delivery message each. Idempotent: a repeated
// message finds its rows (deterministic ids) and only sends their messages again.
import type { Bindings } from '../env'
import type { EventRef } from '../model/events'
import { receives, toWebhook } from '../model/webhooks'
import { commit, database, runReads } from '../repo/db'
import { insertDeliveries, type NewDeliveryRow } from '../repo/webhook-deliveries'
import { selectWebhooks } from '../repo/webhooks'
import { deliveryId, enqueueDeliveries } from './enqueue'

export async function fanOut(batch: MessageBatch<EventRef>, env: Bindings): Promise<void> {
  const db = database(env.DB)
  const now = new Date().toISOString()
  const [rows] = await runReads(db, selectWebhooks(db))
  const endpoints = rows.filter((row) => row.enabled).map((row) => toWebhook(row, now))
  const deliveries: NewDeliveryRow[] = []
  for (const { body: event } of batch.messages) {
    for (const endpoint of endpoints) {
      if (!receives(endpoint, event.orgId, event.type)) continue
      deliveries.push({
        id: await deliveryId(endpoint.id, event.id),
        webhookId: endpoint.id,
        orgId: event.orgId,
        eventSeq: event.seq,
        eventId: event.id,
        eventType: event.type,
        payload: null,
        status: 'pending',
        nextAttemptAt: now,
        createdAt: now,
      })
    }
  }
  await commit(db, insertDeliveries(db, deliveries))
  await enqueueDeliveries(
    env,
    deliveries.map((d) => d.id),
  )
}
