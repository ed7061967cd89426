// The per-org SCIM profile (docs/compat.md): `lenient` (default) tolerates the IdP quirks we know;
// `interop` reads requests by draft-zollner-scim-interop-profile-02. Each rule: refused under
// interop, with its status and scimType, nothing written — and still accepted under lenient.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError, scim, type TestOrg } from '../helpers/api'
import { PATCH_OP, createUser, getJson, patch, send, type Json } from '../helpers/resources'

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const interopOrg = () => createTestOrg('interop', { profile: 'interop' })

async function userCount(org: TestOrg): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM users WHERE org_id = ?')
    .bind(org.orgId)
    .first<{ n: number }>()
  return row!.n
}

describe('the interop profile', () => {
  it.each([
    [
      'an unknown attribute',
      { schemas: [USER], userName: 'a@x.test', nickName: 'A', favouriteColour: 'red' },
    ],
    [
      'an unknown sub-attribute',
      { schemas: [USER], userName: 'a@x.test', name: { givenName: 'A', middle: 'B' } },
    ],
    [
      'an undeclared schema URN in schemas',
      {
        schemas: [USER, 'urn:example:params:scim:schemas:extension:acme:2.0:User'],
        userName: 'a@x.test',
      },
    ],
    [
      'an undeclared extension object',
      { schemas: [USER], userName: 'a@x.test', 'urn:example:acme:2.0:User': { costCentre: '42' } },
    ],
  ])('POST /Users with %s: 400 invalidSyntax under interop, 201 under lenient', async (_, body) => {
    const strict = await interopOrg()
    await expectScimError(await send(strict, 'POST', '/Users', body), 400, 'invalidSyntax')
    expect(await userCount(strict)).toBe(0)
    const lenient = await createTestOrg()
    expect((await send(lenient, 'POST', '/Users', body)).status).toBe(201)
  })

  it('a PATCH operation without path (Okta deactivation): 400 invalidSyntax under interop only', async () => {
    const deactivate = { op: 'replace', value: { active: false } }
    const strict = await interopOrg()
    const a = await createUser(strict, 'path@x.test')
    await expectScimError(await patch(strict, `/Users/${a.id}`, deactivate), 400, 'invalidSyntax')
    expect((await getJson(strict, `/Users/${a.id}`)).active).toBe(true)
    const lenient = await createTestOrg()
    const b = await createUser(lenient, 'path@x.test')
    expect((await patch(lenient, `/Users/${b.id}`, deactivate)).status).toBe(200)
  })

  it('a filtered path must name a sub-attribute and match one element', async () => {
    const org = await interopOrg()
    const user = await createUser(org, 'mail@x.test', {
      emails: [
        { value: 'one@x.test', type: 'work' },
        { value: 'two@x.test', type: 'home' },
        { value: 'three@x.test', type: 'home' },
      ],
    })
    const path = `/Users/${user.id}`
    await expectScimError(
      await patch(org, path, {
        op: 'replace',
        path: 'emails[type eq "work"]',
        value: { value: 'x@x.test' },
      }),
      400,
      'invalidPath',
    )
    await expectScimError(
      await patch(org, path, {
        op: 'replace',
        path: 'emails[type eq "home"].value',
        value: 'x@x.test',
      }),
      400,
      'invalidFilter',
    )
    const ok = await patch(org, path, {
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'new@x.test',
    })
    expect(ok.status).toBe(200)
    const emails = ((await ok.json()) as Json).emails as Json[]
    expect(emails.map((e) => e.value)).toEqual(['new@x.test', 'two@x.test', 'three@x.test'])
    // A remove by filter keeps the RFC's own form (§3.5.2.2).
    const removed = await patch(org, path, { op: 'remove', path: 'emails[type eq "work"]' })
    expect(removed.status).toBe(200)
  })

  it('filters on an attribute the resource type does not define are invalidFilter (both profiles)', async () => {
    for (const org of [await interopOrg(), await createTestOrg()]) {
      const res = await scim('/Users?filter=favouriteColour%20eq%20%22red%22', org.token)
      await expectScimError(res, 400, 'invalidFilter')
    }
  })

  it('ServiceProviderConfig says interopProfileConformant only for an interop org; the profile is a setting', async () => {
    const org = await createTestOrg()
    const before = (await (await scim('/ServiceProviderConfig', org.token)).json()) as Json
    expect(before.interopProfileConformant).toBeUndefined()
    const set = await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { profile: 'interop' },
    })
    expect(set.status).toBe(200)
    expect(((await set.json()) as Json).profile).toBe('interop')
    // Discovery reads the token's record: a token looked up after the change sees it at once (one
    // already cached in an isolate sees it within the cache's minute; the writer, below, at once).
    const minted = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
      method: 'POST',
      json: { label: 'after' },
    })
    const fresh = ((await minted.json()) as Json).secret as string
    const after = (await (await scim('/ServiceProviderConfig', fresh)).json()) as Json
    expect(after.interopProfileConformant).toBe(true)
    // The writer reads the profile from the org's own settings.
    const user = await createUser(org, 'switch@x.test')
    const res = await patch(org, `/Users/${user.id}`, { op: 'replace', value: { active: false } })
    await expectScimError(res, 400, 'invalidSyntax')
    const bad = await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { profile: 'strictest' },
    })
    expect(bad.status).toBe(400)
  })

  it('a PATCH message itself is read the same under both profiles', async () => {
    const org = await interopOrg()
    const user = await createUser(org, 'msg@x.test')
    const res = await send(org, 'PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Msg' }],
    })
    expect(res.status).toBe(200)
  })
})
