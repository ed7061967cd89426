// Nothing committed is lost: a failed queue send, an evicted org writer, a fan-out that crashed
// half-way, a delivery message that never came back — every committed event still reaches the
// endpoint at least once (receivers dedupe by webhook-id).
import {
  createExecutionContext,
  createMessageBatch,
  env,
  evictDurableObject,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../../src/do/client'
import type { EventRef } from '../../../src/model/events'
import { queue, EVENTS_QUEUE } from '../../../src/webhooks/queues'
import { resendOverdue } from '../../../src/webhooks/sweep'
import { pruneDeliveries } from '../../../src/jobs/scheduled'
import { admin, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'
import { createUser, type Json } from '../../helpers/resources'
import {
  createWebhook,
  deliveries,
  endpoint,
  received,
  receivedAtLeast,
  settledDeliveries,
} from './receiver'

/** A producer binding that refuses every send (the queue is down). */
const downQueue = {
  send: async () => {
    throw new Error('queue unavailable')
  },
  sendBatch: async () => {
    throw new Error('queue unavailable')
  },
}

interface RelayInternals {
  relay: { queue: unknown; settled(): Promise<void> }
}

async function withRelayQueue(org: TestOrg, queueBinding: unknown) {
  await runInDurableObject(orgWriterStub(env, org.orgId), async (writer) => {
    const { relay } = writer as unknown as RelayInternals
    await relay.settled()
    relay.queue = queueBinding
  })
}

const relaySettled = (org: TestOrg) =>
  runInDurableObject(orgWriterStub(env, org.orgId), (writer) =>
    (writer as unknown as RelayInternals).relay.settled(),
  )

async function userCreatedIds(org: TestOrg): Promise<string[]> {
  const res = await admin(`/orgs/${org.orgId}/events?types=user.created`, OPERATOR_KEY)
  return ((await res.json()) as { data: Json[] }).data.map((e) => e.id)
}

const webhookIds = (requests: { headers: Record<string, string> }[]) =>
  new Set(requests.map((r) => r.headers['webhook-id']))

describe('the relay', () => {
  it('a failed queue send: the next commit sends what was left behind, in order', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    await createWebhook({ url: target.url, orgs: [org.orgId], events: ['user.created'] })
    await createUser(org, 'warm@x.test') // the writer exists and has relayed
    await receivedAtLeast(target.name, 1)
    await withRelayQueue(org, downQueue)
    await createUser(org, 'lost1@x.test')
    await createUser(org, 'lost2@x.test')
    await relaySettled(org)
    expect(await received(target.name)).toHaveLength(1)
    await withRelayQueue(org, env.WEBHOOK_EVENTS)
    await createUser(org, 'next@x.test')
    const requests = await receivedAtLeast(target.name, 4)
    expect(webhookIds(requests)).toEqual(new Set(await userCreatedIds(org)))
  })

  it('a failed send and no more writes: the alarm sends it', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    await createWebhook({ url: target.url, orgs: [org.orgId], events: ['user.created'] })
    await createUser(org, 'warm@x.test')
    await receivedAtLeast(target.name, 1)
    await withRelayQueue(org, downQueue)
    await createUser(org, 'quiet@x.test')
    await relaySettled(org)
    await withRelayQueue(org, env.WEBHOOK_EVENTS)
    expect(await runDurableObjectAlarm(orgWriterStub(env, org.orgId))).toBe(true)
    const requests = await receivedAtLeast(target.name, 2)
    expect(webhookIds(requests)).toEqual(new Set(await userCreatedIds(org)))
  })

  it('a writer evicted before it could send: its alarm, in a new instance, sends it', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    await createWebhook({ url: target.url, orgs: [org.orgId], events: ['user.created'] })
    await createUser(org, 'warm@x.test')
    await receivedAtLeast(target.name, 1)
    await withRelayQueue(org, downQueue)
    await createUser(org, 'evicted@x.test')
    await relaySettled(org)
    const stub = orgWriterStub(env, org.orgId)
    await evictDurableObject(stub)
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    const requests = await receivedAtLeast(target.name, 2)
    expect(webhookIds(requests)).toEqual(new Set(await userCreatedIds(org)))
  })
})

describe('the consumers', () => {
  it('a fan-out that crashed after writing its rows is retried by the queue; nothing is lost', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['team.created'],
    })
    // An event the fan-out will see: a team created while the relay is down (so only we send it).
    await createUser(org, 'warm@x.test')
    await withRelayQueue(org, downQueue)
    await admin(`/orgs/${org.orgId}/teams`, OPERATOR_KEY, { method: 'POST', json: { name: 'T' } })
    await relaySettled(org)
    const events = await admin(`/orgs/${org.orgId}/events?types=team.created`, OPERATOR_KEY)
    const [event] = ((await events.json()) as { data: Json[] }).data
    const ref: EventRef = { orgId: org.orgId, seq: event.seq, id: event.id, type: event.type }
    const message = { id: 'm1', timestamp: new Date(), attempts: 1, body: ref }

    // The crash: the rows are written, sending their delivery messages fails.
    const crashing = { ...env, WEBHOOK_DELIVERIES: downQueue }
    const first = createMessageBatch(EVENTS_QUEUE, [message])
    const ctx1 = createExecutionContext()
    await queue(first, crashing as unknown as typeof env)
    const result = await getQueueResult(first, ctx1)
    expect(result.retryBatch.retry).toBe(true)
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'pending', attempts: 0 }])

    // Queues delivers the batch again: the same rows, now with their messages.
    const again = createMessageBatch(EVENTS_QUEUE, [{ ...message, attempts: 2 }])
    const ctx2 = createExecutionContext()
    await queue(again, env)
    expect((await getQueueResult(again, ctx2)).ackAll).toBe(true)
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ eventId: event.id, status: 'delivered' })
    expect(webhookIds(await received(target.name))).toEqual(new Set([event.id]))
  })

  it('a delivery whose message was lost is sent again by the sweep', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['team.created'],
    })
    await createUser(org, 'warm@x.test')
    await withRelayQueue(org, downQueue)
    await admin(`/orgs/${org.orgId}/teams`, OPERATOR_KEY, { method: 'POST', json: { name: 'T' } })
    await relaySettled(org)
    const events = await admin(`/orgs/${org.orgId}/events?types=team.created`, OPERATOR_KEY)
    const [event] = ((await events.json()) as { data: Json[] }).data
    const ref: EventRef = { orgId: org.orgId, seq: event.seq, id: event.id, type: event.type }
    // The fan-out wrote its row and crashed; its own message was then lost too.
    await queue(
      createMessageBatch(EVENTS_QUEUE, [
        { id: 'm', timestamp: new Date(), attempts: 1, body: ref },
      ]),
      { ...env, WEBHOOK_DELIVERIES: downQueue } as unknown as typeof env,
    )
    await env.DB.prepare(
      `UPDATE webhook_deliveries SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE webhook_id = ?`,
    )
      .bind(hook.id)
      .run()
    expect(await resendOverdue(env)).toBeGreaterThanOrEqual(1)
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ eventId: event.id, status: 'delivered' })
  })
})

describe('retention', () => {
  it("deliveries older than their org's event retention are pruned; newer ones stay", async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    await createUser(org, 'old@x.test')
    await createUser(org, 'new@x.test')
    const [newer, older] = await settledDeliveries(hook.id, 2)
    await env.DB.prepare(`UPDATE webhook_deliveries SET created_at = ? WHERE id = ?`)
      .bind(new Date(Date.now() - 31 * 24 * 3600_000).toISOString(), older.id)
      .run()
    expect(await pruneDeliveries(env)).toBeGreaterThanOrEqual(1)
    expect((await deliveries(hook.id)).map((d) => d.id)).toEqual([newer.id])
  })
})
