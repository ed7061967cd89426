// Every non-2xx under /scim/v2 is an RFC 7644 §3.12 error: application/scim+json, status as a
// string, scimType where §3.12 has one, never HTML, never a stack.
import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { AppEnv } from '../../src/env'
import { readJsonBody } from '../../src/http/body'
import { onError } from '../../src/http/errors'
import { call, createTestOrg, expectScimError, scim } from '../helpers/api'

describe('SCIM error envelope', () => {
  it('404 for an unknown route', async () => {
    const org = await createTestOrg()
    const body = await expectScimError(await scim('/NoSuchThing', org.token), 404)
    expect(body.detail).toContain('/scim/v2/NoSuchThing')
  })

  it('an unknown route without a token answers 401 (auth runs before routing)', async () => {
    await expectScimError(await call('/scim/v2/NoSuchThing'), 401)
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    '405 with Allow for %s on a read-only endpoint',
    async (method) => {
      const org = await createTestOrg()
      const res = await scim('/ServiceProviderConfig', org.token, {
        method,
        headers: { 'Content-Type': 'application/scim+json' },
        body: method === 'DELETE' ? undefined : '{}',
      })
      expect(res.headers.get('Allow')).toBe('GET')
      await expectScimError(res, 405)
    },
  )

  it('413 when Content-Length declares more than 1 MiB, before auth reads anything', async () => {
    const res = await call('/scim/v2/Users', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/scim+json',
        'Content-Length': String(2 * 1024 * 1024),
      },
      body: 'x'.repeat(10),
    })
    await expectScimError(res, 413)
  })

  it('500 without a stack, with the request id, when the store fails', async () => {
    const org = await createTestOrg()
    const failingDb = new Proxy(env.DB, {
      get: (target, prop) =>
        prop === 'batch'
          ? () => Promise.reject(new Error('D1_ERROR: injected failure'))
          : Reflect.get(target, prop),
    })
    const app = createApp()
    const ctx = {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext
    const res = await app.fetch(
      new Request('https://scim.test/scim/v2/Schemas', {
        headers: { Authorization: `Bearer ${org.token}` },
      }),
      { ...env, DB: failingDb },
      ctx,
    )
    const body = await expectScimError(res, 500)
    const requestId = res.headers.get('X-Request-Id')
    expect(requestId).toBeTruthy()
    expect(body.detail).toContain(requestId)
    expect(JSON.stringify(body)).not.toMatch(/injected|at .*\.ts|stack/i)
  })

  it('answers SCIM JSON, never HTML, to a request without User-Agent or Accept (Entra Test Connection)', async () => {
    const org = await createTestOrg()
    const res = await call('/scim/v2/ServiceProviderConfig?aadOptscim062020', {
      headers: { Authorization: `Bearer ${org.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/scim\+json/)
  })

  it('accepts a GET that carries a Content-Type (Okta)', async () => {
    const org = await createTestOrg()
    const res = await scim('/ServiceProviderConfig', org.token, {
      headers: { 'Content-Type': 'application/scim+json; charset=utf-8' },
    })
    expect(res.status).toBe(200)
  })
})

/** readJsonBody is the only way SCIM routes read a body; exercised through the real onError. */
describe('SCIM request bodies', () => {
  const app = new Hono<AppEnv>()
    .post('/scim/v2/echo', async (c) => c.json({ got: await readJsonBody(c) }))
    .onError(onError)
  const post = (body: BodyInit, contentType?: string) =>
    app.request('/scim/v2/echo', {
      method: 'POST',
      body,
      headers: contentType ? { 'Content-Type': contentType } : {},
    })

  it.each([
    'application/scim+json',
    'application/scim+json; charset=utf-8',
    'application/json',
    'Application/SCIM+JSON',
  ])('accepts %s', async (type) => {
    const res = await post('{"a":1}', type)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ got: { a: 1 } })
  })

  it.each([
    ['malformed JSON', '{"a":', 'application/scim+json'],
    ['an empty body', '', 'application/scim+json'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'application/json'],
  ])('400 invalidSyntax for %s', async (_case, body, type) => {
    await expectScimError(await post(body, type), 400, 'invalidSyntax')
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
    ['no Content-Type', undefined],
  ])('415 for %s', async (_case, type) => {
    await expectScimError(await post('{"a":1}', type), 415)
  })

  it('413 for a body over 1 MiB sent without Content-Length (streamed)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk)
        else controller.close()
      },
    })
    await expectScimError(await post(stream, 'application/scim+json'), 413)
  })
})
