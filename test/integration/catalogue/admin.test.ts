// The role and entitlement catalogues through the admin API: PUT replaces, GET reads, the role
// values follow the role catalogue (and the catalogue follows a settings change of the values),
// bad catalogues are a 400 naming the problem and change nothing, and every change is an event.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'

const roles = (org: TestOrg, init: Parameters<typeof admin>[2] = {}) =>
  admin(`/orgs/${org.orgId}/roles`, org.adminKey, init)

const putType = (org: TestOrg, type: string, json: unknown) =>
  admin(`/orgs/${org.orgId}/entitlements/${type}`, org.adminKey, { method: 'PUT', json })

const body = async (res: Response) => (await res.json()) as Record<string, any>

const LICENSES = [
  { value: 'pro', displayName: 'Pro licence', description: 'Every feature' },
  { value: 'basic', displayName: 'Basic licence' },
]

describe('role catalogue', () => {
  it('starts as the role values, each named after itself', async () => {
    const org = await createTestOrg()
    expect((await body(await roles(org))).data).toEqual([
      { value: 'member', displayName: 'member', description: null },
      { value: 'team_admin', displayName: 'team_admin', description: null },
      { value: 'org_admin', displayName: 'org_admin', description: null },
    ])
  })

  it('PUT replaces it, and the role values become its values', async () => {
    const org = await createTestOrg()
    const catalogue = [
      { value: 'viewer', displayName: 'Viewer', description: 'Reads everything' },
      { value: 'editor', displayName: 'Editor' },
    ]
    const res = await roles(org, { method: 'PUT', json: catalogue })
    expect(res.status).toBe(200)
    expect((await body(res)).data).toEqual([
      catalogue[0],
      { value: 'editor', displayName: 'Editor', description: null },
    ])
    const settings = await body(await admin(`/orgs/${org.orgId}/settings`, org.adminKey))
    expect(settings.roleValues).toEqual(['viewer', 'editor'])
  })

  it('a settings change of the role values keeps the names of the values it keeps', async () => {
    const org = await createTestOrg()
    await roles(org, {
      method: 'PUT',
      json: [
        { value: 'viewer', displayName: 'Viewer', description: 'Reads' },
        { value: 'editor', displayName: 'Editor' },
      ],
    })
    await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { roleValues: ['Viewer', 'owner'] },
    })
    expect((await body(await roles(org))).data).toEqual([
      { value: 'Viewer', displayName: 'Viewer', description: 'Reads' },
      { value: 'owner', displayName: 'owner', description: null },
    ])
  })

  it.each([
    ['an empty catalogue', []],
    [
      'a value twice (without regard to case)',
      [
        { value: 'a', displayName: 'A' },
        { value: 'A', displayName: 'A again' },
      ],
    ],
    ['a value with a space', [{ value: 'a b', displayName: 'A' }]],
    ['a control character in a name', [{ value: 'a', displayName: 'A\u0007' }]],
    ['a missing displayName', [{ value: 'a' }]],
    ['an unknown field', [{ value: 'a', displayName: 'A', colour: 'red' }]],
    ['an object instead of a list', { value: 'a', displayName: 'A' }],
  ])('refuses %s with 400 and changes nothing', async (_, json) => {
    const org = await createTestOrg()
    const res = await roles(org, { method: 'PUT', json })
    expect(res.status).toBe(400)
    expect((await body(res)).error).toBeTruthy()
    expect((await body(await roles(org))).data.map((e: any) => e.value)).toEqual([
      'member',
      'team_admin',
      'org_admin',
    ])
  })

  it('every change is an org.catalogue_updated event with what it was before', async () => {
    const org = await createTestOrg()
    await roles(org, { method: 'PUT', json: [{ value: 'viewer', displayName: 'Viewer' }] })
    // The same catalogue again changes nothing and says nothing.
    await roles(org, { method: 'PUT', json: [{ value: 'viewer', displayName: 'Viewer' }] })
    const events = await body(
      await admin(`/orgs/${org.orgId}/events?types=org.catalogue_updated`, OPERATOR_KEY),
    )
    expect(events.data).toHaveLength(1)
    expect(events.data[0].data.catalogue.roles).toEqual([
      { value: 'viewer', displayName: 'Viewer', description: null },
    ])
    expect(events.data[0].previous.catalogue.roles.map((e: any) => e.value)).toEqual([
      'member',
      'team_admin',
      'org_admin',
    ])
  })
})

describe('entitlement types', () => {
  it('PUT creates a type, GET lists and reads it, PUT replaces it, DELETE removes it', async () => {
    const org = await createTestOrg()
    expect((await body(await admin(`/orgs/${org.orgId}/entitlements`, org.adminKey))).data).toEqual(
      [],
    )
    const created = await putType(org, 'Licenses', LICENSES)
    expect(created.status).toBe(200)
    expect(await body(created)).toEqual({
      type: 'Licenses',
      values: [LICENSES[0], { value: 'basic', displayName: 'Basic licence', description: null }],
    })
    await putType(org, 'Permissions', [{ value: 'export', displayName: 'Export data' }])
    const all = await body(await admin(`/orgs/${org.orgId}/entitlements`, org.adminKey))
    expect(all.data.map((t: any) => t.type)).toEqual(['Licenses', 'Permissions'])
    // Named in any case, a type keeps its first spelling.
    const replaced = await body(await putType(org, 'licenses', [LICENSES[1]]))
    expect(replaced).toEqual({
      type: 'Licenses',
      values: [{ value: 'basic', displayName: 'Basic licence', description: null }],
    })
    const one = await admin(`/orgs/${org.orgId}/entitlements/LICENSES`, org.adminKey)
    expect((await body(one)).values).toHaveLength(1)
    const removed = await admin(`/orgs/${org.orgId}/entitlements/Licenses`, org.adminKey, {
      method: 'DELETE',
    })
    expect(removed.status).toBe(204)
    expect((await admin(`/orgs/${org.orgId}/entitlements/Licenses`, org.adminKey)).status).toBe(404)
    const again = await admin(`/orgs/${org.orgId}/entitlements/Licenses`, org.adminKey, {
      method: 'DELETE',
    })
    expect(again.status).toBe(404)
  })

  it.each([
    ['a SCIM endpoint name', 'Users'],
    ['a SCIM endpoint name in another case', 'roles'],
    ['a name that is not letters and digits', 'Lic-enses'],
    ['a name starting with a digit', '1Licenses'],
  ])('refuses %s as a type (400)', async (_, type) => {
    const org = await createTestOrg()
    const res = await putType(org, type, LICENSES)
    expect(res.status).toBe(400)
    expect((await body(await admin(`/orgs/${org.orgId}/entitlements`, org.adminKey))).data).toEqual(
      [],
    )
  })

  it('refuses a value listed twice and a value with a control character', async () => {
    const org = await createTestOrg()
    const twice = [
      { value: 'Pro', displayName: 'Pro' },
      { value: 'pro', displayName: 'pro' },
    ]
    expect((await putType(org, 'Licenses', twice)).status).toBe(400)
    expect((await putType(org, 'Licenses', [{ value: 'a\nb', displayName: 'A' }])).status).toBe(400)
  })

  it("another org's admin key can neither read nor write the catalogue", async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const res = await admin(`/orgs/${own.orgId}/entitlements/Licenses`, other.adminKey, {
      method: 'PUT',
      json: LICENSES,
    })
    expect(res.status).toBe(403)
    expect(
      (await admin(`/orgs/${own.orgId}/roles`, other.adminKey, { method: 'PUT', json: [] })).status,
    ).toBe(403)
  })
})
