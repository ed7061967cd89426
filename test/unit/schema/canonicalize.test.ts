// RFC 7643 §2.1: attribute names and schema URNs are case-insensitive on input.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  canonicalizeKeys,
  coerceBoolean,
  groupResourceSchema,
  userResourceSchema,
} from '../../../src/scim/schema'
import { DEFAULT_ROLE_SCHEMA, ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../../../src/scim/urns'

const user = userResourceSchema()
const group = groupResourceSchema()
const rfcUser = JSON.parse(
  readFileSync(
    new URL('../../fixtures/rfc/rfc7643-8.3-enterprise_user.json', import.meta.url),
    'utf8',
  ),
)

describe('canonicalizeKeys', () => {
  it("maps Microsoft's test-collection user (capitalized names, string booleans) to canonical form", () => {
    // As sent by Microsoft's SCIM validator / Postman collection for Entra provisioning.
    const body = {
      UserName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      Active: 'True',
      DisplayName: 'BobIsAmazing',
      Schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      ExternalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      Name: { FamilyName: 'Bob', GivenName: 'Smith' },
      Emails: [{ Primary: 'true', Type: 'work', Value: 'Test_User@testuser.com' }],
      'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': {
        Department: 'Tour Operations',
        Manager: { Value: '123' },
      },
    }
    expect(canonicalizeKeys(body, user)).toEqual({
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      displayName: 'BobIsAmazing',
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      name: { familyName: 'Bob', givenName: 'Smith' },
      emails: [{ primary: true, type: 'work', value: 'Test_User@testuser.com' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Tour Operations', manager: { value: '123' } },
    })
  })

  it('leaves an already canonical RFC 7643 §8.3 user unchanged', () => {
    expect(canonicalizeKeys(rfcUser, user)).toEqual(rfcUser)
  })

  it.each([
    ['an unknown top-level attribute', { userName: 'a', nickname2: 'x' }, { userName: 'a' }],
    [
      'an unknown sub-attribute',
      { name: { givenName: 'A', nick: 'x' } },
      { name: { givenName: 'A' } },
    ],
    [
      'an unknown element key',
      { emails: [{ value: 'a@b.c', label: 'x' }] },
      { emails: [{ value: 'a@b.c' }] },
    ],
    ['an unknown extension object', { 'urn:acme:Other': { a: 1 } }, {}],
    [
      'an unknown extension attribute',
      { [ENTERPRISE_USER_SCHEMA]: { shoeSize: 9 } },
      { [ENTERPRISE_USER_SCHEMA]: {} },
    ],
  ])('drops %s', (_, body, expected) => {
    expect(canonicalizeKeys(body, user)).toEqual(expected)
  })

  it.each([
    ['"True"', 'True', true],
    ['"true"', 'true', true],
    ['"False"', 'False', false],
    ['"false"', 'false', false],
    ['"FALSE"', 'FALSE', false],
    ['a real boolean', false, false],
    ['"yes" (left for validation to reject)', 'yes', 'yes'],
  ])('coerces %s for the boolean attribute active', (_, sent, expected) => {
    expect(canonicalizeKeys({ active: sent }, user)).toEqual({ active: expected })
  })

  it.each([
    ['displayName', { displayName: 'True' }, { displayName: 'True' }],
    ['nickName', { nickName: 'false' }, { nickName: 'false' }],
    ['emails.value', { emails: [{ value: 'true' }] }, { emails: [{ value: 'true' }] }],
  ])('leaves string-typed %s alone even when it reads like a boolean', (_, body, expected) => {
    expect(canonicalizeKeys(body, user)).toEqual(expected)
  })

  it('coerces primary inside Entra roles and addresses', () => {
    const body = {
      roles: [{ primary: 'False', type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
      addresses: [{ Primary: 'True', PostalCode: '91608' }],
    }
    expect(canonicalizeKeys(body, user)).toEqual({
      roles: [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
      addresses: [{ primary: true, postalCode: '91608' }],
    })
  })

  it('places URN-qualified top-level keys into their schema', () => {
    const body = {
      [`${ENTERPRISE_USER_SCHEMA}:Department`]: 'Sales',
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '7' },
      [`${USER_SCHEMA}:UserName`]: 'bjensen',
      [`${DEFAULT_ROLE_SCHEMA.toUpperCase()}:ROLE`]: 'org_admin',
    }
    expect(canonicalizeKeys(body, user)).toEqual({
      [ENTERPRISE_USER_SCHEMA]: { department: 'Sales', employeeNumber: '7' },
      userName: 'bjensen',
      [DEFAULT_ROLE_SCHEMA]: { role: 'org_admin' },
    })
  })

  it('keeps the Group members list, canonicalizing member keys and $ref', () => {
    const body = {
      DisplayName: 'Tour Guides',
      Members: [{ Value: 'u1', $Ref: null, Display: 'Babs' }],
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
    }
    expect(canonicalizeKeys(body, group)).toEqual({
      displayName: 'Tour Guides',
      members: [{ value: 'u1', $ref: null, display: 'Babs' }],
      schemas: body.schemas,
    })
  })

  it.each([
    ['a non-object body', 'text'],
    ['an array body', [{ userName: 'a' }]],
    ['null', null],
  ])('returns %s as given, for validation to reject', (_, body) => {
    expect(canonicalizeKeys(body, user)).toEqual(body)
  })

  it('leaves a mis-shaped value as sent (emails as a string) for validation to report', () => {
    expect(canonicalizeKeys({ emails: 'a@b.c' }, user)).toEqual({ emails: 'a@b.c' })
  })
})

describe('coerceBoolean', () => {
  it.each([
    ['True', true],
    ['fAlSe', false],
    ['1', '1'],
    [0, 0],
    [null, null],
  ])('%o → %o', (input, expected) => {
    expect(coerceBoolean(input)).toBe(expected)
  })
})
