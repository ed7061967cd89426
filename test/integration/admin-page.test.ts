// The org admin page: static, strict CSP, and the one endpoint it starts from (/admin/v1/me).
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY } from '../helpers/api'

describe('admin page', () => {
  it.each([
    ['/admin', /^text\/html/, 'id="login-form"'],
    ['/admin/app.js', /^text\/javascript/, "api('GET', '/me')"],
    ['/admin/app.css', /^text\/css/, 'table.list{'],
  ])('%s is served with a strict CSP', async (path, type, marker) => {
    const res = await call(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(type)
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(await res.text()).toContain(marker)
  })

  it('the page has no inline script or style (the CSP would block them)', async () => {
    const html = await (await call('/admin')).text()
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).not.toMatch(/<style|style="/)
    expect(html).not.toMatch(/\son[a-z]+="/)
  })

  it('/admin/v1/me names the org of an admin key, and the operator as such', async () => {
    const org = await createTestOrg('Page org')
    const me = await (await admin('/me', org.adminKey)).json()
    expect(me).toEqual({ role: 'org-admin', orgId: org.orgId, orgName: 'Page org', via: 'key' })
    expect(await (await admin('/me', OPERATOR_KEY)).json()).toEqual({ role: 'operator' })
    expect((await admin('/me', org.token)).status).toBe(401)
  })
})
