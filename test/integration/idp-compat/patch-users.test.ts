// IDP-COMPAT.md "PATCH", the User half: Entra ID's and Okta's PatchOp shapes on /Users.
import { describe, expect, it } from 'vitest'
import {
  ENTERPRISE,
  PATCH_OP,
  USER_SCHEMA,
  createGroup,
  createTestOrg,
  createUser,
  expectScimError,
  getResource,
  patch,
  patchBody,
  patchUser,
  scimBody,
  type Json,
} from './helpers'

const baseUser = {
  schemas: [USER_SCHEMA, ENTERPRISE],
  userName: 'bjensen@example.com',
  externalId: '00u1abcd2EFGH3ijk4x7',
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@example.net', type: 'home' },
  ],
  [ENTERPRISE]: { department: 'Tour Operations' },
}

/** A fresh org holding Babs; returns both plus her stored representation. */
async function babs(overrides: Json = {}) {
  const org = await createTestOrg()
  const user = await createUser(org, { ...baseUser, ...overrides })
  return { org, user }
}

describe('`op` in any case (Entra sends `Add`, `Replace`, `Remove`)', () => {
  it.each(['add', 'Add', 'ADD', 'replace', 'Replace', 'REPLACE'])('op "%s"', async (op) => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, { op, path: 'displayName', value: 'Babs J.' })
    expect(body.displayName).toBe('Babs J.')
    expect((await getResource(org, 'Users', user.id)).displayName).toBe('Babs J.')
  })

  it.each(['remove', 'Remove', 'REMOVE'])('op "%s"', async (op) => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, { op, path: 'title' })
    expect(body).not.toHaveProperty('title')
    const stored = await getResource(org, 'Users', user.id)
    expect(stored).not.toHaveProperty('title')
    expect(stored.displayName).toBe('Babs Jensen')
  })

  it('an unknown op is refused and changes nothing', async () => {
    const { org, user } = await babs()
    const res = await patch(
      org,
      'Users',
      user.id,
      patchBody({ op: 'Merge', path: 'displayName', value: 'X' }),
    )
    expect(res.status).toBe(400)
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
  })
})

describe('Pathless `add`/`replace` whose `value` is an object with plain, dotted or URN-qualified keys', () => {
  it.each([
    ['add', 'plain keys (`active`)', { active: false }, { active: false }],
    ['replace', 'plain keys (`active`)', { active: false }, { active: false }],
    [
      'add',
      'dotted keys (`name.givenName`)',
      { 'name.givenName': 'Babs' },
      { name: { givenName: 'Babs', familyName: 'Jensen' } },
    ],
    [
      'replace',
      'dotted keys (`name.givenName`)',
      { 'name.givenName': 'Babs' },
      { name: { givenName: 'Babs', familyName: 'Jensen' } },
    ],
    [
      'add',
      'URN-qualified keys (`urn:…:enterprise:2.0:User:employeeNumber`)',
      { [`${ENTERPRISE}:employeeNumber`]: '701984' },
      { [ENTERPRISE]: { department: 'Tour Operations', employeeNumber: '701984' } },
    ],
    [
      'replace',
      'URN-qualified keys (`urn:…:enterprise:2.0:User:employeeNumber`)',
      { [`${ENTERPRISE}:employeeNumber`]: '701984' },
      { [ENTERPRISE]: { department: 'Tour Operations', employeeNumber: '701984' } },
    ],
    [
      'Replace',
      'all three at once (Entra)',
      {
        displayName: 'Babs J.',
        'name.givenName': 'Babs',
        'name.familyName': 'Jensen-Smith',
        [`${ENTERPRISE}:employeeNumber`]: '701984',
      },
      {
        displayName: 'Babs J.',
        name: { givenName: 'Babs', familyName: 'Jensen-Smith' },
        [ENTERPRISE]: { department: 'Tour Operations', employeeNumber: '701984' },
      },
    ],
  ])('pathless %s with %s', async (op, _, value, expected) => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, { op, value })
    const stored = await getResource(org, 'Users', user.id)
    for (const resource of [body, stored]) {
      expect(resource).toMatchObject(expected)
      // Everything the value did not name is untouched.
      expect(resource.userName).toBe(user.userName)
      expect(resource.emails).toEqual(user.emails)
      expect(resource.title).toBe('Tour Guide')
    }
    expect(stored.meta.version).not.toBe(user.meta.version)
  })

  it('Okta deactivates with {"op":"replace","value":{"active":false}}', async () => {
    const { org, user } = await babs()
    const res = await patch(
      org,
      'Users',
      user.id,
      patchBody({ op: 'replace', value: { active: false } }),
    )
    const body = await scimBody(res)
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ id: user.id, userName: user.userName, active: false })
    const stored = await getResource(org, 'Users', user.id)
    expect(stored.active).toBe(false)
    expect(stored.name).toEqual(user.name)
  })

  it.each([
    ['the same id', (user: Json) => ({ id: user.id, displayName: 'Renamed' })],
    [
      'the same id, schemas and meta',
      (user: Json) => ({
        schemas: [USER_SCHEMA],
        id: user.id,
        displayName: 'Renamed',
        meta: { resourceType: 'User', lastModified: '2030-01-01T00:00:00Z' },
      }),
    ],
  ])('an unchanged read-only value is not an error (%s in the value)', async (_, value) => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, { op: 'replace', value: value(user) })
    expect(body.displayName).toBe('Renamed')
    expect(body.meta.lastModified).not.toBe('2030-01-01T00:00:00Z')
    expect((await getResource(org, 'Users', user.id)).displayName).toBe('Renamed')
  })
})

describe('Booleans as strings: `"False"`, `"false"`, `"True"` for `active` and `primary` (coerce booleans only)', () => {
  it.each([
    ['False', true, false],
    ['false', true, false],
    ['True', false, true],
    ['true', false, true],
  ])('`active` "%s" with a path', async (text, from, to) => {
    const { org, user } = await babs({ active: from })
    const body = await patchUser(org, user.id, { op: 'Replace', path: 'active', value: text })
    expect(body.active).toBe(to)
    expect((await getResource(org, 'Users', user.id)).active).toBe(to)
  })

  it.each([
    ['False', true, false],
    ['True', false, true],
  ])('`active` "%s" in a pathless value', async (text, from, to) => {
    const { org, user } = await babs({ active: from })
    const body = await patchUser(org, user.id, { op: 'replace', value: { active: text } })
    expect(body.active).toBe(to)
    expect((await getResource(org, 'Users', user.id)).active).toBe(to)
  })

  it.each([
    ['True', true],
    ['False', false],
  ])('`primary` "%s" on emails[type eq "work"].primary', async (text, expected) => {
    const { org, user } = await babs({
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: !expected },
        { value: 'babs@example.net', type: 'home' },
      ],
    })
    const body = await patchUser(org, user.id, {
      op: 'Replace',
      path: 'emails[type eq "work"].primary',
      value: text,
    })
    const stored = await getResource(org, 'Users', user.id)
    for (const resource of [body, stored]) {
      const work = resource.emails.find((e: Json) => e.type === 'work')
      expect(work).toEqual({ value: 'bjensen@example.com', type: 'work', primary: expected })
    }
  })

  it('`primary` "True" inside an added element', async () => {
    const { org, user } = await babs({ emails: undefined })
    await patchUser(org, user.id, {
      op: 'Add',
      path: 'emails',
      value: [{ value: 'new@example.com', type: 'work', primary: 'True' }],
    })
    const stored = await getResource(org, 'Users', user.id)
    expect(stored.emails).toEqual([{ value: 'new@example.com', type: 'work', primary: true }])
  })

  it.each([
    ['title', 'True'],
    ['displayName', 'false'],
    ['nickName', 'False'],
  ])('coerce booleans only: a string attribute keeps "%s" = "%s"', async (path, text) => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, { op: 'Replace', path, value: text })
    expect(body[path]).toBe(text)
    expect((await getResource(org, 'Users', user.id))[path]).toBe(text)
  })
})

describe('Value-filter paths', () => {
  it('`emails[type eq "work"].value` changes the work address only', async () => {
    const { org, user } = await babs()
    await patchUser(org, user.id, {
      op: 'Replace',
      path: 'emails[type eq "work"].value',
      value: 'barbara@example.com',
    })
    expect((await getResource(org, 'Users', user.id)).emails).toEqual([
      { value: 'barbara@example.com', type: 'work', primary: true },
      { value: 'babs@example.net', type: 'home' },
    ])
  })

  it('`phoneNumbers[type eq "mobile"].value` changes the mobile number only', async () => {
    const { org, user } = await babs({
      phoneNumbers: [
        { value: '+1 555 0100', type: 'work' },
        { value: '+1 555 0101', type: 'mobile' },
      ],
    })
    await patchUser(org, user.id, {
      op: 'Replace',
      path: 'phoneNumbers[type eq "mobile"].value',
      value: '+1 555 0199',
    })
    expect((await getResource(org, 'Users', user.id)).phoneNumbers).toEqual([
      { value: '+1 555 0100', type: 'work' },
      { value: '+1 555 0199', type: 'mobile' },
    ])
  })

  it('`addresses[type eq "work"].postalCode` changes that part of the work address only', async () => {
    const { org, user } = await babs({
      addresses: [
        { type: 'work', streetAddress: '100 Universal City Plaza', postalCode: '91608' },
        { type: 'home', streetAddress: '456 Hollywood Blvd', postalCode: '91609' },
      ],
    })
    await patchUser(org, user.id, {
      op: 'Replace',
      path: 'addresses[type eq "work"].postalCode',
      value: '98007',
    })
    expect((await getResource(org, 'Users', user.id)).addresses).toEqual([
      { type: 'work', streetAddress: '100 Universal City Plaza', postalCode: '98007' },
      { type: 'home', streetAddress: '456 Hollywood Blvd', postalCode: '91609' },
    ])
  })

  it('`roles[primary eq "True"].value` changes the primary role only', async () => {
    const { org, user } = await babs({
      roles: [
        { value: 'member', primary: true },
        { value: 'team_admin', primary: false },
      ],
    })
    await patchUser(org, user.id, {
      op: 'Replace',
      path: 'roles[primary eq "True"].value',
      value: 'org_admin',
    })
    expect((await getResource(org, 'Users', user.id)).roles).toEqual([
      { value: 'org_admin', primary: true },
      { value: 'team_admin', primary: false },
    ])
  })

  const absent: [string, Json, string, string, Json][] = [
    [
      'emails[type eq "work"].value',
      { emails: [{ value: 'babs@example.net', type: 'home' }] },
      'new.work@example.com',
      'emails',
      { type: 'work', value: 'new.work@example.com' },
    ],
    [
      'phoneNumbers[type eq "mobile"].value',
      { phoneNumbers: [{ value: '+1 555 0100', type: 'work' }] },
      '+1 555 0101',
      'phoneNumbers',
      { type: 'mobile', value: '+1 555 0101' },
    ],
    [
      'addresses[type eq "work"].postalCode',
      { addresses: [{ type: 'home', postalCode: '91609' }] },
      '98007',
      'addresses',
      { type: 'work', postalCode: '98007' },
    ],
    [
      'roles[primary eq "True"].value',
      {},
      'org_admin',
      'roles',
      { primary: true, value: 'org_admin' },
    ],
  ]

  it.each(['Add', 'Replace'].flatMap((op) => absent.map((row) => [op, ...row] as const)))(
    'On %s with no matching element, create it: %s',
    async (op, path, before, value, attribute, element) => {
      const { org, user } = await babs(before)
      const res = await patch(org, 'Users', user.id, patchBody({ op, path, value }))
      const body = await scimBody(res)
      expect(res.status, JSON.stringify(body)).toBe(200)
      const stored = await getResource(org, 'Users', user.id)
      const others = (before[attribute] ?? []) as Json[]
      for (const resource of [body, stored]) {
        expect(resource[attribute]).toHaveLength(others.length + 1)
        expect(resource[attribute]).toEqual(expect.arrayContaining([...others, element]))
      }
    },
  )
})

describe('Extension attributes addressed with a colon', () => {
  const managerPath = `${ENTERPRISE}:manager`
  it.each(
    ['Add', 'Replace'].flatMap((op) =>
      [
        ['a bare string', (id: string) => id],
        ['{value}', (id: string) => ({ value: id })],
        ['[{value}]', (id: string) => [{ value: id }]],
        ['{"Value"}', (id: string) => ({ Value: id })],
      ].map(([shape, make]) => [op, shape, make] as const),
    ),
  )(
    `${'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'}: %s with value as %s`,
    async (op, _, make) => {
      const { org, user } = await babs()
      const manager = await createUser(org, { userName: 'boss@example.com' })
      const value = (make as (id: string) => unknown)(manager.id)
      const body = await patchUser(org, user.id, { op, path: managerPath, value })
      const stored = await getResource(org, 'Users', user.id)
      for (const resource of [body, stored]) {
        expect(resource.schemas).toContain(ENTERPRISE)
        expect(resource[ENTERPRISE].manager.value).toBe(manager.id)
        expect(resource[ENTERPRISE].department).toBe('Tour Operations')
      }
    },
  )

  it.each(['department', 'employeeNumber', 'costCenter'])(
    'other enterprise attributes with a colon path (`…:%s`)',
    async (attribute) => {
      const { org, user } = await babs()
      await patchUser(org, user.id, {
        op: 'Add',
        path: `${ENTERPRISE}:${attribute}`,
        value: 'X-42',
      })
      const stored = await getResource(org, 'Users', user.id)
      expect(stored[ENTERPRISE][attribute]).toBe('X-42')
    },
  )

  it('Roles may arrive as a JSON string inside `value` (the whole value)', async () => {
    const { org, user } = await babs()
    const body = await patchUser(org, user.id, {
      op: 'Add',
      path: 'roles',
      value: '[{"value":"org_admin","primary":"True"}]',
    })
    const stored = await getResource(org, 'Users', user.id)
    for (const resource of [body, stored])
      expect(resource.roles).toEqual([{ value: 'org_admin', primary: true }])
  })

  it('Roles may arrive as a JSON string inside `value` (each role, AppRoleAssignmentsComplex)', async () => {
    const { org, user } = await babs()
    await patchUser(org, user.id, {
      op: 'Add',
      path: 'roles',
      value: [
        {
          value:
            '{"id":"827f0d2e-be15-4d8f-a8e3-f8697239c112","value":"team_admin","displayName":"Team admin"}',
        },
        {
          value:
            '{"id":"8ae06bd4-35bb-4fcd-977e-14e074ad1192","value":"member","displayName":"Member"}',
        },
      ],
    })
    const stored = await getResource(org, 'Users', user.id)
    expect(stored.roles.map((r: Json) => r.value).sort()).toEqual(['member', 'team_admin'])
    expect(JSON.stringify(stored.roles)).not.toContain('827f0d2e')
  })

  it('a role in a JSON string that is not an allowed value → 400 invalidValue, nothing changed', async () => {
    const { org, user } = await babs({ roles: [{ value: 'member' }] })
    const res = await patch(
      org,
      'Users',
      user.id,
      patchBody({ op: 'Replace', path: 'roles', value: '[{"value":"superuser"}]' }),
    )
    await expectScimError(res, 400, 'invalidValue')
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
  })
})

describe('Empty or missing `Operations` is a no-op success; a PATCH that changes nothing does not bump the version', () => {
  it.each([
    ['empty Operations', { schemas: [PATCH_OP], Operations: [] }],
    ['missing Operations', { schemas: [PATCH_OP] }],
    ['Operations: null', { schemas: [PATCH_OP], Operations: null }],
  ])('%s → 200, the resource, version unchanged', async (_, request) => {
    const { org, user } = await babs()
    const res = await patch(org, 'Users', user.id, request)
    const body = await scimBody(res)
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body).toEqual(user)
    expect(res.headers.get('ETag')).toBe(user.meta.version)
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
  })

  it.each([
    [
      'replace displayName with the same value',
      { op: 'replace', path: 'displayName', value: 'Babs Jensen' },
    ],
    [
      'pathless replace {active: true} on an active user',
      { op: 'replace', value: { active: true } },
    ],
    [
      'active as the string "True" on an active user',
      { op: 'Replace', path: 'active', value: 'True' },
    ],
    ['Okta rename echoing the same name', { op: 'replace', value: { displayName: 'Babs Jensen' } }],
    [
      'the work email set to what it is',
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'bjensen@example.com' },
    ],
    ['a password (never kept)', { op: 'replace', value: { password: 'Tr0ub4dor&3' } }],
  ])('a PATCH that changes nothing does not bump the version: %s', async (_, op) => {
    const { org, user } = await babs()
    const res = await patch(org, 'Users', user.id, patchBody(op))
    const body = await scimBody(res)
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.meta.version).toBe(user.meta.version)
    expect(res.headers.get('ETag')).toBe(user.meta.version)
    expect(await getResource(org, 'Users', user.id)).toEqual(user)
    // A real change still bumps it.
    const changed = await patchUser(org, user.id, { op: 'replace', path: 'title', value: 'Boss' })
    expect(changed.meta.version).not.toBe(user.meta.version)
  })
})

describe('Answers: user PATCH → 200 + resource', () => {
  it('user PATCH → 200 + the full resource, with its ETag', async () => {
    const { org, user } = await babs()
    const res = await patch(
      org,
      'Users',
      user.id,
      patchBody({ op: 'Replace', path: 'displayName', value: 'B. Jensen' }),
    )
    expect(res.status).toBe(200)
    const body = await scimBody(res)
    const stored = await getResource(org, 'Users', user.id)
    expect(body).toEqual(stored)
    expect(body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE],
      id: user.id,
      userName: user.userName,
      displayName: 'B. Jensen',
      emails: user.emails,
      meta: { resourceType: 'User', created: user.meta.created, location: user.meta.location },
    })
    expect(res.headers.get('ETag')).toBe(body.meta.version)
  })
})

describe('`remove` of a readOnly attribute is 400 mutability, as `replace` is', () => {
  it.each([['meta'], ['meta.created'], ['groups'], ['id'], ['groups[value eq "x"]']])(
    'remove %s → 400 mutability, nothing changes',
    async (path) => {
      const { org, user } = await babs()
      const res = await patch(org, 'Users', user.id, patchBody({ op: 'remove', path }))
      await expectScimError(res, 400, 'mutability')
      expect(await getResource(org, 'Users', user.id)).toEqual(user)
    },
  )

  it('the same on a group: remove meta.lastModified → 400 mutability', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, { displayName: 'G' })
    const res = await patch(
      org,
      'Groups',
      group.id,
      patchBody({ op: 'remove', path: 'meta.lastModified' }),
    )
    await expectScimError(res, 400, 'mutability')
  })
})
