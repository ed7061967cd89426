// RFC 7643 §4.1–§4.3, §8.7.1 and §3.1: the attribute characteristics as published.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ROLE_VALUES,
  groupResourceSchema,
  parseAttrPath,
  resolvePath,
  userResourceSchema,
  type AttributeDef,
  type ResourceSchema,
} from '../../../src/scim/schema'
import { DEFAULT_ROLE_SCHEMA, ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'

const user = userResourceSchema()
const group = groupResourceSchema()

function lookup(resource: ResourceSchema, text: string): AttributeDef {
  const path = parseAttrPath(text)
  const resolved = path && resolvePath(resource, path)
  if (!resolved) throw new Error(`${text} does not resolve`)
  return resolved.subAttribute ?? resolved.attribute
}

describe('User (RFC 7643 §4.1, §8.7.1)', () => {
  it.each<[string, Partial<AttributeDef>]>([
    [
      'userName',
      {
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
        returned: 'default',
      },
    ],
    ['id', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }],
    ['externalId', { caseExact: true, mutability: 'readWrite', required: false }],
    ['meta', { type: 'complex', mutability: 'readOnly' }],
    ['meta.version', { caseExact: true, mutability: 'readOnly' }],
    ['meta.location', { type: 'reference', referenceTypes: ['uri'] }],
    ['meta.lastModified', { type: 'dateTime' }],
    ['name', { type: 'complex', multiValued: false }],
    ['name.honorificSuffix', { type: 'string' }],
    ['profileUrl', { type: 'reference', referenceTypes: ['external'] }],
    ['active', { type: 'boolean' }],
    ['password', { mutability: 'writeOnly', returned: 'never' }],
    ['emails', { type: 'complex', multiValued: true }],
    ['emails.type', { canonicalValues: ['work', 'home', 'other'] }],
    ['emails.primary', { type: 'boolean' }],
    ['phoneNumbers.type', { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }],
    [
      'ims.type',
      { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] },
    ],
    ['photos.value', { type: 'reference', referenceTypes: ['external'] }],
    ['photos.type', { canonicalValues: ['photo', 'thumbnail'] }],
    ['addresses', { type: 'complex', multiValued: true }],
    ['addresses.postalCode', { type: 'string' }],
    ['addresses.primary', { type: 'boolean' }],
    ['addresses.type', { canonicalValues: ['work', 'home', 'other'] }],
    ['groups', { multiValued: true, mutability: 'readOnly' }],
    ['groups.value', { mutability: 'readOnly' }],
    [
      'groups.$ref',
      { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'readOnly' },
    ],
    ['groups.type', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }],
    ['entitlements.value', { type: 'string' }],
    ['roles.primary', { type: 'boolean' }],
    ['x509Certificates.value', { type: 'binary', caseExact: true }],
  ])('%s has %o', (path, expected) => {
    expect(lookup(user, path)).toMatchObject(expected)
  })

  it.each([
    'formatted',
    'familyName',
    'givenName',
    'middleName',
    'honorificPrefix',
    'honorificSuffix',
  ])('name has the sub-attribute %s', (sub) => expect(lookup(user, `name.${sub}`).name).toBe(sub))

  it.each([
    'type',
    'formatted',
    'streetAddress',
    'locality',
    'region',
    'postalCode',
    'country',
    'primary',
  ])('addresses has the sub-attribute %s', (sub) =>
    expect(lookup(user, `addresses.${sub}`).name).toBe(sub),
  )
})

describe('Group (RFC 7643 §4.2)', () => {
  it.each<[string, Partial<AttributeDef>]>([
    ['displayName', { required: true, uniqueness: 'server', caseExact: false }],
    ['id', { returned: 'always' }],
    ['members', { multiValued: true, mutability: 'readWrite', returned: 'default' }],
    ['members.value', { mutability: 'immutable', caseExact: true }],
    ['members.$ref', { type: 'reference', referenceTypes: ['User', 'Group'] }],
    ['members.display', { type: 'string' }],
    ['members.type', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }],
  ])('%s has %o', (path, expected) => {
    expect(lookup(group, path)).toMatchObject(expected)
  })
})

describe('EnterpriseUser (RFC 7643 §4.3)', () => {
  it.each<[string, Partial<AttributeDef>]>([
    ['employeeNumber', { type: 'string' }],
    ['costCenter', { type: 'string' }],
    ['organization', { type: 'string' }],
    ['division', { type: 'string' }],
    ['department', { type: 'string' }],
    ['manager', { type: 'complex', multiValued: false }],
    ['manager.value', { type: 'string', mutability: 'readWrite' }],
    ['manager.$ref', { type: 'reference', referenceTypes: ['User'] }],
    ['manager.displayName', { mutability: 'readOnly' }],
  ])('%s has %o', (name, expected) => {
    expect(lookup(user, `${ENTERPRISE_USER_SCHEMA}:${name}`)).toMatchObject(expected)
  })
})

describe('role extension', () => {
  it('defaults to the DEFAULT_ROLE_SCHEMA URN and the default role values', () => {
    expect(lookup(user, `${DEFAULT_ROLE_SCHEMA}:role`)).toMatchObject({
      type: 'string',
      multiValued: false,
      caseExact: false,
      canonicalValues: [...DEFAULT_ROLE_VALUES],
    })
  })

  it('takes the URN and values from the org settings', () => {
    const custom = userResourceSchema('urn:acme:scim:Role', ['viewer', 'editor'])
    expect(lookup(custom, 'urn:acme:scim:Role:role').canonicalValues).toEqual(['viewer', 'editor'])
    expect(resolvePath(custom, { uri: DEFAULT_ROLE_SCHEMA, attr: 'role' })).toBeUndefined()
  })

  it('is one of two optional User extensions, after the enterprise extension', () => {
    expect(user.extensions.map((e) => [e.schema.id, e.required])).toEqual([
      [ENTERPRISE_USER_SCHEMA, false],
      [DEFAULT_ROLE_SCHEMA, false],
    ])
  })
})

describe('resource types', () => {
  it.each([
    [user, 'User', '/Users', 'urn:ietf:params:scim:schemas:core:2.0:User'],
    [group, 'Group', '/Groups', 'urn:ietf:params:scim:schemas:core:2.0:Group'],
  ])('%#: %s is served at %s with core schema %s', (resource, name, endpoint, core) => {
    expect([resource.name, resource.endpoint, resource.core.id]).toEqual([name, endpoint, core])
  })

  it('Group carries no extension', () => {
    expect(group.extensions).toEqual([])
  })
})
