// IDP-COMPAT.md "Queries": how Okta and Entra ID look resources up before they create or link
// them, and how Okta imports with startIndex paging. Each test runs in its own org.
import { describe, expect, it } from 'vitest'
import {
  ENTERPRISE,
  createGroup,
  createTestOrg,
  createUser,
  expectScimError,
  filterIds,
  filterQuery,
  getResource,
  list,
  orgWithUsers,
  patchUser,
  scim,
  scimBody,
  send,
  sorted,
  uniqueName,
  USER_SCHEMA,
  GROUP_SCHEMA,
  type Json,
  type TestOrg,
} from './helpers'

describe('filter=userName eq "x": create vs link', () => {
  it.each([
    ['the same case', 'Barbara.Jensen@Example.com'],
    ['all lower case', 'barbara.jensen@example.com'],
    ['all upper case', 'BARBARA.JENSEN@EXAMPLE.COM'],
    ['mixed case', 'bArBaRa.JeNsEn@eXaMpLe.CoM'],
  ])('filter=userName eq "x" matches case-insensitively (%s)', async (_, asked) => {
    const org = await createTestOrg()
    const user = await createUser(org, { userName: 'Barbara.Jensen@Example.com' })
    await createUser(org, { userName: 'barbara.jensen@example.org' })
    const body = await list(org, 'Users', filterQuery(`userName eq "${asked}"`))
    expect(body.totalResults).toBe(1)
    expect(body.Resources.map((r: Json) => [r.id, r.userName])).toEqual([
      [user.id, 'Barbara.Jensen@Example.com'],
    ])
  })

  it.each([
    ['ASCII case variant', 'Anna.Lee@Example.com', 'anna.lee@example.com'],
    ['exact same name', 'anna.lee@example.com', 'anna.lee@example.com'],
    ['a different name', 'anna.lee@example.com', 'anna.lee2@example.com'],
    ['non-ASCII case variant', 'émile.zola@example.com', 'ÉMILE.ZOLA@EXAMPLE.COM'],
    ['non-ASCII exact', 'émile.zola@example.com', 'émile.zola@example.com'],
  ])(
    'filter=userName eq "x" agrees exactly with the uniqueness check (%s)',
    async (_, existing, asked) => {
      const org = await createTestOrg()
      const user = await createUser(org, { userName: existing })
      const found = await filterIds(org, 'Users', `userName eq "${asked}"`)
      const create = await scim(
        '/Users',
        org.token,
        send('POST', { schemas: [USER_SCHEMA], userName: asked }),
      )
      if (found.length > 0) {
        // Link: the filter found the user, so a create must be the 409 Okta treats as fatal…
        expect(found).toEqual([user.id])
        await expectScimError(create, 409, 'uniqueness')
        expect(await filterIds(org, 'Users', `userName eq "${asked}"`)).toEqual([user.id])
      } else {
        // …create: the filter found nothing, so the create must not be refused as a duplicate.
        const created = await scimBody(create)
        expect(create.status, JSON.stringify(created)).toBe(201)
        expect(await filterIds(org, 'Users', `userName eq "${asked}"`)).toEqual([created.id])
      }
    },
  )

  it('agrees exactly with the uniqueness check under concurrent creates of case variants', async () => {
    const org = await createTestOrg()
    const names = ['race@example.com', 'RACE@example.com', 'Race@Example.com', 'rAcE@eXample.com']
    const results = await Promise.all(
      names.map((userName) =>
        scim('/Users', org.token, send('POST', { schemas: [USER_SCHEMA], userName })),
      ),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(names.length - 1)
    const winner = (await results[statuses.indexOf(201)].json()) as Json
    for (const name of names)
      expect(await filterIds(org, 'Users', `userName eq "${name}"`)).toEqual([winner.id])
  })
})

describe('Also externalId eq, id eq, emails[type eq "work"].value eq, displayName eq (Groups)', () => {
  it('Also `externalId eq`', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, { externalId: '00u1abcd2EFGH3ijk4x7' })
    await createUser(org, { externalId: '00u1abcd2EFGH3ijk4x8' })
    expect(await filterIds(org, 'Users', 'externalId eq "00u1abcd2EFGH3ijk4x7"')).toEqual([user.id])
    expect(await filterIds(org, 'Users', 'externalId eq "00u-nobody"')).toEqual([])
  })

  it('Also `id eq`', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    await createUser(org)
    expect(await filterIds(org, 'Users', `id eq "${user.id}"`)).toEqual([user.id])
    const group = await createGroup(org)
    await createGroup(org)
    expect(await filterIds(org, 'Groups', `id eq "${group.id}"`)).toEqual([group.id])
  })

  it('Also `emails[type eq "work"].value eq "x"`', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, {
      emails: [
        { type: 'work', value: 'kim.work@example.com', primary: true },
        { type: 'home', value: 'kim.home@example.net' },
      ],
    })
    await createUser(org, { emails: [{ type: 'home', value: 'kim.work@example.com' }] })
    expect(
      await filterIds(org, 'Users', 'emails[type eq "work"].value eq "kim.work@example.com"'),
    ).toEqual([user.id])
    // The value must be on the work element, not on any element.
    expect(
      await filterIds(org, 'Users', 'emails[type eq "work"].value eq "kim.home@example.net"'),
    ).toEqual([])
  })

  it('Also `displayName eq` (Groups)', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, { displayName: 'Tour Guides' })
    await createGroup(org, { displayName: 'Tour Guides EMEA' })
    expect(await filterIds(org, 'Groups', 'displayName eq "Tour Guides"')).toEqual([group.id])
    expect(await filterIds(org, 'Groups', 'displayName eq "Tour"')).toEqual([])
  })

  it('joined with `and`', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, { userName: 'joined@example.com', externalId: 'ext-1' })
    await createUser(org, { userName: 'other@example.com', externalId: 'ext-1' })
    expect(
      await filterIds(org, 'Users', 'userName eq "joined@example.com" and externalId eq "ext-1"'),
    ).toEqual([user.id])
    expect(
      await filterIds(org, 'Users', 'userName eq "joined@example.com" and externalId eq "ext-2"'),
    ).toEqual([])
    expect(
      await filterIds(
        org,
        'Users',
        'emails[type eq "work"].value eq "nobody@example.com" and externalId eq "ext-1"',
      ),
    ).toEqual([])
  })
})

describe('operator and attribute names in any case; schema URN prefix; + for space', () => {
  it.each([
    'userName eq "lee@example.com"',
    'USERNAME EQ "lee@example.com"',
    'username Eq "lee@example.com"',
    'UserName eQ "lee@example.com"',
    'userName eq "lee@example.com" AND externalId eq "lee-1"',
    'userName eq "lee@example.com" And ExternalID EQ "lee-1"',
    'Emails[Type EQ "work"].Value eq "lee@example.com"',
    'EMAILS[TYPE eq "work"].VALUE EQ "lee@example.com"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "lee@example.com"',
    'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME EQ "lee@example.com"',
    `${ENTERPRISE}:employeeNumber eq "701984"`,
    `${ENTERPRISE.toUpperCase()}:EmployeeNumber eq "701984"`,
  ])('operator and attribute names in any case, with or without URN: %s', async (expr) => {
    const org = await createTestOrg()
    const user = await createUser(org, {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName: 'lee@example.com',
      externalId: 'lee-1',
      emails: [{ type: 'work', value: 'lee@example.com' }],
      [ENTERPRISE]: { employeeNumber: '701984' },
    })
    await createUser(org, { userName: 'leeway@example.com', externalId: 'lee-2' })
    expect(await filterIds(org, 'Users', expr)).toEqual([user.id])
  })

  it.each([
    'displayName eq "Sales Team"',
    'DisplayName eq "Sales Team"',
    'DISPLAYNAME EQ "sales team"',
    'urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Sales Team"',
  ])('Groups: attribute names in any case and URN prefix (%s)', async (expr) => {
    const org = await createTestOrg()
    const group = await createGroup(org, { displayName: 'Sales Team' })
    await createGroup(org, { displayName: 'Sales' })
    expect(await filterIds(org, 'Groups', expr)).toEqual([group.id])
  })

  it.each([
    ['Users', 'filter=userName+eq+%22Ann+Marie+Smith%22', 'userName', 'Ann Marie Smith'],
    ['Users', 'filter=userName+eq+"Ann+Marie+Smith"', 'userName', 'Ann Marie Smith'],
    [
      'Groups',
      'filter=displayName+eq+%22Sales+and+Marketing%22',
      'displayName',
      'Sales and Marketing',
    ],
    [
      'Groups',
      'filter=displayName%20eq%20%22Sales%20and%20Marketing%22',
      'displayName',
      'Sales and Marketing',
    ],
  ] as const)(
    'values may be URL-encoded with `+` for space (%s ?%s)',
    async (kind, query, attribute, value) => {
      const org = await createTestOrg()
      const make = kind === 'Users' ? createUser : createGroup
      const match = await make(org, { [attribute]: value })
      await make(org, { [attribute]: `${value}+` })
      const body = await list(org, kind, query)
      expect(body.Resources.map((r: Json) => r.id)).toEqual([match.id])
      expect(body.Resources[0][attribute]).toBe(value)
    },
  )
})

describe('ListResponse shape and paging', () => {
  it.each(['Users', 'Groups'] as const)(
    'No match → 200 ListResponse, `totalResults: 0`, `Resources: []` (%s)',
    async (kind) => {
      const org = await createTestOrg()
      if (kind === 'Users') await createUser(org, { userName: 'someone@example.com' })
      else await createGroup(org, { displayName: 'Someone' })
      const attr = kind === 'Users' ? 'userName' : 'displayName'
      const res = await scim(
        `/${kind}?${filterQuery(`${attr} eq "nobody"`)}&startIndex=1&count=100`,
        org.token,
      )
      expect(res.status).toBe(200)
      const body = await scimBody(res)
      expect(body).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      })
    },
  )

  it.each([
    ['no paging parameters', ''],
    ['paging parameters as query strings', 'startIndex=2&count=2'],
    ['a filter', filterQuery('userName sw "user"') + '&count=3'],
  ])('`totalResults`, `startIndex`, `itemsPerPage` are JSON integers (%s)', async (_, query) => {
    const { org } = await orgWithUsers(4)
    const res = await scim(`/Users?${query}`, org.token)
    const text = await res.text()
    const body = JSON.parse(text) as Json
    for (const key of ['totalResults', 'startIndex', 'itemsPerPage']) {
      expect(typeof body[key], `${key} in ${text}`).toBe('number')
      expect(Number.isInteger(body[key]), `${key} in ${text}`).toBe(true)
      expect(text).toMatch(new RegExp(`"${key}":\\d+[,}]`))
    }
    expect(body.totalResults).toBe(4)
    expect(body.itemsPerPage).toBe(body.Resources.length)
  })

  it('`startIndex` is 1-based', async () => {
    const { org, users } = await orgWithUsers(4)
    const body = await list(org, 'Users', 'startIndex=2&count=2')
    expect(body.startIndex).toBe(2)
    expect(body.itemsPerPage).toBe(2)
    expect(body.totalResults).toBe(4)
    expect(body.Resources.map((r: Json) => r.id)).toEqual([users[1].id, users[2].id])
  })

  it.each(['0', '-1', '-100'])('`startIndex` < 1 means 1 (startIndex=%s)', async (startIndex) => {
    const { org, users } = await orgWithUsers(3)
    const body = await list(org, 'Users', `startIndex=${startIndex}&count=2`)
    expect(body.startIndex).toBe(1)
    expect(body.totalResults).toBe(3)
    expect(body.Resources.map((r: Json) => r.id)).toEqual([users[0].id, users[1].id])
  })

  it('order is stable across pages; the default order is creation order', async () => {
    const { org, users } = await orgWithUsers(7)
    const seen: string[] = []
    for (let startIndex = 1; startIndex <= 7; startIndex += 3) {
      const page = await list(org, 'Users', `startIndex=${startIndex}&count=3`)
      expect(page.totalResults).toBe(7)
      expect(page.startIndex).toBe(startIndex)
      const ids: string[] = page.Resources.map((r: Json) => r.id)
      seen.push(...ids)
      // The IdP's own updates between two page requests must not move anyone across pages.
      for (const id of ids) await patchUser(org, id, { op: 'replace', path: 'title', value: 'x' })
    }
    expect(seen).toEqual(users.map((u) => u.id))
  })

  it('order is stable across pages (Okta imports with `count=100`, `startIndex += 100`)', async () => {
    const org = await createTestOrg()
    const created: Json[] = []
    for (let i = 0; i < 250; i += 50) {
      created.push(...(await Promise.all(Array.from({ length: 50 }, () => createUser(org)))))
    }
    const imported: string[] = []
    for (let startIndex = 1; ; startIndex += 100) {
      const page = await list(org, 'Users', `startIndex=${startIndex}&count=100`)
      expect(page.totalResults).toBe(250)
      expect(page.startIndex).toBe(startIndex)
      expect(page.itemsPerPage).toBe(page.Resources.length)
      imported.push(...page.Resources.map((r: Json) => r.id))
      if (page.Resources.length < 100) break
    }
    expect(imported).toHaveLength(250)
    expect(new Set(imported).size).toBe(250)
    expect(sorted(imported)).toEqual(sorted(created.map((u) => u.id)))
    // The pages concatenated are exactly the one-page listing.
    const all = await list(org, 'Users', 'count=1000')
    expect(all.Resources.map((r: Json) => r.id)).toEqual(imported)
  }, 60_000)

  it.each(['Users', 'Groups'] as const)(
    '`count=0` returns only `totalResults` (%s)',
    async (kind) => {
      const org = await createTestOrg()
      const make = kind === 'Users' ? createUser : createGroup
      for (let i = 0; i < 3; i++) await make(org)
      const body = await list(org, kind, 'count=0')
      expect(body.totalResults).toBe(3)
      expect(body.Resources ?? []).toEqual([])
      if ('itemsPerPage' in body) expect(body.itemsPerPage).toBe(0)
      const filtered = await list(org, kind, `count=0&${filterQuery(`id eq "nope"`)}`)
      expect(filtered.totalResults).toBe(0)
    },
  )
})

describe('A filter the server cannot honour → 400 `invalidFilter`', () => {
  it.each([
    ['Users', 'unknown attribute', 'favouriteColour eq "blue"'],
    ['Users', 'unknown sub-attribute', 'name.nickName eq "Babs"'],
    [
      'Users',
      'unknown attribute joined with and',
      'userName eq "a@example.com" and shoeSize eq 42',
    ],
    ['Users', 'unknown attribute inside a value filter', 'emails[colour eq "red"].value eq "x"'],
    ['Users', 'unknown extension attribute', `${ENTERPRISE}:favouriteColour eq "blue"`],
    ['Users', 'unknown schema URN', 'urn:example:params:scim:schemas:Foo:userName eq "x"'],
    ['Users', 'unknown operator', 'userName xx "a@example.com"'],
    ['Users', 'missing value', 'userName eq'],
    ['Users', 'unterminated string', 'userName eq "a@example.com'],
    ['Groups', 'a User attribute on Groups', 'userName eq "a@example.com"'],
    ['Groups', 'unknown attribute', 'owner eq "x"'],
  ] as const)('%s: %s → 400 invalidFilter', async (kind, _, expr) => {
    const org = await createTestOrg()
    if (kind === 'Users') await createUser(org, { userName: 'a@example.com' })
    else await createGroup(org)
    const res = await scim(`/${kind}?${filterQuery(expr)}`, org.token)
    const body = await expectScimError(res, 400, 'invalidFilter')
    expect(body).not.toHaveProperty('Resources')
  })
})

describe('never silently wrong results', () => {
  it.each([
    ['Users', 'groups.value eq "<group>"', ['member']],
    ['Users', 'groups eq "<group>"', ['member']],
    ['Users', 'not (groups.value eq "<group>")', ['outsider']],
    ['Groups', 'members.value eq "<member>"', ['group']],
    ['Groups', 'members[value eq "<member>"]', ['group']],
    ['Groups', 'members.value eq "<outsider>"', []],
    ['Users', 'password eq "x"', []],
    ['Users', 'meta.lastModified gt "not-a-date"', []],
  ] as const)(
    '%s?filter=%s → the right resources, or 400 invalidFilter',
    async (kind, template, expected) => {
      const org = await createTestOrg()
      const member = await createUser(org)
      const outsider = await createUser(org)
      const group = await createGroup(org, { members: [{ value: member.id }] })
      await createGroup(org)
      const named: Record<string, string> = {
        member: member.id,
        outsider: outsider.id,
        group: group.id,
      }
      const expr = template
        .replace('<group>', group.id)
        .replace('<member>', member.id)
        .replace('<outsider>', outsider.id)
      const res = await scim(`/${kind}?${filterQuery(expr)}`, org.token)
      if (res.status === 400) {
        await expectScimError(res, 400, 'invalidFilter')
        return
      }
      const body = await scimBody(res)
      expect(res.status, JSON.stringify(body)).toBe(200)
      expect(sorted(body.Resources.map((r: Json) => r.id))).toEqual(
        sorted(expected.map((name) => named[name])),
      )
    },
  )
})

describe('`attributes` / `excludedAttributes` honoured', () => {
  const fullUser = {
    schemas: [USER_SCHEMA, ENTERPRISE],
    userName: 'proj@example.com',
    displayName: 'Pro Jection',
    name: { givenName: 'Pro', familyName: 'Jection' },
    emails: [{ type: 'work', value: 'proj@example.com' }],
    [ENTERPRISE]: { department: 'R&D' },
  }

  it('`attributes` honoured on a list and on a single resource', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, fullUser)
    const listed = await list(org, 'Users', `attributes=userName,name.givenName`)
    const one = await getResource(org, 'Users', user.id, '?attributes=userName,name.givenName')
    for (const resource of [listed.Resources[0], one]) {
      expect(resource.id).toBe(user.id)
      expect(resource.userName).toBe('proj@example.com')
      expect(resource.name).toEqual({ givenName: 'Pro' })
      expect(resource).not.toHaveProperty('displayName')
      expect(resource).not.toHaveProperty('emails')
      expect(resource).not.toHaveProperty(ENTERPRISE)
    }
  })

  it('`excludedAttributes` honoured on a list and on a single resource', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, fullUser)
    const query = `excludedAttributes=emails,${ENTERPRISE}:department`
    const listed = await list(org, 'Users', query)
    const one = await getResource(org, 'Users', user.id, `?${query}`)
    for (const resource of [listed.Resources[0], one]) {
      expect(resource.id).toBe(user.id)
      expect(resource.userName).toBe('proj@example.com')
      expect(resource.displayName).toBe('Pro Jection')
      expect(resource).not.toHaveProperty('emails')
      expect(resource[ENTERPRISE]?.department).toBeUndefined()
    }
  })

  it.each([
    ['GET /Groups', (id: string) => `/Groups?excludedAttributes=members`],
    ['GET /Groups/{id}', (id: string) => `/Groups/${id}?excludedAttributes=members`],
    [
      'Entra matching: filter + excludedAttributes',
      (_: string) =>
        `/Groups?excludedAttributes=members&${filterQuery('displayName eq "With Members"')}`,
    ],
    ['attribute name in another case', (id: string) => `/Groups/${id}?excludedAttributes=Members`],
    [
      'URN-qualified name',
      (id: string) => `/Groups/${id}?excludedAttributes=${GROUP_SCHEMA}:members`,
    ],
  ])('`excludedAttributes=members` never returns members (%s)', async (_, path) => {
    const org = await createTestOrg()
    const a = await createUser(org)
    const b = await createUser(org)
    const group = await createGroup(org, {
      displayName: 'With Members',
      members: [{ value: a.id }, { value: b.id }],
    })
    // The members are there: only the projection hides them.
    expect(sorted(group.members.map((m: Json) => m.value))).toEqual(sorted([a.id, b.id]))
    const res = await scim(path(group.id), org.token)
    const text = await res.text()
    expect(res.status, text).toBe(200)
    const body = JSON.parse(text) as Json
    const resources: Json[] = body.Resources ?? [body]
    expect(resources.map((r) => r.id)).toEqual([group.id])
    expect(resources[0].displayName).toBe('With Members')
    expect(resources[0]).not.toHaveProperty('members')
    expect(text).not.toContain(a.id)
  })
})

describe('`attributes` with a value filter (Microsoft validator): refused, never silently dropped', () => {
  it.each([
    [
      'GET list',
      (o: TestOrg) =>
        scim(`/Users?attributes=${encodeURIComponent('emails[type eq "work"]')}`, o.token),
    ],
    [
      'GET one',
      (o: TestOrg) =>
        scim(`/Users/x?attributes=${encodeURIComponent('emails[type eq "work"].value')}`, o.token),
    ],
    [
      'excludedAttributes',
      (o: TestOrg) =>
        scim(`/Users?excludedAttributes=${encodeURIComponent('emails[type eq "home"]')}`, o.token),
    ],
    [
      'POST …/.search',
      (o: TestOrg) =>
        scim('/Users/.search', o.token, send('POST', { attributes: ['emails[type eq "work"]'] })),
    ],
    [
      'a write’s answer',
      (o: TestOrg) =>
        scim(
          `/Users?attributes=${encodeURIComponent('emails[type eq "work"]')}`,
          o.token,
          send('POST', { userName: uniqueName() }),
        ),
    ],
  ])('%s → 400 invalidValue naming the attribute', async (_case, request) => {
    const org = await createTestOrg()
    await createUser(org, { emails: [{ value: 'w@x.test', type: 'work' }] })
    const res = await request(org)
    const body = await expectScimError(res, 400, 'invalidValue')
    expect(body.detail).toMatch(/use "emails"/)
  })
})

describe('`attributes` / `excludedAttributes` in other spellings', () => {
  it.each(['userName', 'UserName', 'urn:ietf:params:scim:schemas:core:2.0:User:userName'])(
    '`attributes=%s`',
    async (name) => {
      const org = await createTestOrg()
      const user = await createUser(org, { userName: 'only@example.com', displayName: 'Only' })
      const body = await list(org, 'Users', `attributes=${encodeURIComponent(name)}`)
      expect(body.Resources).toHaveLength(1)
      expect(body.Resources[0].id).toBe(user.id)
      expect(body.Resources[0].userName).toBe('only@example.com')
      expect(body.Resources[0]).not.toHaveProperty('displayName')
    },
  )

  it('`excludedAttributes=members` never returns members (POST /Groups/.search)', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    const group = await createGroup(org, { members: [{ value: user.id }] })
    const res = await scim(
      '/Groups/.search',
      org.token,
      send('POST', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: `id eq "${group.id}"`,
        excludedAttributes: ['members'],
      }),
    )
    const body = await scimBody(res)
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.Resources.map((r: Json) => r.id)).toEqual([group.id])
    expect(body.Resources[0]).not.toHaveProperty('members')
    expect(JSON.stringify(body)).not.toContain(user.id)
  })
})

describe('JSON attribute names are case-insensitive (RFC 7643 §2.1)', () => {
  it('Microsoft\'s test collection sends `"Primary"`, `"Department"`, `"Manager": {"Value": …}`', async () => {
    const org = await createTestOrg()
    const manager = await createUser(org)
    const res = await scim(
      '/Users',
      org.token,
      send('POST', {
        schemas: [USER_SCHEMA, ENTERPRISE],
        UserName: 'UserName123',
        Active: true,
        DisplayName: 'BobIsAmazing',
        ExternalId: 'ext-123',
        Name: { FamilyName: 'familyName', GivenName: 'givenName' },
        Emails: [{ Primary: true, Type: 'work', Value: 'Test@contoso.com' }],
        [ENTERPRISE]: { Department: 'Sales', Manager: { Value: manager.id } },
      }),
    )
    const created = await scimBody(res)
    expect(res.status, JSON.stringify(created)).toBe(201)
    const stored = await getResource(org, 'Users', created.id)
    expect(stored).toMatchObject({
      userName: 'UserName123',
      active: true,
      displayName: 'BobIsAmazing',
      externalId: 'ext-123',
      name: { familyName: 'familyName', givenName: 'givenName' },
      emails: [{ primary: true, type: 'work', value: 'Test@contoso.com' }],
      [ENTERPRISE]: { department: 'Sales', manager: { value: manager.id } },
    })
    for (const key of ['UserName', 'Emails', 'Name', 'Department', 'Manager', 'Value', 'Primary'])
      expect(JSON.stringify(stored)).not.toContain(`"${key}"`)
    // And it is found the way the collection then looks it up.
    expect(await filterIds(org, 'Users', 'userName eq "UserName123"')).toEqual([created.id])
    expect(await filterIds(org, 'Users', `${ENTERPRISE}:manager.value eq "${manager.id}"`)).toEqual(
      [created.id],
    )
  })

  it('the same capitalized keys inside PATCH values (`"Value"`, `"Primary"`, `"Department"`, `"Manager"`)', async () => {
    const org = await createTestOrg()
    const manager = await createUser(org)
    const user = await createUser(org, {
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    })
    const res = await scim(
      `/Users/${user.id}`,
      org.token,
      send('PATCH', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          {
            op: 'add',
            path: 'emails',
            value: [{ Value: 'babs@jensen.org', Type: 'home', Primary: 'True' }],
          },
          {
            op: 'replace',
            value: { [ENTERPRISE]: { Department: 'Sales', Manager: { Value: manager.id } } },
          },
        ],
      }),
    )
    expect(res.status).toBe(200)
    const stored = await getResource(org, 'Users', user.id)
    expect(stored.emails).toContainEqual({ value: 'babs@jensen.org', type: 'home', primary: true })
    // RFC 7643 §2.4: "primary": true appears no more than once.
    expect(stored.emails.filter((e: Json) => e.primary === true)).toHaveLength(1)
    expect(stored[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: manager.id } })
  })

  it('`filter=DisplayName eq "…"` on Groups', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, { displayName: 'GroupDisplayName' })
    await createGroup(org, { displayName: 'Other' })
    const body = await list(org, 'Groups', `filter=DisplayName+eq+%22GroupDisplayName%22`)
    expect(body.Resources.map((r: Json) => r.id)).toEqual([group.id])
  })
})
