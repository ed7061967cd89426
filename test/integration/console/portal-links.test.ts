// Portal links and console sessions: a link works once within 5 minutes and opens a session
// cookie (HttpOnly, Secure except local http, SameSite=Strict, ≤ 1 h); the cookie works on the
// admin API for its org only, state-changing calls need the CSRF token, sign-out and revocation
// end it at once.
import { env } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'
import type { Json } from '../../helpers/resources'
import { behindWriter } from '../../helpers/behind-writer'

async function portalLink(
  org: TestOrg,
): Promise<{ url: string; token: string; expiresAt: string }> {
  const res = await admin(`/orgs/${org.orgId}/portal-links`, OPERATOR_KEY, { method: 'POST' })
  expect(res.status).toBe(201)
  const body = (await res.json()) as { url: string; expiresAt: string }
  return { ...body, token: new URL(body.url).hash.replace('#portal=', '') }
}

function redeem(token: string, origin = 'https://scim.test') {
  return exports.default.fetch(
    new Request(`${origin}/admin/v1/portal-links/redeem`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
  )
}

/** Signs in with a fresh link; returns the cookie header value and the CSRF token. */
async function signIn(org: TestOrg) {
  const res = await redeem((await portalLink(org)).token)
  expect(res.status).toBe(200)
  const cookie = res.headers.get('Set-Cookie')!.split(';')[0]
  return { cookie, csrf: ((await res.json()) as Json).csrfToken as string }
}

const withCookie = (path: string, cookie: string, init: RequestInit & { json?: unknown } = {}) => {
  const headers = new Headers(init.headers)
  headers.set('Cookie', cookie)
  if (init.json !== undefined) headers.set('Content-Type', 'application/json')
  return call(`/admin/v1${path}`, {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  })
}

describe('portal links', () => {
  it('the operator makes one; it points at the console and lives 5 minutes', async () => {
    const org = await createTestOrg()
    const link = await portalLink(org)
    expect(link.url).toMatch(/^https:\/\/scim\.test\/admin#portal=scimlnk_[A-Za-z0-9_-]{43}$/)
    const ttl = Date.parse(link.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(4 * 60_000)
    expect(ttl).toBeLessThanOrEqual(5 * 60_000)
    expect(
      (await admin(`/orgs/${org.orgId}/portal-links`, org.adminKey, { method: 'POST' })).status,
    ).toBe(403)
    expect(
      (await admin('/orgs/no-such-org/portal-links', OPERATOR_KEY, { method: 'POST' })).status,
    ).toBe(404)
  })

  it('redeeming sets a session cookie: HttpOnly, Secure, SameSite=Strict, Path=/admin, ≤ 1 h', async () => {
    // Off the control database: the link and the session are found by asking every shard.
    const org = await createTestOrg('Portal org', undefined, { shard: 'second' })
    const res = await redeem((await portalLink(org)).token)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    expect(body).toMatchObject({
      orgId: org.orgId,
      orgName: 'Portal org',
      csrfToken: expect.any(String),
    })
    const cookie = res.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^scimedge_session=scimses_[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(cookie).toMatch(/; Path=\/admin/)
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1])
    expect(maxAge).toBeGreaterThan(3500)
    expect(maxAge).toBeLessThanOrEqual(3600)
  })

  it('on plain http to a loopback address (local development) the cookie is not Secure', async () => {
    const org = await createTestOrg()
    const res = await redeem((await portalLink(org)).token, 'http://127.0.0.1:8787')
    expect(res.status).toBe(200)
    expect(res.headers.get('Set-Cookie')).not.toMatch(/Secure/)
  })

  it('a link works once; an expired, unknown or other-kind token is 401', async () => {
    const org = await createTestOrg()
    const link = await portalLink(org)
    expect((await redeem(link.token)).status).toBe(200)
    const again = await redeem(link.token)
    expect(again.status).toBe(401)
    expect(again.headers.get('Set-Cookie')).toBeNull()
    expect(((await again.json()) as Json).error.message).toMatch(/expired or was already used/)

    const late = await portalLink(org)
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        `UPDATE tokens SET expires_at = ? WHERE kind = 'portal' AND revoked_at IS NULL AND org_id = ?`,
      ).bind(new Date(Date.now() - 1000).toISOString(), org.orgId),
    )
    expect((await redeem(late.token)).status).toBe(401)
    expect((await redeem(`scimlnk_${'A'.repeat(43)}`)).status).toBe(401)
    expect((await redeem(org.adminKey)).status).toBe(401)
    expect((await redeem(org.token)).status).toBe(401)
    const malformed = await call('/admin/v1/portal-links/redeem', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link: 'x' }),
    })
    expect(malformed.status).toBe(400)
  })
})

describe('console sessions', () => {
  it('work on the admin API for their own org only (org on shard second, the other on eu)', async () => {
    const org = await createTestOrg('Session org', undefined, { shard: 'second' })
    const other = await createTestOrg('Other org', undefined, { shard: 'eu' })
    const { cookie, csrf } = await signIn(org)
    const me = (await (await withCookie('/me', cookie)).json()) as Json
    expect(me).toMatchObject({
      role: 'org-admin',
      orgId: org.orgId,
      via: 'session',
      csrfToken: csrf,
    })
    expect((await withCookie(`/orgs/${org.orgId}/users`, cookie)).status).toBe(200)
    expect((await withCookie(`/orgs/${org.orgId}/tokens`, cookie)).status).toBe(200)
    expect((await withCookie(`/orgs/${other.orgId}/users`, cookie)).status).toBe(403)
    expect((await withCookie('/orgs', cookie)).status).toBe(403)
    expect((await withCookie(`/orgs/${org.orgId}/admin-keys`, cookie)).status).toBe(403)
    // A SCIM request never takes a console cookie.
    const scimWithCookie = await call('/scim/v2/Users', { headers: { Cookie: cookie } })
    expect(scimWithCookie.status).toBe(401)
  })

  it('state-changing calls need the CSRF token and, when sent, the same Origin', async () => {
    const org = await createTestOrg()
    const { cookie, csrf } = await signIn(org)
    const change = (headers: Record<string, string>) =>
      withCookie(`/orgs/${org.orgId}/settings`, cookie, {
        method: 'PATCH',
        headers,
        json: { groupPolicy: 'link-only' },
      })
    expect((await change({})).status).toBe(403)
    expect((await change({ 'X-CSRF-Token': 'guess' })).status).toBe(403)
    expect((await change({ 'X-CSRF-Token': csrf, Origin: 'https://evil.test' })).status).toBe(403)
    const settings = await admin(`/orgs/${org.orgId}/settings`, OPERATOR_KEY)
    expect(((await settings.json()) as Json).groupPolicy).toBe('full')
    const ok = await change({ 'X-CSRF-Token': csrf, Origin: 'https://scim.test' })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as Json).groupPolicy).toBe('link-only')
    // Token creation through the console: the event names an admin acting, by this session.
    const minted = await withCookie(`/orgs/${org.orgId}/tokens`, cookie, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf },
      json: { label: 'from the console' },
    })
    expect(minted.status).toBe(201)
    const events = (await (
      await admin(`/orgs/${org.orgId}/events?types=token.created`, OPERATOR_KEY)
    ).json()) as Json
    expect(events.data.at(-1).actor).toMatchObject({ kind: 'admin' })
  })

  it('sign-out ends the session at once and clears the cookie (org on shard second)', async () => {
    const org = await createTestOrg('Signs out', undefined, { shard: 'second' })
    const { cookie, csrf } = await signIn(org)
    const noCsrf = await withCookie('/session', cookie, { method: 'DELETE' })
    expect(noCsrf.status).toBe(403)
    const out = await withCookie('/session', cookie, {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': csrf },
    })
    expect(out.status).toBe(204)
    expect(out.headers.get('Set-Cookie')).toMatch(/^scimedge_session=;.*Max-Age=0/)
    expect((await withCookie('/me', cookie)).status).toBe(401)
    // A key cannot "sign out".
    expect((await admin('/session', org.adminKey, { method: 'DELETE' })).status).toBe(400)
  })

  it('an expired session is refused; revoking all sessions ends every one', async () => {
    const org = await createTestOrg()
    const first = await signIn(org)
    const second = await signIn(org)
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        `UPDATE tokens SET expires_at = ? WHERE kind = 'session' AND org_id = ? AND id = (SELECT id FROM tokens WHERE kind = 'session' AND org_id = ? ORDER BY created_at LIMIT 1)`,
      ).bind(new Date(Date.now() - 1000).toISOString(), org.orgId, org.orgId),
    )
    expect((await withCookie('/me', first.cookie)).status).toBe(401)
    expect((await withCookie('/me', second.cookie)).status).toBe(200)
    const revoked = await admin(`/orgs/${org.orgId}/sessions`, org.adminKey, { method: 'DELETE' })
    expect((await revoked.json()) as Json).toEqual({ revoked: 1 })
    expect((await withCookie('/me', second.cookie)).status).toBe(401)
    expect((await withCookie('/me', 'scimedge_session=nonsense')).status).toBe(401)
  })
})
