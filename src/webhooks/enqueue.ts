// Delivery messages and delivery ids: shared by the fan-out, endpoint events, redelivery and the
// overdue sweep.
import type { Bindings } from '../env'

/** A delivery message names its row; the row holds everything else. */
export interface DeliveryMessage {
  deliveryId: string
}

/** Queue messages per send (the Queues limit for sendBatch). */
const SEND_BATCH = 100

export async function enqueueDeliveries(
  env: Bindings,
  ids: readonly string[],
  delaySeconds = 0,
): Promise<void> {
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    await env.WEBHOOK_DELIVERIES.sendBatch(
      ids.slice(i, i + SEND_BATCH).map((deliveryId) => ({
        body: { deliveryId } satisfies DeliveryMessage,
        contentType: 'json' as const,
        delaySeconds,
      })),
    )
  }
}

/**
 * The delivery of one event to one endpoint always has the same id (a UUID-shaped SHA-256 of
 * both), so fanning an event out again finds the rows it made before instead of doubling them.
 */
export async function deliveryId(webhookId: string, eventId: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${webhookId}\n${eventId}`),
  )
  const hex = [...new Uint8Array(digest).slice(0, 16)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
