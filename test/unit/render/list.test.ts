// RFC 7644 §3.4.2 ListResponse, §3.4.2.3 sorting, §3.4.2.4 pagination.
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import {
  listResponse,
  parsePagination,
  parseSort,
  sliceConcatenation,
} from '../../../src/scim/list'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import { ENTERPRISE_USER_SCHEMA, LIST_RESPONSE_MESSAGE } from '../../../src/scim/urns'

const user = userResourceSchema()

describe('listResponse', () => {
  it('reports integer counters and the page', () => {
    expect(listResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 7, startIndex: 3 })).toEqual({
      schemas: [LIST_RESPONSE_MESSAGE],
      totalResults: 7,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    })
  })

  it('no match: totalResults 0 and an empty Resources array', () => {
    expect(listResponse([])).toEqual({
      schemas: [LIST_RESPONSE_MESSAGE],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    })
  })

  it('count=0: only totalResults is meaningful', () => {
    expect(listResponse([], { totalResults: 42 })).toMatchObject({
      totalResults: 42,
      itemsPerPage: 0,
      Resources: [],
    })
  })
})

describe('parsePagination (§3.4.2.4)', () => {
  const options = { maxResults: 100 }
  it.each<
    [string, { startIndex?: unknown; count?: unknown }, { startIndex: number; count: number }]
  >([
    ['defaults', {}, { startIndex: 1, count: 100 }],
    ['Okta paging', { startIndex: '101', count: '100' }, { startIndex: 101, count: 100 }],
    ['startIndex 0 is read as 1', { startIndex: '0' }, { startIndex: 1, count: 100 }],
    ['a negative startIndex is read as 1', { startIndex: -5 }, { startIndex: 1, count: 100 }],
    ['a negative count is read as 0', { count: '-1' }, { startIndex: 1, count: 0 }],
    ['count 0 asks for totalResults only', { count: 0 }, { startIndex: 1, count: 0 }],
    ['count above maxResults is capped', { count: '1000' }, { startIndex: 1, count: 100 }],
    ['empty strings are absent', { startIndex: '', count: '' }, { startIndex: 1, count: 100 }],
    ['surrounding spaces are tolerated', { startIndex: ' 2 ' }, { startIndex: 2, count: 100 }],
  ])('%s', (_, query, expected) => {
    expect(parsePagination(query, options)).toEqual(expected)
  })

  it('uses defaultCount when count is absent, still capped', () => {
    expect(parsePagination({}, { maxResults: 100, defaultCount: 20 }).count).toBe(20)
    expect(parsePagination({}, { maxResults: 10, defaultCount: 20 }).count).toBe(10)
  })

  it.each([
    ['startIndex', { startIndex: 'abc' }],
    ['count', { count: '1.5' }],
    ['count', { count: 2.5 }],
    ['startIndex', { startIndex: true }],
  ])('rejects a non-integer %s as invalidValue', (name, query) => {
    expect(() => parsePagination(query, options)).toThrow(
      expect.objectContaining({
        status: 400,
        scimType: 'invalidValue',
        detail: `${name} must be an integer`,
      }),
    )
  })
})

describe('parseSort (§3.4.2.3)', () => {
  it('is undefined without sortBy', () => {
    expect(parseSort({}, user)).toBeUndefined()
    expect(parseSort({ sortOrder: 'descending' }, user)).toBeUndefined()
  })

  it.each<[string, string | undefined, string, string | undefined, string]>([
    ['userName', undefined, 'userName', undefined, 'ascending'],
    ['USERNAME', 'Descending', 'userName', undefined, 'descending'],
    ['name.familyName', 'ascending', 'name', 'familyName', 'ascending'],
    ['meta.lastModified', undefined, 'meta', 'lastModified', 'ascending'],
    ['emails', undefined, 'emails', 'value', 'ascending'],
    [`${ENTERPRISE_USER_SCHEMA}:manager`, undefined, 'manager', 'value', 'ascending'],
  ])('sortBy=%s sortOrder=%s → %s.%s %s', (sortBy, sortOrder, attr, sub, order) => {
    const sort = parseSort({ sortBy, sortOrder }, user)
    expect(sort?.attribute.name).toBe(attr)
    expect(sort?.subAttribute?.name).toBe(sub)
    expect(sort?.order).toBe(order)
  })

  it('reports the extension URN of an extension attribute', () => {
    expect(parseSort({ sortBy: 'department' }, user)?.schemaUrn).toBe(ENTERPRISE_USER_SCHEMA)
  })

  it.each([
    ['an unknown attribute', { sortBy: 'shoeSize' }],
    ['a never-returned attribute', { sortBy: 'password' }],
    ['a complex attribute without a value', { sortBy: 'name' }],
    ['a malformed name', { sortBy: 'a.b.c' }],
    ['an unknown sortOrder', { sortBy: 'userName', sortOrder: 'up' }],
    ['a non-string sortBy', { sortBy: 5 }],
  ])('rejects %s as invalidValue', (_, query) => {
    let caught: unknown
    try {
      parseSort(query, user)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ScimError)
    expect((caught as ScimError).scimType).toBe('invalidValue')
  })

  it('sorts a Group by displayName', () => {
    expect(parseSort({ sortBy: 'displayName' }, groupResourceSchema())?.attribute.required).toBe(
      true,
    )
  })
})

describe('sliceConcatenation (§3.4.3 root search: Users then Groups, one index page)', () => {
  it.each([
    // totals, startIndex, count → per list [startIndex, count]
    [
      [5, 3],
      1,
      10,
      [
        [1, 5],
        [1, 3],
      ],
    ],
    [
      [5, 3],
      1,
      4,
      [
        [1, 4],
        [1, 0],
      ],
    ],
    [
      [5, 3],
      4,
      4,
      [
        [4, 2],
        [1, 2],
      ],
    ],
    [
      [5, 3],
      6,
      10,
      [
        [6, 0],
        [1, 3],
      ],
    ],
    [
      [5, 3],
      7,
      10,
      [
        [7, 0],
        [2, 2],
      ],
    ],
    [
      [5, 3],
      9,
      10,
      [
        [9, 0],
        [4, 0],
      ],
    ],
    [
      [0, 3],
      2,
      1,
      [
        [2, 0],
        [2, 1],
      ],
    ],
    [
      [5, 3],
      1,
      0,
      [
        [1, 0],
        [1, 0],
      ],
    ],
  ])('totals %j from %i, count %i → %j', (totals, startIndex, count, expected) => {
    const slices = sliceConcatenation(totals, { startIndex, count })
    expect(slices.map((s) => [s.startIndex, s.count])).toEqual(expected)
  })

  it('every position of the concatenation is taken exactly once across pages', () => {
    const totals = [7, 4]
    const seen: string[] = []
    for (let start = 1; start <= 12; start += 3) {
      sliceConcatenation(totals, { startIndex: start, count: 3 }).forEach((s, list) => {
        for (let i = 0; i < s.count; i++) seen.push(`${list}:${s.startIndex + i}`)
      })
    }
    const all = [...Array(7)]
      .map((_, i) => `0:${i + 1}`)
      .concat([...Array(4)].map((_, i) => `1:${i + 1}`))
    expect(seen).toEqual(all)
  })
})
