// The Worker's `queue` handler: which consumer a batch is for, by its queue's name (the names in
// wrangler.toml). A consumer that throws has its whole batch delivered again by Queues.
import type { Bindings } from '../env'
import type { EventRef } from '../model/events'
import { deliver } from './deliver'
import type { DeliveryMessage } from './enqueue'
import { fanOut } from './fan-out'

export const EVENTS_QUEUE = 'scim-edge-webhook-events'
export const DELIVERIES_QUEUE = 'scim-edge-webhook-deliveries'

/** Back-off for a fan-out batch that failed (D1 or the queue unavailable): 2^n s, at most 1 h. */
const retryAfter = (attempts: number) => Math.min(3600, 2 ** Math.min(attempts, 12))

export async function queue(batch: MessageBatch, env: Bindings): Promise<void> {
  switch (batch.queue) {
    case EVENTS_QUEUE:
      try {
        await fanOut(batch as MessageBatch<EventRef>, env)
        batch.ackAll()
      } catch (error) {
        const attempts = Math.max(...batch.messages.map((m) => m.attempts))
        console.error(JSON.stringify({ msg: 'webhook fan-out failed', error: String(error) }))
        batch.retryAll({ delaySeconds: retryAfter(attempts) })
      }
      return
    case DELIVERIES_QUEUE:
      return deliver(batch as MessageBatch<DeliveryMessage>, env)
    default:
      console.error(JSON.stringify({ msg: 'batch from an unknown queue', queue: batch.queue }))
      batch.retryAll()
  }
}
