// Webhook delivery end to end: a SCIM write commits an event, the org writer relays it to the
// queue, the fan-out makes a delivery per endpoint, the consumer POSTs it to a real receiver on
// loopback, signed so that the `standardwebhooks` package verifies it.
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { admin, call, createTestOrg, OPERATOR_KEY } from '../../helpers/api'
import { createUser, patch, type Json } from '../../helpers/resources'
import {
  createWebhook,
  deliveries,
  endpoint,
  received,
  receivedAtLeast,
  settledDeliveries,
} from './receiver'

async function feed(orgId: string): Promise<Json[]> {
  const res = await admin(`/orgs/${orgId}/events?limit=1000`, OPERATOR_KEY)
  return ((await res.json()) as { data: Json[] }).data
}

describe('delivery', () => {
  it('POSTs each event as the feed shows it, signed with Standard Webhooks headers (org on shard second)', async () => {
    // The delivery row is in the control database, the event in the org's shard.
    const org = await createTestOrg('Webhook org', undefined, { shard: 'second' })
    const target = endpoint()
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const user = await createUser(org, 'ada@x.test')

    const [request] = await receivedAtLeast(target.name, 1)
    const verified = new Webhook(hook.secret).verify(request.body, request.headers) as Json
    const event = (await feed(org.orgId)).find((e) => e.type === 'user.created')!
    expect(verified).toEqual(event)
    expect(verified.data.id).toBe(user.id)
    expect(request.headers['webhook-id']).toBe(event.id)
    expect(request.headers['content-type']).toBe('application/json')
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(
      60,
    )
    // A tampered body does not verify.
    expect(() =>
      new Webhook(hook.secret).verify(request.body.replace('ada', 'eve'), request.headers),
    ).toThrow()

    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({
      eventId: event.id,
      eventType: 'user.created',
      orgId: org.orgId,
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
      lastError: null,
    })
  })

  it('format "set": each provisioning change is pushed as a signed SET (RFC 8935), nothing else', async () => {
    const org = await createTestOrg()
    const target = endpoint()
    const hook = await createWebhook({ url: target.url, orgs: [org.orgId], format: 'set' })
    expect(hook.format).toBe('set')
    const user = await createUser(org, 'pushed@x.test')
    await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'active', value: false })
    // A token is not a provisioning change: no SET, so no delivery.
    await admin(`/orgs/${org.orgId}/tokens`, OPERATOR_KEY, { method: 'POST', json: { label: 'x' } })

    const requests = await receivedAtLeast(target.name, 2)
    const jwks = await call('/security-events/jwks.json')
    const keys = createLocalJWKSet((await jwks.json()) as { keys: [] })
    const events: string[] = []
    for (const r of requests) {
      expect(r.headers['content-type']).toBe('application/secevent+jwt')
      const { payload } = await jwtVerify(r.body, keys, {
        algorithms: ['ES256'],
        typ: 'secevent+jwt',
        audience: `urn:scim-edge:org:${org.orgId}`,
      })
      expect((payload.sub_id as Json).uri).toBe(`/Users/${user.id}`)
      events.push(...Object.keys(payload.events as Json))
    }
    expect(events).toEqual(
      expect.arrayContaining([
        'urn:ietf:params:scim:event:prov:create:notice',
        'urn:ietf:params:scim:event:prov:deactivate',
      ]),
    )
    const logs = await settledDeliveries(hook.id, 2)
    expect(logs.every((l: Json) => l.status === 'delivered')).toBe(true)
    expect(logs.map((l: Json) => l.eventType).sort()).toEqual(['user.created', 'user.deactivated'])
  })

  it('a receiver that fails twice then succeeds gets the same webhook-id three times', async () => {
    const org = await createTestOrg()
    const target = endpoint('fail=2')
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    await createUser(org, 'retry@x.test')
    const requests = await receivedAtLeast(target.name, 3)
    expect(requests).toHaveLength(3)
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1)
    for (const r of requests) new Webhook(hook.secret).verify(r.body, r.headers)
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 })
  })

  it('no answer within the timeout is a failed attempt; out of retries the delivery fails', async () => {
    const org = await createTestOrg()
    const target = endpoint('delayMs=3000')
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    await createUser(org, 'slow@x.test')
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: null })
    expect(log.lastError).toMatch(/no answer within 1000 ms/)
  })

  it('events and orgs filter what an endpoint receives', async () => {
    const [a, b] = [await createTestOrg(), await createTestOrg()]
    const onlyA = endpoint()
    const deactivations = endpoint()
    const hookA = await createWebhook({ url: onlyA.url, orgs: [a.orgId] })
    const hookD = await createWebhook({
      url: deactivations.url,
      orgs: [a.orgId, b.orgId],
      events: ['user.deactivated'],
    })
    const ua = await createUser(a, 'a@x.test')
    const ub = await createUser(b, 'b@x.test')
    for (const [org, user] of [
      [a, ua],
      [b, ub],
    ] as const) {
      await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'active', value: false })
    }
    const gotD = await receivedAtLeast(deactivations.name, 2)
    const typesD = gotD.map((r) => [JSON.parse(r.body).type, JSON.parse(r.body).orgId])
    expect(typesD.sort()).toEqual(
      [
        ['user.deactivated', a.orgId],
        ['user.deactivated', b.orgId],
      ].sort(),
    )
    const expectedA = (await feed(a.orgId)).filter((e) => e.seq > 0)
    const gotA = await receivedAtLeast(onlyA.name, expectedA.length)
    expect(gotA.map((r) => JSON.parse(r.body).orgId)).toEqual(expectedA.map(() => a.orgId))
    expect(new Set(gotA.map((r) => r.headers['webhook-id']))).toEqual(
      new Set(expectedA.map((e) => e.id)),
    )
    expect((await deliveries(hookA.id)).every((d) => d.orgId === a.orgId)).toBe(true)
    expect(await deliveries(hookD.id)).toHaveLength(2)
  })
})

describe('what a delivery will not do', () => {
  it('follow a redirect: a 3xx is a failed attempt and the other URL gets nothing', async () => {
    const org = await createTestOrg()
    const target = endpoint('redirect=1')
    const hook = await createWebhook({
      url: target.url,
      orgs: [org.orgId],
      events: ['user.created'],
    })
    await createUser(org, 'moved@x.test')
    const [log] = await settledDeliveries(hook.id, 1)
    expect(log).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 302 })
    expect(log.lastError).toMatch(/redirect not followed/)
    expect(await received(`${target.name}-redirected`)).toEqual([])
  })

  it('wait for a slow endpoint before delivering to another one', async () => {
    const org = await createTestOrg()
    const slow = endpoint('delayMs=3000')
    const fast = endpoint()
    for (const target of [slow, fast]) {
      await createWebhook({ url: target.url, orgs: [org.orgId], events: ['user.created'] })
    }
    await createUser(org, 'both@x.test')
    const [first] = await receivedAtLeast(slow.name, 1)
    const [quick] = await receivedAtLeast(fast.name, 1)
    // The slow endpoint's first attempt times out after 1 s (WEBHOOK_TIMEOUT_MS in tests); the
    // fast one was served before that, not after.
    expect(quick.receivedAt).toBeLessThan(first.receivedAt + 1000)
  })
})
