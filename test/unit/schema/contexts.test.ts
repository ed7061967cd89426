// RFC 7644 §3.3 create and §3.5.1 replace of Users and Groups; errors per §3.12.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import {
  canonicalizeKeys,
  groupCreateSchema,
  groupResourceSchema,
  parseRequest,
  userCreateSchema,
  userResourceSchema,
} from '../../../src/scim/schema'
import {
  ENTERPRISE_USER_SCHEMA,
  ENTRA_LEGACY_GROUP_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/urns'

const user = userResourceSchema()
const group = groupResourceSchema()
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/rfc/${name}`, import.meta.url), 'utf8'))

function failure(run: () => unknown): ScimError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScimError) return error
    throw error
  }
  throw new Error('expected a ScimError')
}

// §3.5.1: a replace carries the same message as a create, so both validate with one schema.
describe('User create and replace', () => {
  const schema = userCreateSchema(user)

  it('accepts the RFC 7643 §8.3 enterprise user, ignoring id, meta and password', () => {
    const body = fixture('rfc7643-8.3-enterprise_user.json')
    const parsed = parseRequest(schema, body)
    expect(parsed.userName).toBe('bjensen@example.com')
    expect(parsed).not.toHaveProperty('id')
    expect(parsed).not.toHaveProperty('meta')
    expect(parsed).not.toHaveProperty('password')
    expect(parsed[ENTERPRISE_USER_SCHEMA]).toMatchObject({ employeeNumber: '701984' })
  })

  it.each([
    [
      'an extension URN listed in schemas without its object',
      { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], userName: 'a' },
    ],
    ['no schemas at all', { userName: 'a' }],
    ['empty groups and roles', { userName: 'a', groups: [], roles: [] }],
    [
      'Okta sending groups and emails[].display back on PUT',
      {
        userName: 'a',
        groups: [{ value: 'g1', display: 'G' }],
        emails: [{ value: 'a@b.c', display: 'a@b.c' }],
      },
    ],
    [
      'null for an optional attribute (cleared, §3.5.1)',
      { userName: 'a', title: null, name: null },
    ],
    ['null for the extension object', { userName: 'a', [ENTERPRISE_USER_SCHEMA]: null }],
    ['a password in any shape (ignored)', { userName: 'a', password: 12345 }],
  ])('accepts %s', (__, body) => {
    expect(() => parseRequest(schema, body)).not.toThrow()
  })

  it.each([
    ['missing userName', { schemas: [USER_SCHEMA] }, 'invalidValue', "'userName' is required"],
    ['empty userName', { userName: '' }, 'invalidValue', "'userName' must be a non-empty string"],
    [
      'blank userName',
      { userName: '   ' },
      'invalidValue',
      "'userName' must be a non-empty string",
    ],
    ['a numeric userName', { userName: 42 }, 'invalidValue', "'userName' must be a string"],
    [
      'active as a word',
      { userName: 'a', active: 'yes' },
      'invalidValue',
      "'active' must be a boolean (true or false)",
    ],
    [
      'emails as a string',
      { userName: 'a', emails: 'a@b.c' },
      'invalidValue',
      "'emails' must be a JSON array",
    ],
    [
      'a non-boolean primary',
      { userName: 'a', emails: [{ value: 'x', primary: 'maybe' }] },
      'invalidValue',
      "'emails[0].primary' must be a boolean (true or false)",
    ],
    [
      'a numeric manager id',
      { userName: 'a', [ENTERPRISE_USER_SCHEMA]: { manager: { value: 7 } } },
      'invalidValue',
      `'${ENTERPRISE_USER_SCHEMA}:manager.value' must be a string`,
    ],
    [
      'an extension that is not an object',
      { userName: 'a', [ENTERPRISE_USER_SCHEMA]: 'x' },
      'invalidSyntax',
      `'${ENTERPRISE_USER_SCHEMA}' must be a JSON object`,
    ],
    [
      'schemas as a string',
      { userName: 'a', schemas: USER_SCHEMA },
      'invalidSyntax',
      "'schemas' must be a JSON array",
    ],
    [
      'a body that is an array',
      [{ userName: 'a' }],
      'invalidSyntax',
      'The request body must be a JSON object',
    ],
  ])('rejects %s', (__, body, scimType, detail) => {
    const error = failure(() => parseRequest(schema, body))
    expect(error.toData()).toEqual({ status: 400, scimType, detail })
  })

  it('validates canonicalized input: Microsoft capitalized names with "False"', () => {
    const body = canonicalizeKeys(
      { UserName: 'bob', Active: 'False', Emails: [{ Primary: 'True', Value: 'b@x.y' }] },
      user,
    )
    expect(parseRequest(schema, body)).toEqual({
      userName: 'bob',
      active: false,
      emails: [{ primary: true, value: 'b@x.y' }],
    })
  })
})

describe('Group create and replace', () => {
  const schema = groupCreateSchema(group)

  it("accepts the RFC 7643 §8.4 group and Entra's legacy ADSCIM schema URN", () => {
    const body = {
      ...fixture('rfc7643-8.4-group.json'),
      schemas: [GROUP_SCHEMA, ENTRA_LEGACY_GROUP_SCHEMA],
    }
    const parsed = parseRequest(schema, body)
    expect(parsed.displayName).toBe('Tour Guides')
    expect(parsed.members).toHaveLength(2)
  })

  it('accepts Okta members with "$ref": null', () => {
    const parsed = parseRequest(schema, {
      displayName: 'G',
      members: [{ value: 'u1', $ref: null }],
    })
    expect(parsed.members).toEqual([{ value: 'u1', $ref: null }])
  })

  it.each([
    ['missing displayName', { members: [] }, "'displayName' is required"],
    ['empty displayName', { displayName: '' }, "'displayName' must be a non-empty string"],
    [
      'a member without a string value',
      { displayName: 'G', members: [{ value: 5 }] },
      "'members[0].value' must be a string",
    ],
  ])('rejects %s as invalidValue', (__, body, detail) => {
    expect(failure(() => parseRequest(schema, body)).toData()).toEqual({
      status: 400,
      scimType: 'invalidValue',
      detail,
    })
  })
})
