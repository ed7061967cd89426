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

  it('refuses an org admin key on SCIM', async () => {
    const org = await createTestOrg()
    await expect401(await scim(SPC, org.adminKey))
  })

  it('refuses a revoked token on the very next request', async () => {
    const org = await createTestOrg()
    expect((await scim(SPC, org.token)).status).toBe(200)
    const revoke = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}`, org.adminKey, { method: 'DELETE' })
    expect(revoke.status).toBe(200)
    await expect401(await scim(SPC, org.token))
    await expect401(await scim('/Schemas', org.token))
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
    expect((await scim(SPC, org.token)).status).toBe(200)
    expect((await scim(SPC, rotated.secret)).status).toBe(200)
  })

  it('records last use, at most once per throttle window', async () => {
    const org = await createTestOrg()
    const lastUsed = async () =>
      (await env.DB.prepare('SELECT last_used_at FROM tokens WHERE id = ?').bind(org.tokenId).first<{
        last_used_at: string | null
      }>())?.last_used_at
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
