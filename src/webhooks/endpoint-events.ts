// Events about endpoints themselves, not in any org's outbox: `webhook.test` (sent to the one
// endpoint asked) and `webhook.disabled` (sent to every other enabled endpoint that takes it).
// Their body is stored with the delivery: `{id, type, occurredAt, data}`.
import type { Bindings } from '../env'
import { commit, database } from '../repo/db'
import { insertDeliveries, type NewDeliveryRow } from '../repo/webhook-deliveries'
import { deliveryId, enqueueDeliveries } from './enqueue'

export type EndpointEventType = 'webhook.test' | 'webhook.disabled'

export async function sendEndpointEvent(
  env: Bindings,
  type: EndpointEventType,
  data: object,
  webhookIds: readonly string[],
): Promise<NewDeliveryRow[]> {
  if (webhookIds.length === 0) return []
  const db = database(env.DB)
  const now = new Date().toISOString()
  const eventId = crypto.randomUUID()
  const payload = JSON.stringify({ id: eventId, type, occurredAt: now, data })
  const rows: NewDeliveryRow[] = []
  for (const webhookId of webhookIds) {
    rows.push({
      id: await deliveryId(webhookId, eventId),
      webhookId,
      orgId: null,
      eventSeq: null,
      eventId,
      eventType: type,
      payload,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })
  }
  await commit(db, insertDeliveries(db, rows))
  await enqueueDeliveries(
    env,
    rows.map((r) => r.id),
  )
  return rows
}
