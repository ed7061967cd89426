// add / replace / remove semantics (RFC 7644 §3.5.2.1–3) and the decisions documented in
// src/scim/patch: creation on filter miss, no-op removes, ignored keys, primary, mutability.
import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch'
import type { AttributeDef, ResourceSchema } from '../../../src/scim/schema/types'
import { DEFAULT_ROLE_SCHEMA, ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'
import { GROUP, patch, scimErrorOf, USER } from './helpers'

const ENT = ENTERPRISE_USER_SCHEMA
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User'
const user = (more: Record<string, unknown> = {}) => ({
  schemas: [CORE],
  id: 'u-1',
  userName: 'bjensen@example.com',
  active: true,
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  ...more,
})

describe('changed', () => {
  it.each([
    ['no operations', []],
    ['replacing a value with itself', [{ op: 'replace', path: 'active', value: 'True' }]],
    ['Okta echoing the unchanged id', [{ op: 'replace', value: { id: 'u-1', active: true } }]],
    [
      'adding an email already there (case-insensitive)',
      [{ op: 'add', path: 'emails', value: [{ value: 'BJensen@example.com', type: 'work' }] }],
    ],
    ['removing an absent attribute', [{ op: 'remove', path: 'title' }]],
    [
      'removing with a filter that matches nothing',
      [{ op: 'remove', path: 'emails[type eq "home"]' }],
    ],
    ['removing from an absent extension', [{ op: 'remove', path: `${ENT}:manager` }]],
    ['adding null', [{ op: 'add', path: 'title', value: null }]],
    [
      'only ignored keys',
      [{ op: 'replace', value: { password: 'x', shoeSize: 9, 'urn:x:y:User:z': 1 } }],
    ],
  ])('is false for %s', (_name, ops) => {
    const resource = user()
    const result = patch(resource, ops)
    expect(result.changed).toBe(false)
    expect(result.resource).toEqual(resource)
  })

  it('is true when a value changes, and the input is not mutated', () => {
    const resource = user()
    const result = patch(resource, [{ op: 'replace', path: 'active', value: false }])
    expect(result.changed).toBe(true)
    expect(result.resource.active).toBe(false)
    expect(resource.active).toBe(true)
  })
})

describe('add', () => {
  it('appends to a multi-valued attribute and moves primary to the new value', () => {
    const { resource } = patch(user(), [
      {
        op: 'add',
        path: 'emails',
        value: { value: 'b@home.example', type: 'home', primary: true },
      },
    ])
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'b@home.example', type: 'home', primary: true },
    ])
  })

  it('merges into an equal existing value instead of repeating it', () => {
    const { resource } = patch(user(), [
      { op: 'add', path: 'emails', value: [{ value: 'bjensen@example.com', display: 'Work' }] },
    ])
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true, display: 'Work' },
    ])
  })

  it('merges sub-attributes of a complex attribute', () => {
    const { resource } = patch(user({ name: { givenName: 'Barbara', familyName: 'Jensen' } }), [
      { op: 'add', path: 'name', value: { middleName: 'J' } },
    ])
    expect(resource.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'J' })
  })

  it('sets a sub-attribute of every element for attr.sub without a filter', () => {
    const { resource } = patch(user({ emails: [{ value: 'a@x' }, { value: 'b@x' }] }), [
      { op: 'add', path: 'emails.display', value: 'mail' },
    ])
    expect(resource.emails).toEqual([
      { value: 'a@x', display: 'mail' },
      { value: 'b@x', display: 'mail' },
    ])
  })

  it('merges into the matching element for a filter without sub-attribute', () => {
    const { resource } = patch(user(), [
      { op: 'add', path: 'emails[type eq "work"]', value: { display: 'Work mail' } },
    ])
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true, display: 'Work mail' },
    ])
  })

  it('matches paths and filters case-insensitively, without string matching', () => {
    const { resource } = patch(user(), [
      { op: 'add', path: 'NAME.GIVENNAME', value: 'Babs' },
      { op: 'replace', path: 'Emails[ Type EQ "WORK" ].Value', value: 'b@x' },
    ])
    expect(resource.name).toEqual({ givenName: 'Babs' })
    expect(resource.emails).toEqual([{ value: 'b@x', type: 'work', primary: true }])
  })
})

describe('replace', () => {
  it('replaces the whole list of a multi-valued attribute', () => {
    const { resource } = patch(user(), [
      { op: 'replace', path: 'emails', value: [{ value: 'n@x' }] },
    ])
    expect(resource.emails).toEqual([{ value: 'n@x' }])
  })

  it('unassigns with null or an empty list', () => {
    const { resource } = patch(user({ title: 'Boss' }), [
      { op: 'replace', path: 'title', value: null },
      { op: 'replace', path: 'emails', value: [] },
    ])
    expect(resource).not.toHaveProperty('title')
    expect(resource).not.toHaveProperty('emails')
  })

  it('leaves sub-attributes not in the value unchanged (RFC 7644 §3.5.2.3)', () => {
    const { resource } = patch(user({ name: { givenName: 'Barbara', familyName: 'Jensen' } }), [
      { op: 'replace', path: 'name', value: { givenName: 'Babs', familyName: null } },
    ])
    expect(resource.name).toEqual({ givenName: 'Babs' })
  })

  it('keeps the filter terms of a replaced element so it still answers to its path', () => {
    const { resource } = patch(user(), [
      { op: 'replace', path: 'emails[type eq "work"]', value: { value: 'n@x' } },
    ])
    expect(resource.emails).toEqual([{ type: 'work', value: 'n@x' }])
  })

  it('replaces every matching element', () => {
    const source = user({
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'work' },
      ],
    })
    const { resource } = patch(source, [
      { op: 'replace', path: 'phoneNumbers[type eq "work"].display', value: 'desk' },
    ])
    expect(resource.phoneNumbers).toEqual([
      { value: '1', type: 'work', display: 'desk' },
      { value: '2', type: 'work', display: 'desk' },
    ])
  })

  it('moves primary when a filter sets it on another element', () => {
    const source = user({
      emails: [
        { value: 'a@x', type: 'work', primary: true },
        { value: 'b@x', type: 'home' },
      ],
    })
    const { resource } = patch(source, [
      { op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' },
    ])
    expect(resource.emails).toEqual([
      { value: 'a@x', type: 'work', primary: false },
      { value: 'b@x', type: 'home', primary: true },
    ])
  })

  it('leaves a list that already had two primaries alone when the operation sets none', () => {
    const emails = [
      { value: 'a@x', type: 'work', primary: true },
      { value: 'b@x', type: 'home', primary: true },
    ]
    const { resource } = patch(user({ emails }), [
      { op: 'replace', path: 'emails[type eq "home"].display', value: 'Home' },
    ])
    expect(resource.emails).toEqual([emails[0], { ...emails[1], display: 'Home' }])
  })

  it('refuses to make two elements primary in one operation', () => {
    const source = user({
      emails: [
        { value: 'a@x', type: 'work' },
        { value: 'b@x', type: 'work' },
      ],
    })
    const op = { op: 'replace', path: 'emails[type eq "work"].primary', value: true }
    expect(scimErrorOf(() => patch(source, [op])).scimType).toBe('invalidValue')
  })

  it('coerces boolean strings only for boolean attributes', () => {
    const { resource } = patch(user(), [
      { op: 'replace', value: { active: 'false', displayName: 'True', nickName: 'false' } },
    ])
    expect(resource).toMatchObject({ active: false, displayName: 'True', nickName: 'false' })
  })
})

describe('remove', () => {
  it('drops an element that lost its value, keeps one that lost another part', () => {
    const source = user({ addresses: [{ type: 'work', postalCode: '1', locality: 'X' }] })
    const { resource } = patch(source, [
      { op: 'remove', path: 'emails[type eq "work"].value' },
      { op: 'remove', path: 'addresses[type eq "work"].postalCode' },
    ])
    expect(resource).not.toHaveProperty('emails')
    expect(resource.addresses).toEqual([{ type: 'work', locality: 'X' }])
  })

  it('removes only the listed values when a value is given (Entra style, any attribute)', () => {
    const source = user({ roles: [{ value: 'member', primary: true }, { value: 'team_admin' }] })
    const { resource } = patch(source, [
      { op: 'Remove', path: 'roles', value: [{ value: 'TEAM_ADMIN' }] },
    ])
    expect(resource.roles).toEqual([{ value: 'member', primary: true }])
  })

  it('removes a sub-attribute and an emptied complex attribute', () => {
    const { resource } = patch(user({ name: { givenName: 'B' } }), [
      { op: 'remove', path: 'name.givenName' },
    ])
    expect(resource).not.toHaveProperty('name')
  })

  it('removes the whole extension by its URN, with its schemas entry', () => {
    const source = user({ schemas: [CORE, ENT], [ENT]: { department: 'X', employeeNumber: '1' } })
    const { resource, changed } = patch(source, [{ op: 'remove', path: ENT }])
    expect(resource).not.toHaveProperty(ENT)
    expect(resource.schemas).toEqual([CORE])
    expect(changed).toBe(true)
  })
})

describe('extensions and ignored input', () => {
  it('applies an extension object given with the extension URN as path', () => {
    const { resource } = patch(user(), [
      { op: 'replace', path: ENT, value: { department: 'Sales', manager: 'm-1' } },
    ])
    expect(resource[ENT]).toEqual({ department: 'Sales', manager: { value: 'm-1' } })
    expect(resource.schemas).toEqual([CORE, ENT])
  })

  it('resolves a bare extension attribute name (employeeNumber) to its extension', () => {
    const { resource } = patch(user(), [{ op: 'add', value: { employeeNumber: '42' } }])
    expect(resource[ENT]).toEqual({ employeeNumber: '42' })
  })

  it('writes the role extension under the configured URN', () => {
    const { resource } = patch(user(), [
      { op: 'add', value: { [`${DEFAULT_ROLE_SCHEMA}:role`]: 'org_admin' } },
    ])
    expect(resource[DEFAULT_ROLE_SCHEMA]).toEqual({ role: 'org_admin' })
  })

  it('wraps a bare role string as {value}', () => {
    const { resource } = patch(user(), [{ op: 'add', path: 'roles', value: 'team_admin' }])
    expect(resource.roles).toEqual([{ value: 'team_admin' }])
  })

  it('ignores unknown keys inside an extension object and unknown sub-attributes', () => {
    const { resource, changed } = patch(user(), [
      { op: 'add', value: { [ENT]: { favouriteColour: 'blue' }, name: { nickname: 'x' } } },
    ])
    expect(resource).toEqual(user())
    expect(changed).toBe(false)
  })

  it('drops the readOnly manager.displayName inside a manager value', () => {
    const { resource } = patch(user(), [
      { op: 'add', path: `${ENT}:manager`, value: { value: 'm-1', displayName: 'Boss' } },
    ])
    expect(resource[ENT]).toEqual({ manager: { value: 'm-1' } })
  })

  it('never stores a password, by path or pathless', () => {
    const result = patch(user(), [
      { op: 'replace', path: 'password', value: 'x' },
      { op: 'add', value: { password: 'y' } },
    ])
    expect(result.resource).not.toHaveProperty('password')
    expect(result.changed).toBe(false)
  })
})

describe('groups', () => {
  const group = { id: 'g-1', displayName: 'Guides' }

  it('reports members only when an operation touched them', () => {
    expect(
      patch(group, [{ op: 'replace', path: 'displayName', value: 'G' }], GROUP).members,
    ).toBeUndefined()
    const result = patch(group, [{ op: 'add', path: 'members', value: [] }], GROUP)
    expect(result.members).toEqual({ replace: null, add: [], remove: [] })
    expect(result.changed).toBe(false)
  })

  it('never returns members, even if the input carried them', () => {
    const result = patch({ ...group, members: [{ value: 'u' }] }, [], GROUP)
    expect(result.resource).toEqual(group)
    expect(result.changed).toBe(false)
  })

  it('accepts members inside a pathless replace', () => {
    const result = patch(
      group,
      [{ op: 'replace', value: { displayName: 'G', members: [{ value: 'a' }] } }],
      GROUP,
    )
    expect(result.resource.displayName).toBe('G')
    expect(result.members).toEqual({ replace: ['a'], add: [], remove: [] })
  })

  it('removes every id named by an or-filter, in any case and spacing', () => {
    const result = patch(
      group,
      [{ op: 'remove', path: 'MEMBERS[ Value EQ "a" or value eq "b" ]' }],
      GROUP,
    )
    expect(result.members).toEqual({ replace: null, add: [], remove: ['a', 'b'] })
  })

  it('treats a Remove with an empty value list as removing nobody', () => {
    const result = patch(group, [{ op: 'Remove', path: 'members', value: [] }], GROUP)
    expect(result.members).toEqual({ replace: null, add: [], remove: [] })
  })

  it('handles an Okta-sized push (1000 member operations) as one delta', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `user-${i}`)
    const ops = [
      { op: 'add', path: 'members', value: ids.map((value) => ({ value })) },
      ...ids.slice(0, 500).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
    ]
    const result = patch(group, ops, GROUP)
    expect(result.members?.add).toEqual(ids.slice(500))
    expect(result.members?.remove).toEqual(ids.slice(0, 500))
  })

  it('lets a group keep a display name change next to member changes', () => {
    const result = patch(
      group,
      [
        { op: 'replace', path: 'displayName', value: 'New' },
        { op: 'add', path: 'members', value: { value: 'a' } },
      ],
      GROUP,
    )
    expect(result.resource.displayName).toBe('New')
    expect(result.members?.add).toEqual(['a'])
    expect(result.changed).toBe(true)
  })
})

describe('types and mutability (schema built for the test)', () => {
  const attr = (
    name: string,
    type: AttributeDef['type'],
    more: Partial<AttributeDef> = {},
  ): AttributeDef => ({
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  })
  const schema: ResourceSchema = {
    name: 'User',
    endpoint: '/Users',
    core: {
      id: CORE,
      name: 'User',
      description: '',
      attributes: [
        attr('count', 'integer'),
        attr('ratio', 'decimal'),
        attr('since', 'dateTime'),
        attr('home', 'reference'),
        attr('cert', 'binary'),
        attr('badge', 'string', { mutability: 'immutable' }),
      ],
    },
    extensions: [],
  }

  it.each([
    ['count', 3, true],
    ['count', 1.5, false],
    ['count', '3', false],
    ['ratio', 1.5, true],
    ['ratio', '1.5', false],
    ['since', '2024-05-01T10:00:00Z', true],
    ['since', '2024-05-01T10:00:00.5+02:00', true],
    ['since', 'yesterday', false],
    ['home', 'https://x', true],
    ['home', 1, false],
    ['cert', 'TUlJ', true],
    ['cert', false, false],
  ])('%s = %j accepted: %s', (name, value, ok) => {
    const run = () => applyPatch({}, [{ op: 'add', path: { attr: { attr: name } }, value }], schema)
    if (ok) expect(run().resource).toEqual({ [name]: value })
    else expect(scimErrorOf(run).scimType).toBe('invalidValue')
  })

  it('lets an immutable attribute get its first value, never a different one', () => {
    const set = (resource: Record<string, unknown>, value: string) =>
      applyPatch(resource, [{ op: 'replace', path: { attr: { attr: 'badge' } }, value }], schema)
    expect(set({}, 'b-1').resource).toEqual({ badge: 'b-1' })
    expect(set({ badge: 'b-1' }, 'b-1').changed).toBe(false)
    expect(scimErrorOf(() => set({ badge: 'b-1' }, 'b-2')).scimType).toBe('mutability')
  })
})

it('USER carries the enterprise and role extensions this suite relies on', () => {
  expect(USER.extensions.map((e) => e.schema.id)).toEqual([ENT, DEFAULT_ROLE_SCHEMA])
})
