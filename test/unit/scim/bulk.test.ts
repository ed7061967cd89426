// The pure side of /Bulk (src/scim/bulk.ts): request checks, the order operations run in, and
// bulkId substitution.
import { describe, expect, it } from 'vitest'
import {
  BULK_REQUEST_SCHEMA,
  bulkTarget,
  bulkWaves,
  parseBulkRequest,
  resolvePath,
  resolveRefs,
} from '../../../src/scim/bulk'

const request = (Operations: unknown[], extra = {}) =>
  parseBulkRequest({ schemas: [BULK_REQUEST_SCHEMA], Operations, ...extra })
const post = (bulkId: string, data: unknown = {}) => ({
  method: 'post',
  path: '/Users',
  bulkId,
  data,
})

describe('bulkWaves', () => {
  it('runs an operation after every operation it refers to, in request order within a wave', () => {
    const { operations } = request([
      post('g', { members: [{ value: 'bulkId:a' }, { value: 'bulkId:b' }] }),
      post('a'),
      { method: 'PATCH', path: '/Groups/bulkId:g', data: { Operations: [] } },
      post('b'),
    ])
    const { waves, refused } = bulkWaves(operations)
    expect(refused).toEqual([])
    expect(waves.map((w) => w.map((o) => o.index))).toEqual([[1, 3], [0], [2]])
  })

  it('refuses every operation on a cycle, and what depends on it, with 409', () => {
    const { operations } = request([
      post('a', { x: 'bulkId:b' }),
      post('b', { x: 'bulkId:c' }),
      post('c', { x: 'bulkId:a' }),
      post('d', { x: 'bulkId:a' }),
      post('e'),
      post('f', { x: 'bulkId:nowhere' }),
    ])
    const { waves, refused } = bulkWaves(operations)
    expect(waves.map((w) => w.map((o) => o.index))).toEqual([[4]])
    expect(refused.map((r) => [r.operation.index, r.error.status]).sort()).toEqual([
      [0, 409],
      [1, 409],
      [2, 409],
      [3, 409],
      [5, 409],
    ])
  })
})

describe('parseBulkRequest', () => {
  it('reads methods in any case and collects the bulkIds an operation refers to', () => {
    const { operations, failOnErrors } = request(
      [{ method: 'patch', path: '/Groups/bulkId:g', data: { members: ['bulkId:u'] } }],
      { failOnErrors: 2 },
    )
    expect(operations[0]).toMatchObject({ method: 'PATCH', refs: ['g', 'u'] })
    expect(failOnErrors).toBe(2)
  })

  it.each([
    [{ Operations: [post('a')] }, 400],
    [{ schemas: [BULK_REQUEST_SCHEMA], Operations: [] }, 400],
    [{ schemas: [BULK_REQUEST_SCHEMA], Operations: [{ method: 'PUT', path: '/Users/x' }] }, 400],
    [{ schemas: [BULK_REQUEST_SCHEMA], Operations: [{ method: 'DELETE', path: 'Users/x' }] }, 400],
    [{ schemas: [BULK_REQUEST_SCHEMA], Operations: [post('a'), post('a')] }, 400],
    [{ schemas: [BULK_REQUEST_SCHEMA], Operations: [post('a')], failOnErrors: 1.5 }, 400],
    [
      {
        schemas: [BULK_REQUEST_SCHEMA],
        Operations: Array.from({ length: 1001 }, (_, i) => post(`u${i}`)),
      },
      413,
    ],
  ])('refuses %j with %i', (body, status) => {
    expect(() => parseBulkRequest(body)).toThrow(expect.objectContaining({ status }))
  })
})

describe('bulkId substitution and targets', () => {
  const ids = new Map([['u', 'id-1']])
  it('replaces whole-string references anywhere in data and in a path segment', () => {
    expect(resolveRefs({ members: [{ value: 'bulkId:u' }, { value: 'x bulkId:u' }] }, ids)).toEqual(
      {
        members: [{ value: 'id-1' }, { value: 'x bulkId:u' }],
      },
    )
    expect(resolvePath('/Users/bulkId:u', ids)).toBe('/Users/id-1')
  })

  it('addresses a collection for POST and one resource otherwise', () => {
    expect(bulkTarget('POST', '/users')).toEqual({ kind: 'User' })
    expect(bulkTarget('DELETE', '/Groups/g%201')).toEqual({ kind: 'Group', id: 'g 1' })
    expect(() => bulkTarget('POST', '/Users/x')).toThrow(expect.objectContaining({ status: 400 }))
    expect(() => bulkTarget('PUT', '/Users')).toThrow(expect.objectContaining({ status: 400 }))
    expect(() => bulkTarget('PUT', '/Devices/x')).toThrow(expect.objectContaining({ status: 400 }))
  })
})
