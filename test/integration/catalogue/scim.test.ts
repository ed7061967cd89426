// The catalogues over SCIM as Okta Identity Governance reads them (/ResourceTypes → /Schemas →
// each endpoint), and grants of roles and entitlements on users checked against them.
import { describe, expect, it } from 'vitest'
import {
  admin,
  createTestOrg,
  expectScimError,
  OPERATOR_KEY,
  scim,
  type TestOrg,
} from '../../helpers/api'
import { createUser, getJson, patch, send } from '../../helpers/resources'

const ROLE_SCHEMA = 'urn:okta:scim:schemas:core:1.0:Role'
const ENTITLEMENT_SCHEMA = 'urn:okta:scim:schemas:core:1.0:Entitlement'

async function orgWithCatalogues(): Promise<TestOrg> {
  const org = await createTestOrg()
  const put = (path: string, json: unknown) =>
    admin(`/orgs/${org.orgId}${path}`, org.adminKey, { method: 'PUT', json })
  expect(
    (
      await put('/roles', [
        { value: 'viewer', displayName: 'Viewer', description: 'Reads everything' },
        { value: 'editor', displayName: 'Editor' },
        { value: 'owner', displayName: 'Owner' },
      ])
    ).status,
  ).toBe(200)
  expect(
    (
      await put('/entitlements/Licenses', [
        { value: 'pro', displayName: 'Pro licence', description: 'Every feature' },
        { value: 'basic', displayName: 'Basic licence' },
      ])
    ).status,
  ).toBe(200)
  expect(
    (
      await put('/entitlements/Permissions', [
        { value: 'export', displayName: 'Export data' },
        { value: 'pro', displayName: 'Pro tools' },
      ])
    ).status,
  ).toBe(200)
  return org
}

describe('catalogue endpoints', () => {
  it('/ResourceTypes and /Schemas advertise Role and each entitlement type', async () => {
    const org = await orgWithCatalogues()
    const types = await getJson(org, '/ResourceTypes')
    expect(types.Resources.map((r: any) => [r.id, r.endpoint, r.schema])).toEqual([
      ['User', '/Users', 'urn:ietf:params:scim:schemas:core:2.0:User'],
      ['Group', '/Groups', 'urn:ietf:params:scim:schemas:core:2.0:Group'],
      ['Role', '/Roles', ROLE_SCHEMA],
      ['Licenses', '/Licenses', ENTITLEMENT_SCHEMA],
      ['Permissions', '/Permissions', ENTITLEMENT_SCHEMA],
    ])
    const schemas = await getJson(org, '/Schemas')
    const ids = schemas.Resources.map((s: any) => s.id)
    expect(ids).toContain(ROLE_SCHEMA)
    expect(ids).toContain(ENTITLEMENT_SCHEMA)
    const entitlement = await getJson(org, `/Schemas/${ENTITLEMENT_SCHEMA}`)
    expect(entitlement.attributes.map((a: any) => a.name)).toEqual([
      'displayName',
      'type',
      'description',
    ])
  })

  it('an org without entitlement types publishes no Entitlement schema', async () => {
    const org = await createTestOrg()
    const ids = (await getJson(org, '/Schemas')).Resources.map((s: any) => s.id)
    expect(ids).toContain(ROLE_SCHEMA)
    expect(ids).not.toContain(ENTITLEMENT_SCHEMA)
  })

  it("/Roles pages by index: count=1&startIndex=1 has itemsPerPage 1 (Okta's entitlement test)", async () => {
    const org = await orgWithCatalogues()
    const page = await getJson(org, '/Roles?count=1&startIndex=1')
    expect(page).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 1 })
    expect(page.Resources).toEqual([
      {
        schemas: [ROLE_SCHEMA],
        id: 'viewer',
        displayName: 'Viewer',
        description: 'Reads everything',
        meta: { resourceType: 'Role', location: 'https://scim.test/scim/v2/Roles/viewer' },
      },
    ])
    const last = await getJson(org, '/Roles?count=2&startIndex=3')
    expect(last).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 })
    expect(last.Resources[0].id).toBe('owner')
    expect((await getJson(org, '/roles?startIndex=9')).Resources).toEqual([])
  })

  it('filters by id eq (exactly) and displayName eq (without regard to case)', async () => {
    const org = await orgWithCatalogues()
    const byId = await getJson(org, `/Roles?filter=${encodeURIComponent('id eq "editor"')}`)
    expect(byId.Resources.map((r: any) => r.id)).toEqual(['editor'])
    const caseOfId = await getJson(org, `/Roles?filter=${encodeURIComponent('id eq "EDITOR"')}`)
    expect(caseOfId.totalResults).toBe(0)
    const byName = await getJson(
      org,
      `/Licenses?filter=${encodeURIComponent('displayName eq "pro LICENCE" or id eq "basic"')}`,
    )
    expect(byName.Resources.map((r: any) => [r.id, r.type])).toEqual([
      ['pro', 'Licenses'],
      ['basic', 'Licenses'],
    ])
  })

  it.each(['displayName co "View"', 'description eq "x"', 'id eq 3', 'id eq'])(
    'refuses the filter %s with 400 invalidFilter',
    async (filter) => {
      const org = await orgWithCatalogues()
      await expectScimError(
        await scim(`/Roles?filter=${encodeURIComponent(filter)}`, org.token),
        400,
        'invalidFilter',
      )
    },
  )

  it('GET by id; an unknown id, or an endpoint that is no type, is 404; writes are 405', async () => {
    const org = await orgWithCatalogues()
    const pro = await getJson(org, '/permissions/pro')
    expect(pro).toMatchObject({
      schemas: [ENTITLEMENT_SCHEMA],
      id: 'pro',
      displayName: 'Pro tools',
      type: 'Permissions',
    })
    await expectScimError(await scim('/Roles/nobody', org.token), 404)
    await expectScimError(await scim('/Licences', org.token), 404)
    await expectScimError(await send(org, 'POST', '/Roles', { displayName: 'x' }), 405)
  })

  it("one org's catalogue is not another's", async () => {
    await orgWithCatalogues()
    const other = await createTestOrg()
    await expectScimError(await scim('/Licenses', other.token), 404)
    expect((await getJson(other, '/Roles')).Resources.map((r: any) => r.id)).toEqual([
      'member',
      'team_admin',
      'org_admin',
    ])
  })
})

describe('grants on users', () => {
  it('roles and entitlements are checked, spelled as the catalogue spells them, and typed', async () => {
    const org = await orgWithCatalogues()
    const user = await createUser(org, 'grants@example.test', {
      roles: [{ value: 'EDITOR', display: 'Editor' }],
      entitlements: [{ value: 'BASIC' }, { value: 'pro', type: 'permissions' }],
    })
    expect(user.roles).toEqual([{ value: 'editor', display: 'Editor' }])
    expect(user.entitlements).toEqual([
      { value: 'basic', type: 'Licenses', display: 'Basic licence' },
      { value: 'pro', type: 'Permissions', display: 'Pro tools' },
    ])
    const dir = (await (
      await admin(`/orgs/${org.orgId}/users/${user.id}`, OPERATOR_KEY)
    ).json()) as any
    expect(dir.roles).toEqual(['editor'])
    expect(dir.entitlements).toEqual([
      { value: 'basic', type: 'Licenses' },
      { value: 'pro', type: 'Permissions' },
    ])
  })

  it.each([
    ['an unknown value', [{ value: 'platinum' }]],
    ['a value of another type', [{ value: 'export', type: 'Licenses' }]],
    ['an unknown type', [{ value: 'pro', type: 'Seats' }]],
    ['a value two types share, without a type', [{ value: 'pro' }]],
    ['a value that is not a string', [{ value: 7 }]],
  ])('refuses %s with 400 invalidValue and creates nothing', async (_, entitlements) => {
    const org = await orgWithCatalogues()
    await expectScimError(
      await send(org, 'POST', '/Users', { userName: 'refused@example.test', entitlements }),
      400,
      'invalidValue',
    )
    const found = await getJson(
      org,
      `/Users?filter=${encodeURIComponent('userName eq "refused@example.test"')}`,
    )
    expect(found.totalResults).toBe(0)
  })

  it('Okta grants and revokes through PATCH; each change is evented with the user', async () => {
    const org = await orgWithCatalogues()
    const user = await createUser(org, 'okta@example.test')
    const granted = await patch(
      org,
      `/Users/${user.id}`,
      { op: 'add', path: 'roles', value: [{ value: 'owner', display: 'Owner' }] },
      {
        op: 'add',
        path: 'entitlements',
        value: [{ value: 'pro', display: 'Pro licence', type: 'Licenses' }],
      },
    )
    expect(granted.status).toBe(200)
    const revoked = await patch(org, `/Users/${user.id}`, {
      op: 'remove',
      path: 'entitlements[value eq "pro"]',
    })
    expect(revoked.status).toBe(200)
    expect(((await revoked.json()) as any).entitlements).toBeUndefined()
    const events = (await (
      await admin(
        `/orgs/${org.orgId}/events?types=user.updated,role.assigned&resourceId=${user.id}`,
        OPERATOR_KEY,
      )
    ).json()) as any
    const types = events.data.map((e: any) => e.type)
    expect(types).toContain('role.assigned')
    const updates = events.data.filter((e: any) => e.type === 'user.updated')
    expect(updates[0].data.entitlements).toEqual([{ value: 'pro', type: 'Licenses' }])
    expect(updates.at(-1).data.entitlements).toEqual([])
    expect(updates[0].data.roles).toEqual(['owner'])
  })

  it('an org without entitlement types keeps entitlements as sent', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'free@example.test', {
      entitlements: [{ value: 'anything', type: 'whatever' }],
    })
    expect(user.entitlements).toEqual([{ value: 'anything', type: 'whatever' }])
  })

  it('a value taken out of the catalogue stays on the users who hold it until their next write sends it', async () => {
    const org = await orgWithCatalogues()
    const user = await createUser(org, 'kept@example.test', { entitlements: [{ value: 'basic' }] })
    await admin(`/orgs/${org.orgId}/entitlements/Licenses`, org.adminKey, {
      method: 'PUT',
      json: [{ value: 'pro', displayName: 'Pro licence' }],
    })
    const kept = await getJson(org, `/Users/${user.id}`)
    expect(kept.entitlements).toEqual([
      { value: 'basic', type: 'Licenses', display: 'Basic licence' },
    ])
    await expectScimError(
      await send(org, 'PUT', `/Users/${user.id}`, {
        userName: 'kept@example.test',
        entitlements: kept.entitlements,
      }),
      400,
      'invalidValue',
    )
    const dropped = await send(org, 'PUT', `/Users/${user.id}`, { userName: 'kept@example.test' })
    expect(dropped.status).toBe(200)
  })
})
