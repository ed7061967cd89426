// The endpoint's life: secret rotation with overlap, the test event, redelivery, the delivery log
// (paging, status filter), disabling after failing everything (and telling the other endpoints),
// re-enabling, and who may do any of it.
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY } from '../../helpers/api'
import { createUser, type Json } from '../../helpers/resources'
import {
  createWebhook,
  deliveries,
  endpoint,
  eventually,
  received,
  receivedAtLeast,
  settledDeliveries,
} from './receiver'

const call = (path: string, init: Parameters<typeof admin>[2] = {}) =>
  admin(path, OPERATOR_KEY, init)

describe('secrets', () => {
  it('rotation: during the overlap both secrets sign; each verifies on its own', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    const res = await call(`/webhooks/${hook.id}/rotate-secret`, {
      method: 'POST',
      json: { overlapSeconds: 3600 },
    })
    expect(res.status).toBe(200)
    const rotated = (await res.json()) as Json
    expect(rotated.secret).not.toBe(hook.secret)
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000)
    await createUser(org, 'r@x.test')
    const [request] = await receivedAtLeast(target.name, 1)
    expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2)
    new Webhook(rotated.secret).verify(request.body, request.headers)
    new Webhook(hook.secret).verify(request.body, request.headers)
    const shown = (await (await call(`/webhooks/${hook.id}`)).json()) as Json
    expect(shown.previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt)
    expect(shown).not.toHaveProperty('secret')
  })

  it('rotation without overlap: only the new secret signs', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    const rotated = (await (
      await call(`/webhooks/${hook.id}/rotate-secret`, {
        method: 'POST',
        json: { overlapSeconds: 0 },
      })
    ).json()) as Json
    expect(rotated.previousSecretExpiresAt).toBeNull()
    await createUser(org, 'r0@x.test')
    const [request] = await receivedAtLeast(target.name, 1)
    new Webhook(rotated.secret).verify(request.body, request.headers)
    expect(() => new Webhook(hook.secret).verify(request.body, request.headers)).toThrow()
  })
})

describe('test event and redelivery', () => {
  it('POST …/test delivers a webhook.test event to this endpoint only', async () => {
    const target = endpoint()
    const other = endpoint()
    // Sent whatever the endpoint's filters say.
    const hook = await createWebhook({ url: target.url, events: ['team.created'] })
    await createWebhook({ url: other.url, events: ['team.created'] })
    const res = await call(`/webhooks/${hook.id}/test`, { method: 'POST' })
    expect(res.status).toBe(202)
    const delivery = (await res.json()) as Json
    expect(delivery).toMatchObject({ eventType: 'webhook.test', orgId: null, status: 'pending' })
    const [request] = await receivedAtLeast(target.name, 1)
    const body = new Webhook(hook.secret).verify(request.body, request.headers) as Json
    expect(body).toMatchObject({
      id: delivery.eventId,
      type: 'webhook.test',
      data: { webhookId: hook.id },
    })
    expect(await received(other.name)).toEqual([])
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ id: delivery.id, status: 'delivered' })
  })

  it('redeliver: a failed delivery gets a new round with the same webhook-id', async () => {
    const org = await createTestOrg()
    const target = endpoint('fail=3')
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    await createUser(org, 'again@x.test')
    const [failed] = await settledDeliveries(hook.id, 1)
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500 })
    // Failing everything disabled it (the disable period is 0 s in tests); enable it again.
    const enable = await call(`/webhooks/${hook.id}`, { method: 'PATCH', json: { enabled: true } })
    expect(((await enable.json()) as Json).enabled).toBe(true)
    const res = await call(`/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`, {
      method: 'POST',
    })
    expect(res.status).toBe(202)
    expect((await res.json()) as Json).toMatchObject({
      id: failed.id,
      status: 'pending',
      attempts: 0,
    })
    const requests = await receivedAtLeast(target.name, 4)
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed.eventId]))
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ id: failed.id, status: 'delivered', attempts: 1 })
    const unknown = await call(`/webhooks/${hook.id}/deliveries/${crypto.randomUUID()}/redeliver`, {
      method: 'POST',
    })
    expect(unknown.status).toBe(404)
  })
})

describe('an endpoint down for the whole retry window', () => {
  it('its delivery ends failed, it is disabled, and other endpoints get webhook.disabled', async () => {
    const org = await createTestOrg()
    const dead = endpoint('fail=1000&status=503')
    const watcher = endpoint()
    const hook = await createWebhook({ url: dead.url, orgs: [org.orgId], events: ['user.created'] })
    const watch = await createWebhook({ url: watcher.url, events: ['webhook.disabled'] })
    await createUser(org, 'first@x.test')
    const [failed] = await settledDeliveries(hook.id, 1)
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503 })
    const shown = await eventually(async () => {
      const body = (await (await call(`/webhooks/${hook.id}`)).json()) as Json
      return body.enabled ? undefined : body
    }, 'the endpoint disabled')
    expect(shown.disabledAt).toEqual(expect.any(String))
    expect(shown.disabledReason).toMatch(/every delivery failed/)
    const [notice] = await receivedAtLeast(watcher.name, 1)
    const body = new Webhook(watch.secret).verify(notice.body, notice.headers) as Json
    expect(body).toMatchObject({
      type: 'webhook.disabled',
      data: { webhookId: hook.id, url: dead.url },
    })
    // Disabled: new events are not fanned out to it (a probe endpoint shows the fan-out ran);
    // test and redelivery are refused.
    const probe = endpoint()
    await createWebhook({ url: probe.url, orgs: [org.orgId], events: ['user.created'] })
    await createUser(org, 'second@x.test')
    await receivedAtLeast(probe.name, 1)
    expect((await call(`/webhooks/${hook.id}/test`, { method: 'POST' })).status).toBe(409)
    const redeliver = await call(`/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`, {
      method: 'POST',
    })
    expect(redeliver.status).toBe(409)
    expect(await deliveries(hook.id)).toHaveLength(1)
    expect(await received(dead.name)).toHaveLength(3)
  })
})

describe('the delivery log', () => {
  it('pages newest first to the end and filters by status', async () => {
    const org = await createTestOrg('log', { writesPerSecond: 10_000 })
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    for (let i = 0; i < 7; i++) await createUser(org, `u${i}@x.test`)
    const all = await settledDeliveries(hook.id, 7)
    const seen: Json[] = []
    let after: string | null = null
    do {
      const query: string = after ? `&after=${encodeURIComponent(after)}` : ''
      const page = (await (
        await call(`/webhooks/${hook.id}/deliveries?limit=3${query}`)
      ).json()) as Json
      seen.push(...page.data)
      after = page.next
    } while (after)
    expect(seen.map((d) => d.id)).toEqual(all.map((d) => d.id))
    const userNames = await Promise.all(
      [...seen].reverse().map(async (d) => {
        const events = (await (await call(`/orgs/${org.orgId}/events?limit=100`)).json()) as Json
        return events.data.find((e: Json) => e.id === d.eventId).data.userName
      }),
    )
    expect(userNames).toEqual([...Array(7).keys()].map((i) => `u${i}@x.test`))
    expect(await deliveries(hook.id, '&status=failed')).toEqual([])
    expect(await deliveries(hook.id, '&status=delivered')).toHaveLength(7)
    const bad = await call(`/webhooks/${hook.id}/deliveries?after=nonsense`)
    expect(bad.status).toBe(400)
  })
})
