// IDP-COMPAT.md "Lifecycle": Okta's full PUT, deactivation by either IdP, Entra's eventual DELETE,
// and the role a user keeps throughout (role extension `role`, or core `roles[].value`).
import { describe, expect, it } from 'vitest'
import {
  GROUP_SCHEMA,
  ROLE_URN,
  USER_SCHEMA,
  createGroup,
  createTestOrg,
  createUser,
  expectScimError,
  filterIds,
  getResource,
  memberIds,
  patch,
  patchBody,
  scim,
  scimBody,
  send,
  sorted,
  type Json,
  type TestOrg,
} from './helpers'

async function put(org: TestOrg, kind: 'Users' | 'Groups', id: string, body: unknown) {
  const res = await scim(`/${kind}/${id}`, org.token, send('PUT', body))
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(200)
  return json
}

/** A fresh org with a team admin who belongs to two teams. */
async function employee(overrides: Json = {}) {
  const org = await createTestOrg()
  const teams = [
    await createGroup(org, { displayName: 'Tour Guides' }),
    await createGroup(org, { displayName: 'Ticketing' }),
  ]
  const user = await createUser(org, {
    schemas: [USER_SCHEMA, ROLE_URN],
    userName: 'test.user@okta.local',
    externalId: '00ujl29u0le5T6Aj10h7',
    name: { givenName: 'Test', familyName: 'User' },
    displayName: 'Test User',
    title: 'Guide',
    nickName: 'Testy',
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    groups: teams.map((t) => ({ value: t.id })),
    [ROLE_URN]: { role: 'team_admin' },
    ...overrides,
  })
  return { org, user: await getResource(org, 'Users', user.id), teams }
}

/** What must survive a deactivation: memberships both ways and the role. */
async function expectKept(org: TestOrg, user: Json, teams: Json[]) {
  const stored = await getResource(org, 'Users', user.id)
  expect(sorted(stored.groups.map((g: Json) => g.value))).toEqual(sorted(teams.map((t) => t.id)))
  for (const team of teams) expect(await memberIds(org, team.id)).toEqual([user.id])
  expect(stored[ROLE_URN]).toEqual({ role: 'team_admin' })
  return stored
}

describe('PUT replaces; Okta sends the full object back (with `id`, `meta`, `groups`, `emails[].display`): accept it', () => {
  it('PUT replaces', async () => {
    const { org, user } = await employee()
    const body = await put(org, 'Users', user.id, {
      schemas: [USER_SCHEMA, ROLE_URN],
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ value: 'another@okta.local', type: 'work' }],
      active: true,
      [ROLE_URN]: { role: 'team_admin' },
    })
    const stored = await getResource(org, 'Users', user.id)
    expect(body).toEqual(stored)
    expect(stored.name).toEqual({ givenName: 'Another', middleName: 'Excited', familyName: 'User' })
    expect(stored.emails).toEqual([{ value: 'another@okta.local', type: 'work' }])
    // Attributes the PUT left out are gone.
    for (const absent of ['title', 'nickName', 'displayName', 'externalId'])
      expect(stored).not.toHaveProperty(absent)
    expect(stored.meta.created).toBe(user.meta.created)
    expect(stored.meta.version).not.toBe(user.meta.version)
  })

  it('Okta sends the full object back (with `id`, `meta`, `groups`, `emails[].display`): accept it', async () => {
    const { org, user, teams } = await employee()
    // Okta reads the user, edits its profile and PUTs everything back.
    const echoed: Json = {
      ...user,
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: user.emails.map((e: Json) => ({ ...e, display: e.value })),
    }
    expect(echoed.groups).toHaveLength(2)
    const body = await put(org, 'Users', user.id, echoed)
    expect(body.id).toBe(user.id)
    expect(body.name).toEqual({ givenName: 'Another', middleName: 'Excited', familyName: 'User' })
    expect(body.meta.created).toBe(user.meta.created)
    expect(body.meta.version).not.toBe(user.meta.version)
    expect(body.emails.map((e: Json) => e.value)).toEqual(['test.user@okta.local'])
    await expectKept(org, user, teams)
  })

  it('Okta\'s documented PUT with `"groups": []` and a bare meta keeps the memberships', async () => {
    const { org, user, teams } = await employee()
    await put(org, 'Users', user.id, {
      schemas: [USER_SCHEMA],
      id: user.id,
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [
        {
          primary: true,
          value: 'test.user@okta.local',
          type: 'work',
          display: 'test.user@okta.local',
        },
      ],
      active: true,
      groups: [],
      meta: { resourceType: 'User' },
      [ROLE_URN]: { role: 'team_admin' },
    })
    const stored = await expectKept(org, user, teams)
    expect(stored.name.givenName).toBe('Another')
  })

  it.each([
    ['active: false', { active: false }],
    ['active: "False" (Entra string boolean)', { active: 'False' }],
  ])('PUT with `%s` is a deactivation', async (_, flag) => {
    const { org, user, teams } = await employee()
    const { groups: _groups, meta: _meta, ...rest } = user
    const body = await put(org, 'Users', user.id, { ...rest, ...flag })
    expect(body.active).toBe(false)
    const stored = await expectKept(org, user, teams)
    expect(stored.active).toBe(false)
    expect(stored.userName).toBe(user.userName)
  })

  it('PUT of a Group replaces its membership', async () => {
    const org = await createTestOrg()
    const [a, b, c] = [await createUser(org), await createUser(org), await createUser(org)]
    const group = await createGroup(org, {
      displayName: 'Tour Guides',
      members: [{ value: a.id }, { value: b.id }],
    })
    await put(org, 'Groups', group.id, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Tour Guides',
      members: [{ value: b.id }, { value: c.id }],
    })
    expect(await memberIds(org, group.id)).toEqual(sorted([b.id, c.id]))
    expect((await getResource(org, 'Users', a.id)).groups ?? []).toEqual([])
    // Okta's echo of the group it read (id, meta, members with display/$ref/type) is accepted too.
    const read = await getResource(org, 'Groups', group.id)
    const body = await put(org, 'Groups', group.id, {
      ...read,
      displayName: 'Tour Guides EMEA',
      members: read.members.filter((m: Json) => m.value === c.id),
    })
    expect(body.displayName).toBe('Tour Guides EMEA')
    expect(await memberIds(org, group.id)).toEqual([c.id])
  })

  it('PUT of a Group with an unknown member id → 400 invalidValue, membership unchanged', async () => {
    const org = await createTestOrg()
    const [a, b] = [await createUser(org), await createUser(org)]
    const group = await createGroup(org, { displayName: 'Before', members: [{ value: a.id }] })
    const res = await scim(
      `/Groups/${group.id}`,
      org.token,
      send('PUT', {
        schemas: [GROUP_SCHEMA],
        displayName: 'After',
        members: [{ value: b.id }, { value: 'ghost-1' }],
      }),
    )
    await expectScimError(res, 400, 'invalidValue')
    const stored = await getResource(org, 'Groups', group.id)
    expect(stored.displayName).toBe('Before')
    expect(stored.meta.version).toBe(group.meta.version)
    expect(stored.members.map((m: Json) => m.value)).toEqual([a.id])
  })
})

describe('Deactivated users stay GET-able and filterable with `active:false`, and keep their team memberships', () => {
  const deactivations: [string, Json][] = [
    ['Okta: pathless replace {active:false}', { op: 'replace', value: { active: false } }],
    ['Entra: Replace active "False"', { op: 'Replace', path: 'active', value: 'False' }],
  ]

  it.each(deactivations)('%s', async (_, op) => {
    const { org, user, teams } = await employee()
    const res = await patch(org, 'Users', user.id, patchBody(op))
    expect(res.status).toBe(200)
    expect((await scimBody(res)).active).toBe(false)

    const stored = await expectKept(org, user, teams)
    expect(stored.active).toBe(false)
    expect(stored.userName).toBe(user.userName)
    for (const expr of [
      'userName eq "test.user@okta.local"',
      'userName eq "TEST.USER@OKTA.LOCAL"',
      'externalId eq "00ujl29u0le5T6Aj10h7"',
      'active eq false',
      'userName eq "test.user@okta.local" and active eq false',
    ]) {
      const body = await scimBody(
        await scim(`/Users?filter=${encodeURIComponent(expr)}`, org.token),
      )
      expect(
        body.Resources.map((r: Json) => [r.id, r.active]),
        expr,
      ).toEqual([[user.id, false]])
    }
    expect(await filterIds(org, 'Users', 'active eq true')).toEqual([])
    // Still a duplicate for a create: the deactivated user holds the userName.
    await expectScimError(
      await scim(
        '/Users',
        org.token,
        send('POST', { schemas: [USER_SCHEMA], userName: 'test.user@okta.local' }),
      ),
      409,
      'uniqueness',
    )
  })

  it.each(deactivations)(
    '(Entra does not resend memberships on reactivation) %s, then reactivate',
    async (_, op) => {
      const { org, user, teams } = await employee()
      expect((await patch(org, 'Users', user.id, patchBody(op))).status).toBe(200)
      const res = await patch(
        org,
        'Users',
        user.id,
        patchBody({ op: 'Replace', path: 'active', value: 'True' }),
      )
      expect(res.status).toBe(200)
      const stored = await expectKept(org, user, teams)
      expect(stored.active).toBe(true)
    },
  )
})

describe('Roles: the role extension `role` (member, team_admin, org_admin) or core `roles[].value`', () => {
  it.each(['member', 'team_admin', 'org_admin'])(
    'role extension `role` "%s" is accepted',
    async (role) => {
      const org = await createTestOrg()
      const user = await createUser(org, { schemas: [USER_SCHEMA, ROLE_URN], [ROLE_URN]: { role } })
      expect(user.schemas).toContain(ROLE_URN)
      expect((await getResource(org, 'Users', user.id))[ROLE_URN]).toEqual({ role })
      expect(await filterIds(org, 'Users', `${ROLE_URN}:role eq "${role}"`)).toEqual([user.id])
    },
  )

  it('Entra maps an app attribute to `urn:…:scimedge:2.0:User:role`', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    const res = await patch(
      org,
      'Users',
      user.id,
      patchBody({ op: 'Add', path: `${ROLE_URN}:role`, value: 'org_admin' }),
    )
    expect(res.status).toBe(200)
    expect((await scimBody(res))[ROLE_URN]).toEqual({ role: 'org_admin' })
    expect((await getResource(org, 'Users', user.id))[ROLE_URN]).toEqual({ role: 'org_admin' })
  })

  it('core `roles[].value` is accepted', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, { roles: [{ value: 'team_admin', primary: true }] })
    expect((await getResource(org, 'Users', user.id)).roles).toEqual([
      { value: 'team_admin', primary: true },
    ])
  })

  it.each([
    ['POST, role extension', (_: Json) => ({ [ROLE_URN]: { role: 'superuser' } })],
    ['POST, core roles', (_: Json) => ({ roles: [{ value: 'superuser' }] })],
  ])('other values → 400 invalidValue (%s), nothing created', async (_, extra) => {
    const org = await createTestOrg()
    const res = await scim(
      '/Users',
      org.token,
      send('POST', {
        schemas: [USER_SCHEMA, ROLE_URN],
        userName: 'would.be.root@example.com',
        ...extra({}),
      }),
    )
    const body = await expectScimError(res, 400, 'invalidValue')
    expect(body.detail).toContain('superuser')
    expect(await filterIds(org, 'Users', 'userName eq "would.be.root@example.com"')).toEqual([])
  })

  it.each([
    ['PATCH the role extension', { op: 'Replace', path: `${ROLE_URN}:role`, value: 'superuser' }],
    ['PATCH pathless', { op: 'replace', value: { [`${ROLE_URN}:role`]: 'superuser' } }],
    ['PATCH core roles', { op: 'Add', path: 'roles', value: [{ value: 'superuser' }] }],
    [
      'PATCH roles[primary eq "True"].value',
      { op: 'Add', path: 'roles[primary eq "True"].value', value: 'superuser' },
    ],
  ])('other values → 400 invalidValue (%s), nothing changed', async (_, op) => {
    const { org, user } = await employee()
    const res = await patch(org, 'Users', user.id, patchBody(op))
    await expectScimError(res, 400, 'invalidValue')
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
  })

  it('other values → 400 invalidValue (PUT), nothing changed', async () => {
    const { org, user } = await employee()
    const res = await scim(
      `/Users/${user.id}`,
      org.token,
      send('PUT', {
        schemas: [USER_SCHEMA, ROLE_URN],
        userName: user.userName,
        displayName: 'Changed',
        [ROLE_URN]: { role: 'superuser' },
      }),
    )
    await expectScimError(res, 400, 'invalidValue')
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
  })
})

describe('Entra sends DELETE after its 30-day soft delete: DELETE → 204, then GET → 404', () => {
  it('DELETE a user → 204, then GET → 404, and the user is gone from group members', async () => {
    const { org, user, teams } = await employee()
    const colleague = await createUser(org, { groups: [{ value: teams[0].id }] })
    const res = await scim(`/Users/${user.id}`, org.token, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    await expectScimError(await scim(`/Users/${user.id}`, org.token), 404)
    expect(await filterIds(org, 'Users', 'userName eq "test.user@okta.local"')).toEqual([])
    expect(await filterIds(org, 'Users', `id eq "${user.id}"`)).toEqual([])
    expect(await memberIds(org, teams[0].id)).toEqual([colleague.id])
    expect(await memberIds(org, teams[1].id)).toEqual([])
    // Deleting again: the user is not there any more.
    await expectScimError(await scim(`/Users/${user.id}`, org.token, { method: 'DELETE' }), 404)
  })

  it('after DELETE the userName is free again', async () => {
    const { org, user } = await employee()
    expect((await scim(`/Users/${user.id}`, org.token, { method: 'DELETE' })).status).toBe(204)
    const again = await createUser(org, { userName: 'test.user@okta.local' })
    expect(again.id).not.toBe(user.id)
    expect(again.groups ?? []).toEqual([])
  })

  it('DELETE a group → 204, then GET → 404, and its members no longer list it', async () => {
    const { org, user, teams } = await employee()
    const res = await scim(`/Groups/${teams[0].id}`, org.token, { method: 'DELETE' })
    expect(res.status).toBe(204)
    await expectScimError(await scim(`/Groups/${teams[0].id}`, org.token), 404)
    const stored = await getResource(org, 'Users', user.id)
    expect(stored.groups.map((g: Json) => g.value)).toEqual([teams[1].id])
  })
})
