// The webhook routes' contract: operator only; every kind of bad input is a 400 (or 404, 409,
// 503) with a message, never a half-written endpoint.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { database } from '../../../src/repo/db'
import { GuardedReader } from '../../../src/repo/guarded-reader'
import { createWebhook as createWebhookDirectly } from '../../../src/webhooks/service'
import { admin, createTestOrg, OPERATOR_KEY } from '../../helpers/api'
import type { Json } from '../../helpers/resources'
import { createWebhook, endpoint } from './receiver'

const call = (path: string, init: Parameters<typeof admin>[2] = {}) =>
  admin(path, OPERATOR_KEY, init)

async function webhookCount(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM webhooks').first<{ n: number }>()
  return row!.n
}

async function expectError(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status)
  const body = (await res.json()) as Json
  expect(body.error.status).toBe(status)
  expect(body.error.message).toMatch(message)
}

describe('who may manage webhooks', () => {
  it('the operator only: an org admin key is 403, a SCIM token 401, on every route', async () => {
    const org = await createTestOrg()
    const hook = await createWebhook({ url: endpoint().url, orgs: [org.orgId] })
    const routes: [string, string, unknown?][] = [
      ['POST', '/webhooks', { url: endpoint().url }],
      ['GET', '/webhooks'],
      ['GET', `/webhooks/${hook.id}`],
      ['PATCH', `/webhooks/${hook.id}`, { description: 'x' }],
      ['POST', `/webhooks/${hook.id}/rotate-secret`, {}],
      ['POST', `/webhooks/${hook.id}/test`],
      ['GET', `/webhooks/${hook.id}/deliveries`],
      ['POST', `/webhooks/${hook.id}/deliveries/${crypto.randomUUID()}/redeliver`],
      ['DELETE', `/webhooks/${hook.id}`],
    ]
    const before = await webhookCount()
    for (const [method, path, json] of routes) {
      const asAdmin = await admin(path, org.adminKey, { method, json })
      expect(asAdmin.status, `${method} ${path}`).toBe(403)
      const asScim = await admin(path, org.token, { method, json })
      expect(asScim.status, `${method} ${path}`).toBe(401)
    }
    expect(await webhookCount()).toBe(before)
    expect((await call(`/webhooks/${hook.id}`)).status).toBe(200)
  })
})

describe('bad input', () => {
  it.each([
    [{ url: 'http://hooks.example.com/x' }, /url must be https:/],
    [{ url: 'https://10.0.0.7/x' }, /public host/],
    [{ url: 'https://169.254.169.254/' }, /public host/],
    [{ url: 'nope' }, /absolute URL/],
    [{}, /url/],
    [{ url: 'https://example.com/', events: ['user.exploded'] }, /events/],
    [{ url: 'https://example.com/', events: [] }, /events/],
    [{ url: 'https://example.com/', events: ['user.created', 'user.created'] }, /repeat/],
    [{ url: 'https://example.com/', orgs: ['no-such-org-anywhere'] }, /Unknown orgs: no-such-org/],
    [{ url: 'https://example.com/', orgs: [] }, /orgs/],
    [{ url: 'https://example.com/', secret: 'whsec_mine' }, /secret/],
    [{ url: 'https://example.com/', description: 'x'.repeat(501) }, /description/],
  ])('create %j → 400', async (json, message) => {
    const before = await webhookCount()
    await expectError(await call('/webhooks', { method: 'POST', json }), 400, message)
    expect(await webhookCount()).toBe(before)
  })

  it('a body that is not JSON → 400', async () => {
    const res = await call('/webhooks', {
      method: 'POST',
      body: '{"url":',
      headers: { 'Content-Type': 'application/json' },
    })
    await expectError(res, 400, /JSON/)
  })

  it('change: the same checks, nothing changed when refused; an empty change is 400', async () => {
    const hook = await createWebhook({ url: endpoint().url, events: ['user.created'] })
    const refused: [unknown, RegExp][] = [
      [{}, /at least one field/],
      [{ url: 'https://192.168.0.1/' }, /public host/],
      [{ events: ['nope'] }, /events/],
      [{ enabled: 'yes' }, /enabled/],
      [{ id: 'other' }, /id/],
    ]
    for (const [json, message] of refused) {
      await expectError(await call(`/webhooks/${hook.id}`, { method: 'PATCH', json }), 400, message)
    }
    const shown = (await (await call(`/webhooks/${hook.id}`)).json()) as Json
    expect(shown).toMatchObject({ url: hook.url, events: ['user.created'], enabled: true })
    const changed = await call(`/webhooks/${hook.id}`, {
      method: 'PATCH',
      json: { events: null, description: 'all of it' },
    })
    expect((await changed.json()) as Json).toMatchObject({ events: null, description: 'all of it' })
  })

  it('rotation: overlap out of range → 400, the secret unchanged', async () => {
    const hook = await createWebhook({ url: endpoint().url })
    for (const overlapSeconds of [-1, 8 * 24 * 3600, 1.5, '60']) {
      const res = await call(`/webhooks/${hook.id}/rotate-secret`, {
        method: 'POST',
        json: { overlapSeconds },
      })
      await expectError(res, 400, /overlapSeconds/)
    }
    const shown = (await (await call(`/webhooks/${hook.id}`)).json()) as Json
    expect(shown.previousSecretExpiresAt).toBeNull()
  })

  it('deliveries: bad limit or status → 400', async () => {
    const hook = await createWebhook({ url: endpoint().url })
    await expectError(await call(`/webhooks/${hook.id}/deliveries?limit=0`), 400, /limit/)
    await expectError(await call(`/webhooks/${hook.id}/deliveries?limit=501`), 400, /limit/)
    await expectError(await call(`/webhooks/${hook.id}/deliveries?status=lost`), 400, /status/)
  })

  it('unknown webhook → 404 on every route', async () => {
    const id = crypto.randomUUID()
    for (const [method, path, json] of [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`, { description: 'x' }],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/rotate-secret`, {}],
      ['POST', `/webhooks/${id}/test`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['POST', `/webhooks/${id}/deliveries/${id}/redeliver`],
    ] as [string, string, unknown?][]) {
      await expectError(await call(path, { method, json }), 404, /not found/)
    }
  })

  it('without WEBHOOK_SECRETS_KEY the deployment cannot keep secrets: 503, nothing stored', async () => {
    const before = await webhookCount()
    const reader = new GuardedReader(database(env.DB), { now: new Date().toISOString() })
    const withoutKey = { ...env, WEBHOOK_SECRETS_KEY: undefined }
    await expect(
      createWebhookDirectly({ env: withoutKey, reader }, { url: 'https://example.com/' }),
    ).rejects.toMatchObject({ status: 503, detail: expect.stringMatching(/WEBHOOK_SECRETS_KEY/) })
    expect(await webhookCount()).toBe(before)
  })

  it('delete removes the endpoint and its log', async () => {
    const hook = await createWebhook({ url: endpoint().url })
    expect((await call(`/webhooks/${hook.id}/test`, { method: 'POST' })).status).toBe(202)
    expect((await call(`/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await call(`/webhooks/${hook.id}`)).status).toBe(404)
    const left = await env.DB.prepare(
      'SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ?',
    )
      .bind(hook.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
  })
})

describe('limits', () => {
  it(`a deployment has at most ${100} endpoints: the next is 409`, async () => {
    const org = await createTestOrg()
    const made: string[] = []
    while ((await webhookCount()) < 100) {
      made.push((await createWebhook({ url: endpoint().url, orgs: [org.orgId] })).id)
    }
    const res = await call('/webhooks', { method: 'POST', json: { url: endpoint().url } })
    await expectError(res, 409, /at most 100 webhooks/)
    expect(await webhookCount()).toBe(100)
    for (const id of made) await call(`/webhooks/${id}`, { method: 'DELETE' })
  })
})
