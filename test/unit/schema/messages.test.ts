// RFC 7644 §3.5.2 PatchOp and §3.4.3 SearchRequest envelopes; errors per §3.12.
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import {
  parseRequest,
  patchOpSchema,
  searchRequestSchema,
  userCreateSchema,
  userResourceSchema,
  zodErrorToScimError,
} from '../../../src/scim/schema'
import { PATCH_OP_MESSAGE } from '../../../src/scim/urns'

function failure(run: () => unknown): ScimError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScimError) return error
    throw error
  }
  throw new Error('expected a ScimError')
}

describe('PatchOp envelope (§3.5.2)', () => {
  it.each(['add', 'Add', 'ADD', 'Replace', 'remove', 'Remove'])(
    'accepts op %s and lower-cases it',
    (op) => {
      const parsed = parseRequest(patchOpSchema, {
        schemas: [PATCH_OP_MESSAGE],
        Operations: [{ op, path: 'active', value: false }],
      })
      expect(parsed.Operations).toEqual([{ op: op.toLowerCase(), path: 'active', value: false }])
    },
  )

  it('reads Op, Path and Value and the Operations key in any case', () => {
    const parsed = parseRequest(patchOpSchema, {
      operations: [{ Op: 'Replace', Path: 'displayName', Value: 'x' }],
    })
    expect(parsed.Operations).toEqual([{ op: 'replace', path: 'displayName', value: 'x' }])
  })

  it('keeps a pathless value object as sent (Okta deactivation)', () => {
    const parsed = parseRequest(patchOpSchema, {
      Operations: [{ op: 'replace', value: { active: false } }],
    })
    expect(parsed.Operations).toEqual([{ op: 'replace', value: { active: false } }])
  })

  it.each([
    ['missing', { schemas: [PATCH_OP_MESSAGE] }],
    ['null', { Operations: null }],
    ['empty', { Operations: [] }],
  ])('reads %s Operations as no operations', (_, body) => {
    expect(parseRequest(patchOpSchema, body).Operations).toEqual([])
  })

  it('reads a null path as no path', () => {
    expect(
      parseRequest(patchOpSchema, { Operations: [{ op: 'add', path: null, value: {} }] })
        .Operations[0].path,
    ).toBeUndefined()
  })

  it.each([
    [
      'an unknown op',
      { Operations: [{ op: 'copy' }] },
      "'Operations[0].op' must be one of: add, remove, replace",
    ],
    ['a missing op', { Operations: [{ path: 'x' }] }, "'Operations[0].op' is required"],
    ['Operations as an object', { Operations: { op: 'add' } }, "'Operations' must be a JSON array"],
    [
      'a numeric path',
      { Operations: [{ op: 'remove', path: 3 }] },
      "'Operations[0].path' must be a string",
    ],
    ['a body that is not an object', 'add', 'The request body must be a JSON object'],
  ])('rejects %s as invalidSyntax', (_, body, detail) => {
    expect(failure(() => parseRequest(patchOpSchema, body)).toData()).toEqual({
      status: 400,
      scimType: 'invalidSyntax',
      detail,
    })
  })
})

describe('SearchRequest (§3.4.3)', () => {
  it('accepts the RFC example', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      attributes: ['displayName', 'userName'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    }
    expect(parseRequest(searchRequestSchema, body)).toEqual(body)
  })

  it('accepts attribute lists in the comma-separated query form and keys in any case', () => {
    expect(
      parseRequest(searchRequestSchema, {
        Attributes: 'userName, emails',
        SortOrder: 'Descending',
      }),
    ).toEqual({
      attributes: ['userName', 'emails'],
      sortOrder: 'Descending',
    })
  })

  it.each([
    ['a fractional count', { count: 1.5 }, "'count' must be an integer"],
    ['a numeric filter', { filter: 3 }, "'filter' must be a string"],
  ])('rejects %s as invalidSyntax', (_, body, detail) => {
    expect(failure(() => parseRequest(searchRequestSchema, body)).toData()).toEqual({
      status: 400,
      scimType: 'invalidSyntax',
      detail,
    })
  })
})

describe('zodErrorToScimError', () => {
  it('never passes on zod wording', () => {
    const result = userCreateSchema(userResourceSchema()).safeParse({ userName: 5 })
    expect(result.success).toBe(false)
    const error = zodErrorToScimError(result.error!)
    expect(error.detail).not.toMatch(/Invalid input|expected string, received/)
    expect(error.detail).toBe("'userName' must be a string")
  })
})
