// What one PATCH or one body may carry (src/scim/size-limits.ts), and that member operations cost
// O(their ids): a PATCH at the caps applies, one past them is a 400 naming the cap.
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import { storedData } from '../../../src/scim/input'
import { applyPatch, normalizePatchRequest } from '../../../src/scim/patch'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import {
  MAX_MULTI_VALUES,
  MAX_PATCH_MEMBER_IDS,
  MAX_PATCH_OPERATIONS,
} from '../../../src/scim/size-limits'

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const body = (Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations })
const group = { id: 'g', displayName: 'G' }

function refusal(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (error instanceof ScimError) return error.toData()
    throw error
  }
  throw new Error('expected a refusal')
}

describe('operations per PATCH', () => {
  const removes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ op: 'remove', path: `members[value eq "u${i}"]` }))

  it(`${MAX_PATCH_OPERATIONS} single-member operations apply, in order, as one delta`, () => {
    const ops = normalizePatchRequest(
      body([
        { op: 'add', path: 'members', value: [{ value: 'u0' }, { value: 'x' }] },
        ...removes(MAX_PATCH_OPERATIONS - 1),
      ]),
    )
    const result = applyPatch(group, ops, groupResourceSchema())
    expect(result.members?.add).toEqual(['x'])
    expect(result.members?.remove).toHaveLength(MAX_PATCH_OPERATIONS - 1)
  })

  it('one more is 400 invalidValue naming the cap', () => {
    expect(
      refusal(() => normalizePatchRequest(body(removes(MAX_PATCH_OPERATIONS + 1)))),
    ).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
      detail: expect.stringContaining(`at most ${MAX_PATCH_OPERATIONS} operations`),
    })
  })
})

describe('member ids per PATCH', () => {
  const ids = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ value: `u${from + i}` }))

  it(`${MAX_PATCH_MEMBER_IDS} ids across operations apply`, () => {
    const half = MAX_PATCH_MEMBER_IDS / 2
    const ops = normalizePatchRequest(
      body([
        { op: 'add', path: 'members', value: ids(half) },
        { op: 'remove', path: 'members', value: ids(half, half) },
      ]),
    )
    const result = applyPatch(group, ops, groupResourceSchema())
    expect(result.members?.add).toHaveLength(half)
    expect(result.members?.remove).toHaveLength(half)
  })

  it('one more is 400 invalidValue', () => {
    const ops = normalizePatchRequest(
      body([
        { op: 'add', path: 'members', value: ids(MAX_PATCH_MEMBER_IDS) },
        { op: 'remove', path: 'members', value: ids(1) },
      ]),
    )
    expect(refusal(() => applyPatch(group, ops, groupResourceSchema()))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    })
  })
})

describe('values per multi-valued attribute', () => {
  const emails = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `a${i}@x.test` }))

  it(`${MAX_MULTI_VALUES} emails are kept; one more is 400 invalidValue`, () => {
    const user = userResourceSchema()
    expect(
      storedData({ userName: 'a', emails: emails(MAX_MULTI_VALUES) }, user).emails,
    ).toHaveLength(MAX_MULTI_VALUES)
    expect(
      refusal(() => storedData({ userName: 'a', emails: emails(MAX_MULTI_VALUES + 1) }, user)),
    ).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('"emails" may hold at most'),
    })
  })
})
