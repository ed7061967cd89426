// IDP-COMPAT.md "Create": what Okta and Entra ID POST, and the 201 / 409 they need back.
import { describe, expect, it } from 'vitest'
import {
  ENTERPRISE,
  ENTRA_LEGACY_GROUP,
  GROUP_SCHEMA,
  ROLE_URN,
  USER_SCHEMA,
  createGroup,
  createTestOrg,
  createUser,
  expectScimError,
  filterIds,
  getResource,
  list,
  memberIds,
  scim,
  scimBody,
  send,
  sorted,
  uniqueName,
  type Json,
  type TestOrg,
} from './helpers'

const post = (org: TestOrg, kind: 'Users' | 'Groups', body: unknown, contentType?: string) =>
  scim(`/${kind}`, org.token, send('POST', body, contentType))

async function created(res: Response): Promise<Json> {
  const body = await scimBody(res)
  expect(res.status, JSON.stringify(body)).toBe(201)
  return body
}

describe('POST → 201 + the full resource with `id`, `meta` and a `Location` header', () => {
  it.each([
    ['Users', 'application/scim+json'],
    ['Users', 'application/scim+json; charset=utf-8'],
    ['Users', 'application/json'],
    ['Groups', 'application/scim+json'],
    ['Groups', 'application/scim+json; charset=utf-8'],
    ['Groups', 'application/json'],
  ] as const)('%s, Content-Type %s (an empty body fails Okta)', async (kind, contentType) => {
    const org = await createTestOrg()
    const input =
      kind === 'Users'
        ? {
            schemas: [USER_SCHEMA],
            userName: 'new.hire@example.com',
            name: { givenName: 'New', familyName: 'Hire' },
            emails: [{ primary: true, value: 'new.hire@example.com', type: 'work' }],
            displayName: 'New Hire',
            externalId: '00u-new-hire',
            active: true,
          }
        : { schemas: [GROUP_SCHEMA], displayName: 'New Team', externalId: 'grp-1' }
    const res = await post(org, kind, input, contentType)
    const body = await created(res)
    const { schemas: _, ...attributes } = input
    expect(body).toMatchObject(attributes)
    expect(body.schemas).toContain(kind === 'Users' ? USER_SCHEMA : GROUP_SCHEMA)
    expect(body.id).toMatch(/^\S+$/)
    expect(body.meta).toMatchObject({ resourceType: kind === 'Users' ? 'User' : 'Group' })
    expect(Date.parse(body.meta.created)).not.toBeNaN()
    expect(Date.parse(body.meta.lastModified)).not.toBeNaN()
    const location = res.headers.get('Location')
    expect(location).toBe(body.meta.location)
    expect(location).toMatch(new RegExp(`/scim/v2/${kind}/${body.id}$`))
    expect(res.headers.get('ETag')).toMatch(/^W\/".+"$/)
    expect(res.headers.get('ETag')).toBe(body.meta.version)
    // The Location names the resource just created, as it was returned.
    const path = new URL(location ?? '').pathname.replace('/scim/v2', '')
    const again = await scim(path, org.token)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(body)
  })
})

describe('Ignore `password`, `meta`, empty `groups`/`roles` in input', () => {
  it('ignore `password`', async () => {
    const org = await createTestOrg()
    const res = await post(org, 'Users', {
      schemas: [USER_SCHEMA],
      userName: 'pw@example.com',
      password: 'Sup3r-Secret-1mz050nq',
    })
    const body = await created(res)
    expect(body).not.toHaveProperty('password')
    const text = JSON.stringify(await getResource(org, 'Users', body.id))
    expect(text).not.toContain('password')
    expect(text).not.toContain('Sup3r-Secret-1mz050nq')
  })

  it('ignore `meta`', async () => {
    const org = await createTestOrg()
    const res = await post(org, 'Users', {
      schemas: [USER_SCHEMA],
      userName: 'meta@example.com',
      meta: {
        resourceType: 'Group',
        created: '2001-01-01T00:00:00Z',
        lastModified: '2001-01-01T00:00:00Z',
        location: 'https://evil.example/Users/1',
        version: 'W/"99"',
      },
    })
    const body = await created(res)
    expect(body.meta.resourceType).toBe('User')
    expect(body.meta.created).not.toBe('2001-01-01T00:00:00Z')
    expect(body.meta.lastModified).not.toBe('2001-01-01T00:00:00Z')
    expect(body.meta.location).toBe(res.headers.get('Location'))
    expect(body.meta.location).not.toContain('evil.example')
    expect(body.meta.version).not.toBe('W/"99"')
    expect(await getResource(org, 'Users', body.id)).toEqual(body)
  })

  it('ignore empty `groups`/`roles`', async () => {
    const org = await createTestOrg()
    const res = await post(org, 'Users', {
      schemas: [USER_SCHEMA],
      userName: 'empty@example.com',
      groups: [],
      roles: [],
    })
    const body = await created(res)
    const stored = await getResource(org, 'Users', body.id)
    for (const resource of [body, stored]) {
      expect(resource.groups ?? []).toEqual([])
      expect(resource.roles ?? []).toEqual([])
      expect(resource[ROLE_URN]).toBeUndefined()
    }
  })
})

describe('Accept the enterprise extension and an extension URN listed in `schemas` without its object', () => {
  it('accept the enterprise extension', async () => {
    const org = await createTestOrg()
    const manager = await createUser(org)
    const extension = {
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { value: manager.id },
    }
    const body = await created(
      await post(org, 'Users', {
        schemas: [USER_SCHEMA, ENTERPRISE],
        userName: 'bjensen@example.com',
        [ENTERPRISE]: extension,
      }),
    )
    expect(body.schemas).toEqual([USER_SCHEMA, ENTERPRISE])
    expect(body[ENTERPRISE]).toMatchObject(extension)
    expect((await getResource(org, 'Users', body.id))[ENTERPRISE]).toMatchObject(extension)
    expect(await filterIds(org, 'Users', `${ENTERPRISE}:employeeNumber eq "701984"`)).toEqual([
      body.id,
    ])
  })

  it.each([
    ['the enterprise extension', [ENTERPRISE]],
    ['the role extension', [ROLE_URN]],
    ['both', [ENTERPRISE, ROLE_URN]],
  ])('an extension URN listed in `schemas` without its object (%s)', async (_, urns) => {
    const org = await createTestOrg()
    const body = await created(
      await post(org, 'Users', {
        schemas: [USER_SCHEMA, ...urns],
        userName: 'bare.urn@example.com',
        displayName: 'Bare URN',
      }),
    )
    expect(body.schemas).toContain(USER_SCHEMA)
    expect(body.displayName).toBe('Bare URN')
    expect(await filterIds(org, 'Users', 'userName eq "bare.urn@example.com"')).toEqual([body.id])
  })
})

describe('Entra may add the legacy group schema: ignore it', () => {
  it('POST with `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`', async () => {
    const org = await createTestOrg()
    const body = await created(
      await post(org, 'Groups', {
        schemas: [GROUP_SCHEMA, ENTRA_LEGACY_GROUP],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Group1DisplayName',
        members: [],
      }),
    )
    expect(body.displayName).toBe('Group1DisplayName')
    expect(body.schemas).toEqual([GROUP_SCHEMA])
    expect(await getResource(org, 'Groups', body.id)).toMatchObject({
      schemas: [GROUP_SCHEMA],
      displayName: 'Group1DisplayName',
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    })
  })

  it('PUT with the legacy schema', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, { displayName: 'Before' })
    const res = await scim(
      `/Groups/${group.id}`,
      org.token,
      send('PUT', { schemas: [GROUP_SCHEMA, ENTRA_LEGACY_GROUP], displayName: 'After' }),
    )
    const body = await scimBody(res)
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.schemas).toEqual([GROUP_SCHEMA])
    expect((await getResource(org, 'Groups', group.id)).displayName).toBe('After')
  })
})

describe('Duplicate `userName` (case-insensitive) or group `displayName` → 409 `scimType:"uniqueness"`', () => {
  it.each([
    ['the same userName', 'Dup.User@Example.com'],
    ['lower case', 'dup.user@example.com'],
    ['upper case', 'DUP.USER@EXAMPLE.COM'],
  ])('duplicate `userName` (%s) → 409 uniqueness, nothing created', async (_, userName) => {
    const org = await createTestOrg()
    const first = await createUser(org, { userName: 'Dup.User@Example.com', displayName: 'One' })
    const res = await post(org, 'Users', {
      schemas: [USER_SCHEMA],
      userName,
      displayName: 'Two',
    })
    await expectScimError(res, 409, 'uniqueness')
    const all = await list(org, 'Users', 'count=100')
    expect(all.totalResults).toBe(1)
    expect(all.Resources[0]).toMatchObject({
      id: first.id,
      userName: 'Dup.User@Example.com',
      displayName: 'One',
    })
  })

  it.each([
    ['the same displayName', 'Tour Guides'],
    ['another case', 'TOUR GUIDES'],
  ])('duplicate group `displayName` (%s) → 409 uniqueness', async (_, displayName) => {
    const org = await createTestOrg()
    const member = await createUser(org)
    const first = await createGroup(org, { displayName: 'Tour Guides', externalId: 'g-1' })
    const res = await post(org, 'Groups', {
      schemas: [GROUP_SCHEMA],
      displayName,
      externalId: 'g-2',
      members: [{ value: member.id }],
    })
    await expectScimError(res, 409, 'uniqueness')
    const all = await list(org, 'Groups', 'count=100')
    expect(all.Resources.map((g: Json) => [g.id, g.displayName, g.externalId])).toEqual([
      [first.id, 'Tour Guides', 'g-1'],
    ])
    expect(await memberIds(org, first.id)).toEqual([])
  })

  it('This is also how Okta "Link Group" and Entra matching find an existing team', async () => {
    const org = await createTestOrg()
    const team = await createGroup(org, { displayName: 'Engineering' })
    await expectScimError(
      await post(org, 'Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering' }),
      409,
      'uniqueness',
    )
    // After the 409 the IdP looks the team up by name and links to it.
    expect(await filterIds(org, 'Groups', 'displayName eq "Engineering"')).toEqual([team.id])
  })
})

describe('`members` may arrive inside POST/PUT of a Group and `groups` inside a User', () => {
  it('`members` inside POST of a Group', async () => {
    const org = await createTestOrg()
    const a = await createUser(org)
    const b = await createUser(org)
    const body = await created(
      await post(org, 'Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Wizard Team',
        members: [
          { value: a.id, display: a.userName },
          { value: b.id, $ref: null },
        ],
      }),
    )
    expect(sorted(body.members.map((m: Json) => m.value))).toEqual(sorted([a.id, b.id]))
    expect(await memberIds(org, body.id)).toEqual(sorted([a.id, b.id]))
    const user = await getResource(org, 'Users', a.id)
    expect(user.groups.map((g: Json) => g.value)).toEqual([body.id])
  })

  it('`members` inside PUT of a Group', async () => {
    const org = await createTestOrg()
    const a = await createUser(org)
    const b = await createUser(org)
    const group = await createGroup(org, { displayName: 'Put Team' })
    const res = await scim(
      `/Groups/${group.id}`,
      org.token,
      send('PUT', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Put Team',
        members: [{ value: a.id }, { value: b.id }],
      }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await memberIds(org, group.id)).toEqual(sorted([a.id, b.id]))
  })

  it('`groups` inside a User (POST)', async () => {
    const org = await createTestOrg()
    const g1 = await createGroup(org, { displayName: 'Okta Wizard 1' })
    const g2 = await createGroup(org, { displayName: 'Okta Wizard 2' })
    const body = await created(
      await post(org, 'Users', {
        schemas: [USER_SCHEMA],
        userName: 'wizard@example.com',
        groups: [{ value: g1.id, display: 'Okta Wizard 1' }, { value: g2.id }],
      }),
    )
    expect(sorted(body.groups.map((g: Json) => g.value))).toEqual(sorted([g1.id, g2.id]))
    expect(await memberIds(org, g1.id)).toEqual([body.id])
    expect(await memberIds(org, g2.id)).toEqual([body.id])
  })

  it('`groups` naming a group that does not exist → 400 invalidValue, no user created', async () => {
    const org = await createTestOrg()
    const g1 = await createGroup(org)
    const res = await post(org, 'Users', {
      schemas: [USER_SCHEMA],
      userName: 'ghost.groups@example.com',
      groups: [{ value: g1.id }, { value: 'no-such-group' }],
    })
    await expectScimError(res, 400, 'invalidValue')
    expect(await filterIds(org, 'Users', 'userName eq "ghost.groups@example.com"')).toEqual([])
    expect(await memberIds(org, g1.id)).toEqual([])
  })

  it('`members` naming a user that does not exist → 400 invalidValue, no group created', async () => {
    const org = await createTestOrg()
    const a = await createUser(org)
    const res = await post(org, 'Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Ghost Members',
      members: [{ value: a.id }, { value: 'no-such-user' }],
    })
    await expectScimError(res, 400, 'invalidValue')
    expect(await filterIds(org, 'Groups', 'displayName eq "Ghost Members"')).toEqual([])
    expect((await getResource(org, 'Users', a.id)).groups ?? []).toEqual([])
  })
})

describe('bounded data: no stored multi-valued attribute beyond 100 values', () => {
  it('101 emails on POST → 400 invalidValue; a PATCH to the 101st likewise', async () => {
    const org = await createTestOrg()
    const emails = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `e${i}@x.test` }))
    const tooMany = await scim(
      '/Users',
      org.token,
      send('POST', { userName: uniqueName(), emails: emails(101) }),
    )
    await expectScimError(tooMany, 400, 'invalidValue')
    const user = await createUser(org, { emails: emails(100) })
    const res = await scim(
      `/Users/${user.id}`,
      org.token,
      send('PATCH', {
        Operations: [{ op: 'add', path: 'emails', value: [{ value: 'one-more@x.test' }] }],
      }),
    )
    await expectScimError(res, 400, 'invalidValue')
  })
})
