// Talking to the loopback receiver (test/fixtures/webhook-receiver.ts) and to the webhook API.
import { inject } from 'vitest'
import { admin, OPERATOR_KEY } from '../../helpers/api'
import type { Json } from '../../helpers/resources'

export interface Received {
  headers: Record<string, string>
  body: string
  receivedAt: number
}

/** A fresh endpoint name on the receiver and its URL (`behaviour` is its query string). */
export function endpoint(behaviour = ''): { name: string; url: string } {
  const name = crypto.randomUUID()
  const query = behaviour ? `?${behaviour}` : ''
  return { name, url: `${inject('webhookReceiver')}/r/${name}${query}` }
}

export async function received(name: string): Promise<Received[]> {
  const res = await fetch(`${inject('webhookReceiver')}/r/${name}`)
  return (await res.json()) as Received[]
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Waits until the endpoint has received at least `count` requests. */
export const receivedAtLeast = (name: string, count: number, timeoutMs?: number) =>
  eventually(
    async () => {
      const list = await received(name)
      return list.length >= count ? list : undefined
    },
    `${count} deliveries to ${name}`,
    timeoutMs,
  )

export async function createWebhook(body: Json): Promise<Json> {
  const res = await admin('/webhooks', OPERATOR_KEY, { method: 'POST', json: body })
  if (res.status !== 201) throw new Error(`createWebhook: ${res.status} ${await res.text()}`)
  return (await res.json()) as Json
}

export async function deliveries(webhookId: string, query = ''): Promise<Json[]> {
  const res = await admin(`/webhooks/${webhookId}/deliveries?limit=500${query}`, OPERATOR_KEY)
  return ((await res.json()) as { data: Json[] }).data
}

/** Waits until every delivery of the endpoint has settled (none pending) and returns them. */
export const settledDeliveries = (webhookId: string, count: number) =>
  eventually(async () => {
    const list = await deliveries(webhookId)
    return list.length >= count && list.every((d) => d.status !== 'pending') ? list : undefined
  }, `${count} settled deliveries of ${webhookId}`)
