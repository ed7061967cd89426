// Every bad PATCH → the RFC 7644 §3.12 status and scimType; the caller's resource is untouched.
import { describe, expect, it } from 'vitest'
import { ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'
import { GROUP, patch, scimErrorOf, USER } from './helpers'

const ENT = ENTERPRISE_USER_SCHEMA
const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u-1',
  userName: 'bjensen@example.com',
  active: true,
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User', created: '2024-05-01T10:00:00Z' },
})
const group = () => ({ id: 'g-1', displayName: 'Tour Guides' })

const cases: [string, 'user' | 'group', unknown[], string][] = [
  // unknown targets
  [
    'an unknown attribute path',
    'user',
    [{ op: 'add', path: 'shoeSize', value: '9' }],
    'invalidPath',
  ],
  [
    'an unknown sub-attribute',
    'user',
    [{ op: 'replace', path: 'name.nickname', value: 'x' }],
    'invalidPath',
  ],
  [
    'an unknown extension',
    'user',
    [{ op: 'add', path: 'urn:x:y:User:z', value: 'x' }],
    'invalidPath',
  ],
  [
    'a filter on a single-valued attribute',
    'user',
    [{ op: 'replace', path: 'name[givenName eq "x"].familyName', value: 'y' }],
    'invalidPath',
  ],
  [
    'a filter on a simple attribute',
    'user',
    [{ op: 'remove', path: 'userName[value eq "x"]' }],
    'invalidPath',
  ],
  [
    'an unknown sub-attribute after a filter',
    'user',
    [{ op: 'replace', path: 'emails[type eq "work"].nope', value: 'x' }],
    'invalidPath',
  ],
  [
    'an unknown sub-attribute inside a filter',
    'user',
    [{ op: 'replace', path: 'emails[kind eq "work"].value', value: 'x' }],
    'invalidFilter',
  ],
  [
    'a boolean filter literal that is no boolean',
    'user',
    [{ op: 'replace', path: 'roles[primary eq "yes"].value', value: 'x' }],
    'invalidFilter',
  ],
  // remove
  ['remove without a path', 'user', [{ op: 'remove' }], 'noTarget'],
  // value types
  [
    'a number for a string',
    'user',
    [{ op: 'replace', path: 'userName', value: 42 }],
    'invalidValue',
  ],
  [
    'a non-boolean string for a boolean',
    'user',
    [{ op: 'replace', path: 'active', value: 'yes' }],
    'invalidValue',
  ],
  ['a number for a boolean', 'user', [{ op: 'replace', value: { active: 0 } }], 'invalidValue'],
  [
    'a string for a complex attribute without value',
    'user',
    [{ op: 'replace', path: 'name', value: 'Babs' }],
    'invalidValue',
  ],
  [
    'an array for a single-valued attribute',
    'user',
    [{ op: 'replace', path: 'title', value: ['a', 'b'] }],
    'invalidValue',
  ],
  [
    'a wrongly typed sub-attribute',
    'user',
    [{ op: 'add', path: 'emails', value: [{ value: 'x@y', primary: 'maybe' }] }],
    'invalidValue',
  ],
  [
    'a null element in a list',
    'user',
    [{ op: 'add', path: 'emails', value: [null] }],
    'invalidValue',
  ],
  [
    'a pathless value that is not an object',
    'user',
    [{ op: 'replace', value: [{ active: false }] }],
    'invalidValue',
  ],
  [
    'two primary values in one list',
    'user',
    [
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'a@x', primary: true },
          { value: 'b@x', primary: true },
        ],
      },
    ],
    'invalidValue',
  ],
  [
    'a filter that matches nothing and cannot create',
    'user',
    [{ op: 'replace', path: 'emails[type eq "home" or type eq "other"].value', value: 'a@x' }],
    'noTarget',
  ],
  ['removing a required attribute', 'user', [{ op: 'remove', path: 'userName' }], 'invalidValue'],
  [
    'replacing a required attribute with null',
    'group',
    [{ op: 'replace', path: 'displayName', value: null }],
    'invalidValue',
  ],
  // mutability
  ['a changed id', 'user', [{ op: 'replace', value: { id: 'u-2' } }], 'mutability'],
  [
    'Okta rename with a changed id',
    'group',
    [{ op: 'replace', value: { id: 'g-2', displayName: 'New' } }],
    'mutability',
  ],
  [
    'a meta path',
    'user',
    [{ op: 'replace', path: 'meta.created', value: '2030-01-01T00:00:00Z' }],
    'mutability',
  ],
  ['removing id', 'user', [{ op: 'remove', path: 'id' }], 'mutability'],
  // remove of a readOnly attribute is refused even when it holds nothing stored (meta, groups).
  ['removing meta', 'user', [{ op: 'remove', path: 'meta' }], 'mutability'],
  ['removing meta.created', 'user', [{ op: 'remove', path: 'meta.created' }], 'mutability'],
  ['removing groups', 'user', [{ op: 'remove', path: 'groups' }], 'mutability'],
  [
    'removing a group by filter',
    'user',
    [{ op: 'remove', path: 'groups[value eq "g-1"]' }],
    'mutability',
  ],
  [
    'removing the readOnly manager.displayName',
    'user',
    [{ op: 'remove', path: `${ENT}:manager.displayName` }],
    'mutability',
  ],
  [
    'adding groups (readOnly)',
    'user',
    [{ op: 'add', path: 'groups', value: [{ value: 'g-1' }] }],
    'mutability',
  ],
  [
    'the readOnly manager.displayName by path',
    'user',
    [{ op: 'replace', path: `${ENT}:manager.displayName`, value: 'Boss' }],
    'mutability',
  ],
  [
    'the readOnly schemas by path',
    'user',
    [{ op: 'add', path: 'schemas', value: ['urn:x'] }],
    'mutability',
  ],
  // members
  [
    'a member without value',
    'group',
    [{ op: 'add', path: 'members', value: [{ display: 'x' }] }],
    'invalidValue',
  ],
  [
    'a member with an empty value',
    'group',
    [{ op: 'add', path: 'members', value: [{ value: ' ' }] }],
    'invalidValue',
  ],
  [
    'a member given as a number',
    'group',
    [{ op: 'add', path: 'members', value: [{ value: 7 }] }],
    'invalidValue',
  ],
  [
    'a members filter on display',
    'group',
    [{ op: 'remove', path: 'members[display eq "x"]' }],
    'invalidFilter',
  ],
  [
    'a members filter with and',
    'group',
    [{ op: 'remove', path: 'members[value eq "a" and value eq "b"]' }],
    'invalidFilter',
  ],
  [
    'add with a members filter',
    'group',
    [{ op: 'add', path: 'members[value eq "a"]', value: [{ value: 'a' }] }],
    'invalidPath',
  ],
  [
    'replace with a members filter',
    'group',
    [{ op: 'replace', path: 'members[value eq "a"]', value: [{ value: 'a' }] }],
    'invalidPath',
  ],
  [
    'a member sub-attribute',
    'group',
    [{ op: 'replace', path: 'members[value eq "a"].display', value: 'x' }],
    'invalidPath',
  ],
]

describe('PATCH errors', () => {
  it.each(cases)('%s → 400 %s', (_name, kind, operations, scimType) => {
    const resource = kind === 'user' ? user() : group()
    const before = structuredClone(resource)
    const error = scimErrorOf(() => patch(resource, operations, kind === 'user' ? USER : GROUP))
    expect(error.status).toBe(400)
    expect(error.scimType).toBe(scimType)
    expect(resource).toEqual(before)
  })

  it('fails the whole request when a later operation fails (atomic, RFC 7644 §3.5.2)', () => {
    const resource = user()
    const before = structuredClone(resource)
    const ops = [
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'userName', value: 1 },
    ]
    expect(scimErrorOf(() => patch(resource, ops, USER)).scimType).toBe('invalidValue')
    expect(resource).toEqual(before)
  })
})
