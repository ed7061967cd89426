// RFC 7644 §3.5.2 PatchOp and §3.4.3 SearchRequest envelopes; errors per §3.12.
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import {
  parseRequest,
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

  it('accepts the SearchRequest URN in any case, and no schemas at all', () => {
    const upper = { schemas: ['URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:SEARCHREQUEST'] }
    expect(parseRequest(searchRequestSchema, upper)).toEqual(upper)
    expect(parseRequest(searchRequestSchema, {})).toEqual({})
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
    // RFC 9865's cursor is a message parameter like the others (it once drifted to invalidValue).
    ['a numeric cursor', { cursor: 7 }, "'cursor' must be a string"],
    [
      'schemas that do not name the SearchRequest',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      "'schemas' must list urn:ietf:params:scim:api:messages:2.0:SearchRequest",
    ],
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
