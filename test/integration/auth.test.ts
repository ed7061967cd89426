// Bearer auth (RFC 6750, RFC 7644 §2): every refusal is a 401 with WWW-Authenticate and a SCIM body.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/credentials'
import { admin, call, createTestOrg, expectScimError, scim, OPERATOR_KEY } from '../helpers/api'

const SPC = '/ServiceProviderConfig'

async function expect401(res: Response) {
  await expectScimError(res, 401)
  expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
}

const revokeInD1 = (tokenId: string) =>
  env.DB.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?')
    .bind(new Date().toISOString(), tokenId)
    .run()

describe('SCIM bearer auth', () => {
  it('accepts a valid token', async () => {
    const org = await createTestOrg()
    const res = await scim(SPC, org.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/scim\+json/)
  })

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['the Basic scheme', 'Basic dXNlcjpwYXNz'],
    ['Bearer with no token', 'Bearer '],
    ['a token of the wrong shape', 'Bearer not-a-token'],
    ['an unknown well-formed token', `Bearer scim_${'A'.repeat(43)}`],
    ['the operator key', `Bearer ${OPERATOR_KEY}`],
  ])('refuses %s', async (_case, header) => {
    const headers = header === undefined ? undefined : { Authorization: header }
    await expect401(await call(`/scim/v2${SPC}`, { headers }))
  })

  it('accepts the scheme name in any case', async () => {
    const org = await createTestOrg()
    const res = await scim(SPC, '', { headers: { Authorization: `bEaReR ${org.token}` } })
    expect(res.status).toBe(200)
  })

  // Okta "HTTP Header" authentication mode sends the token with no scheme (IDP-COMPAT: Transport).
  it("accepts a bare SCIM token (Okta's HTTP Header mode) as well as Bearer", async () => {
    const org = await createTestOrg()
    const res = await scim(SPC, '', { headers: { Authorization: org.token } })
    expect(res.status).toBe(200)
    const padded = await scim('/Users', '', { headers: { Authorization: ` ${org.token} ` } })
    expect(padded.status).toBe(200)
  })

  it.each([
    ['a bare org admin key', (o: { adminKey: string }) => o.adminKey],
    ['a bare unknown SCIM-shaped token', () => `scim_${'B'.repeat(43)}`],
    ['a bare word', () => 'letmein'],
    ['a token with another scheme', (o: { token: string }) => `Token ${o.token}`],
  ])('still refuses %s without a scheme', async (_case, value) => {
    const org = await createTestOrg()
    await expect401(await scim(SPC, '', { headers: { Authorization: value(org) } }))
  })

  it('takes a bare token only on SCIM: the admin API wants Bearer', async () => {
    const org = await createTestOrg()
    const res = await call(`/admin/v1/orgs/${org.orgId}`, {
      headers: { Authorization: org.adminKey },
    })
    expect(res.status).toBe(401)
  })

  it('refuses an org admin key on SCIM', async () => {
    const org = await createTestOrg()
    await expect401(await scim(SPC, org.adminKey))
  })

  it('refuses a revoked token on the very next request', async () => {
    const org = await createTestOrg()
    expect((await scim(SPC, org.token)).status).toBe(200)
    const revoke = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}`, org.adminKey, {
      method: 'DELETE',
    })
    expect(revoke.status).toBe(200)
    await expect401(await scim(SPC, org.token))
    await expect401(await scim('/Schemas', org.token))
  })

  // A revoked credential learns nothing but 401, whatever else the request would have got.
  it.each([
    ['404 (unknown user)', 'GET', '/Users/no-such-id', undefined],
    ['404 (unknown path)', 'GET', '/Nope', undefined],
    ['405 (method)', 'DELETE', '/ServiceProviderConfig', undefined],
    ['400 (invalid body)', 'POST', '/Users', { userName: 42 }],
    ['400 (invalid filter)', 'GET', '/Users?filter=userName%20eq', undefined],
    ['404 (writer: unknown user)', 'PATCH', '/Users/no-such-id', { Operations: [] }],
  ])('a revoked token gets 401 where it would get %s', async (_case, method, path, body) => {
    const org = await createTestOrg()
    // Revoked in D1 while KV still maps the token: the guard alone must decide.
    await revokeInD1(org.tokenId)
    const init: RequestInit = { method }
    if (body) {
      init.body = JSON.stringify(body)
      init.headers = { 'Content-Type': 'application/scim+json' }
    }
    await expect401(await scim(path, org.token, init))
  })

  it('a revoked token gets 401 where its flood would get 429', async () => {
    const org = await createTestOrg('flood', { readsPerSecond: 1 })
    for (let i = 0; i < 120; i++) await scim(SPC, org.token) // drain the burst allowance
    const throttled = await scim(SPC, org.token)
    expect(throttled.status).toBe(429)
    await revokeInD1(org.tokenId)
    await expect401(await scim(SPC, org.token))
  })

  it('a revoked admin key gets 401 where it would get 403', async () => {
    const org = await createTestOrg()
    const other = await createTestOrg()
    await revokeInD1(org.adminKeyId)
    const res = await admin(`/orgs/${other.orgId}`, org.adminKey)
    expect(res.status).toBe(401)
    const listOrgs = await admin('/orgs', org.adminKey)
    expect(listOrgs.status).toBe(401)
  })

  it('refuses a token whose D1 row expired even while KV still lists it (D1 is authoritative)', async () => {
    const org = await createTestOrg()
    await env.DB.prepare('UPDATE tokens SET expires_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), org.tokenId)
      .run()
    await expect401(await scim(SPC, org.token))
  })

  it('refuses a token whose KV record says it expired, without reaching D1', async () => {
    const org = await createTestOrg()
    const key = `token:${await sha256Hex(org.token)}`
    const record = (await env.TOKENS.get(key, 'json')) as Record<string, unknown>
    await env.TOKENS.put(key, JSON.stringify({ ...record, expiresAt: '2000-01-01T00:00:00.000Z' }))
    await expect401(await scim(SPC, org.token))
  })

  it('refuses a token revoked directly in D1 even though KV still maps it', async () => {
    const org = await createTestOrg()
    await env.DB.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?')
      .bind(new Date().toISOString(), org.tokenId)
      .run()
    expect(await env.TOKENS.get(`token:${await sha256Hex(org.token)}`)).not.toBeNull()
    await expect401(await scim(SPC, org.token))
  })

  it('rotation with overlap 0 retires the old token at once; the new one works', async () => {
    const org = await createTestOrg()
    const res = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}/rotate`, org.adminKey, {
      method: 'POST',
      json: { overlapSeconds: 0 },
    })
    expect(res.status).toBe(201)
    const rotated = (await res.json()) as { secret: string; previous: { replacedBy: string } }
    await expect401(await scim(SPC, org.token))
    expect((await scim(SPC, rotated.secret)).status).toBe(200)
  })

  it('rotation with the default overlap keeps both tokens working', async () => {
    const org = await createTestOrg()
    const res = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}/rotate`, org.adminKey, {
      method: 'POST',
      json: {},
    })
    const rotated = (await res.json()) as { secret: string; previous: { expiresAt: string } }
    const overlap = Date.parse(rotated.previous.expiresAt) - Date.now()
    expect(overlap).toBeGreaterThan(23.9 * 3600 * 1000)
    expect(overlap).toBeLessThanOrEqual(24 * 3600 * 1000)
    // KV learns the old token's end too (so it can forget it), with the org's read view intact.
    const record = (await env.TOKENS.get(`token:${await sha256Hex(org.token)}`, 'json')) as {
      expiresAt: string
      view: { readsPerSecond: number }
    }
    expect(record.expiresAt).toBe(rotated.previous.expiresAt)
    expect(record.view.readsPerSecond).toBe(500)
    expect((await scim(SPC, org.token)).status).toBe(200)
    expect((await scim(SPC, rotated.secret)).status).toBe(200)
  })

  it('records last use, at most once per throttle window', async () => {
    const org = await createTestOrg()
    const lastUsed = async () =>
      (
        await env.DB.prepare('SELECT last_used_at FROM tokens WHERE id = ?')
          .bind(org.tokenId)
          .first<{
            last_used_at: string | null
          }>()
      )?.last_used_at
    expect(await lastUsed()).toBeNull()
    await scim(SPC, org.token)
    await expect.poll(lastUsed).not.toBeNull()
    const first = await lastUsed()
    await scim(SPC, org.token)
    await scim(SPC, org.token)
    expect(await lastUsed()).toBe(first)
  })

  it('never stores the raw token: only its hash (KV key and D1 row)', async () => {
    const org = await createTestOrg()
    const row = await env.DB.prepare('SELECT * FROM tokens WHERE id = ?').bind(org.tokenId).first()
    expect(JSON.stringify(row)).not.toContain(org.token)
    expect(row?.secret_hash).toBe(await sha256Hex(org.token))
    const record = await env.TOKENS.get(`token:${await sha256Hex(org.token)}`)
    expect(record).not.toContain(org.token)
  })

  it('mints scim_ tokens with 256 bits of base64url entropy', async () => {
    const org = await createTestOrg()
    expect(org.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/)
    expect(org.adminKey).toMatch(/^scimadm_[A-Za-z0-9_-]{43}$/)
  })
})
