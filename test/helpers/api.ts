import { expect } from 'vitest'
// The one way tests talk to the Worker: real fetches through the runtime's default export.
import { env, exports } from 'cloudflare:workers'

export const ORIGIN = 'https://scim.test'
export const OPERATOR_KEY = env.ADMIN_API_KEY

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, init))
}

export function scim(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`)
  return call(`/scim/v2${path}`, { ...init, headers })
}

export function admin(path: string, key: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${key}`)
  const { json, ...rest } = init
  if (json !== undefined) headers.set('Content-Type', 'application/json')
  return call(`/admin/v1${path}`, {
    ...rest,
    headers,
    body: json === undefined ? rest.body : JSON.stringify(json),
  })
}

export interface TestOrg {
  orgId: string
  token: string
  tokenId: string
  adminKey: string
  adminKeyId: string
}

let counter = 0

/**
 * A fresh org with one SCIM token and one admin key: every test gets its own tenant. `settings`
 * override the org's defaults (e.g. a high write limit where setup itself is a burst). It is
 * placed on shard `main` (the `DB` binding tests seed and inspect) unless `placement` says where.
 */
export async function createTestOrg(
  name = 'Test org',
  settings?: Record<string, unknown>,
  placement: { shard?: string; jurisdiction?: string } = { shard: 'main' },
): Promise<TestOrg> {
  const id = `t-${Date.now().toString(36)}-${(counter++).toString(36)}-${crypto.randomUUID().slice(0, 8)}`
  const org = await admin('/orgs', OPERATOR_KEY, {
    method: 'POST',
    json: { id, name, ...(settings ? { settings } : {}), ...placement },
  })
  if (org.status !== 201) throw new Error(`createOrg: ${org.status} ${await org.text()}`)
  const key = await admin(`/orgs/${id}/admin-keys`, OPERATOR_KEY, {
    method: 'POST',
    json: { label: 'test admin' },
  })
  const keyBody = (await key.json()) as { secret: string; token: { id: string } }
  const token = await admin(`/orgs/${id}/tokens`, keyBody.secret, {
    method: 'POST',
    json: { label: 'test scim' },
  })
  const tokenBody = (await token.json()) as { secret: string; token: { id: string } }
  return {
    orgId: id,
    token: tokenBody.secret,
    tokenId: tokenBody.token.id,
    adminKey: keyBody.secret,
    adminKeyId: keyBody.token.id,
  }
}

/** Asserts RFC 7644 §3.12: status, SCIM error schema, status as a string, scimType, media type. */
export async function expectScimError(res: Response, status: number, scimType?: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/scim\+json/)
  const body = (await res.json()) as Record<string, unknown>
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error'])
  expect(body.status).toBe(String(status))
  expect(body.scimType).toBe(scimType)
  expect(typeof body.detail).toBe('string')
  return body
}
