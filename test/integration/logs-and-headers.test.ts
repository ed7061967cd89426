// Operational safety: one structured log line per request that never carries a secret or
// personal data; hardening headers; no CORS on SCIM (IdPs are servers, not browsers).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY, scim } from '../helpers/api'
import { createUser, send } from '../helpers/resources'

afterEach(() => vi.restoreAllMocks())

function captureLogs() {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '))
  })
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '))
  })
  return lines
}

describe('request logs', () => {
  it('one JSON line per request with ids, route pattern, status, scimType and duration', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'Grace.Hopper@navy.example', {
      name: { givenName: 'Grace', familyName: 'Hopper' },
    })
    const lines = captureLogs()
    await scim(`/Users/${user.id}`, org.token)
    await scim(
      `/Users?filter=${encodeURIComponent('userName eq "Grace.Hopper@navy.example"')}`,
      org.token,
    )
    await send(org, 'POST', '/Users', { userName: 'grace.hopper@navy.example' })
    const entries = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    const requests = entries.filter((e) => e.msg === 'request')
    expect(requests).toHaveLength(3)
    expect(requests.map((r) => [r.method, r.route, r.status, r.scimType])).toEqual([
      ['GET', '/scim/v2/Users/:id', 200, undefined],
      ['GET', '/scim/v2/Users', 200, undefined],
      ['POST', '/scim/v2/Users', 409, 'uniqueness'],
    ])
    for (const r of requests) {
      expect(r).toMatchObject({ orgId: org.orgId, tokenId: org.tokenId })
      expect(typeof r.requestId).toBe('string')
      expect(typeof r.durationMs).toBe('number')
    }
    const all = lines.join('\n')
    for (const secret of [
      org.token,
      org.adminKey,
      OPERATOR_KEY,
      'Grace',
      'Hopper',
      'navy.example',
      user.id,
    ]) {
      expect(all).not.toContain(secret)
    }
  })

  it('admin requests are logged without keys; failed auth too', async () => {
    const org = await createTestOrg()
    const lines = captureLogs()
    await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, { method: 'POST', json: { label: 'x' } })
    await scim('/Users', `scim_${'A'.repeat(43)}`)
    const all = lines.join('\n')
    expect(all).not.toContain(org.adminKey)
    expect(all).not.toContain('A'.repeat(20))
    expect(all).not.toMatch(/scim_[A-Za-z0-9_-]{43}/)
    const statuses = lines
      .filter((l) => l.includes('"msg":"request"'))
      .map((l) => JSON.parse(l).status)
    expect(statuses).toEqual([201, 401])
  })
})

describe('headers', () => {
  it('SCIM answers are not cacheable and carry no CORS grant, even to a preflight', async () => {
    const org = await createTestOrg()
    const res = await scim('/Users', org.token, { headers: { Origin: 'https://evil.example' } })
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const preflight = await call('/scim/v2/Users', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'DELETE' },
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('the admin API sends hardening headers', async () => {
    const res = await admin('/orgs', OPERATOR_KEY)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  // Every response, whatever answered it, carries the request id and the no-store/nosniff pair.
  it.each([
    ['a SCIM answer', (o: { token: string }) => scim('/Users', o.token)],
    ['a SCIM 401', () => call('/scim/v2/Users')],
    ['a SCIM 404', (o: { token: string }) => scim('/Users/nope', o.token)],
    ['an admin answer', () => admin('/orgs', OPERATOR_KEY)],
    ['a 404 outside both APIs', () => call('/nothing-here')],
    ['a 404 at the root', () => call('/')],
    ['the health check', () => call('/healthz')],
    ['the admin page', () => call('/admin')],
  ])('%s carries X-Request-Id, no-store and nosniff', async (_case, request) => {
    const org = await createTestOrg()
    const res = await request(org)
    expect(res.headers.get('X-Request-Id')).toMatch(/^[\w-]{8,}$/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('the request id in the header is the one in the log line', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    const res = await call('/healthz')
    spy.mockRestore()
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request')
    expect(logged.requestId).toBe(res.headers.get('X-Request-Id'))
  })
})
