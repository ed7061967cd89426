// Properties of the PATCH engine, checked with fast-check under a fixed seed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyPatch, normalizePatchRequest } from '../../../src/scim/patch'
import { PATCH_OP_MESSAGE } from '../../../src/scim/urns'
import { GROUP, patch, USER } from './helpers'

const RUNS = { seed: 20240501, numRuns: 300 }

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/)
const emailOf = (local: string, domain: string) => `${local}@${domain}.example`
const email = fc.record(
  {
    value: fc.tuple(word, word).map(([l, d]) => emailOf(l, d)),
    type: fc.constantFrom('work', 'home', 'other'),
  },
  { requiredKeys: ['value'] },
)
/** Users whose emails have distinct values (case-insensitively) and at most one primary. */
const userArb = fc
  .record(
    {
      userName: word,
      displayName: fc.string(),
      active: fc.boolean(),
      title: word,
      name: fc.record({ givenName: word, familyName: word }, { requiredKeys: [] }),
      emails: fc.uniqueArray(email, { selector: (e) => e.value.toLowerCase(), maxLength: 4 }),
      roles: fc.uniqueArray(
        word.map((value) => ({ value })),
        { selector: (r) => r.value, maxLength: 3 },
      ),
    },
    { requiredKeys: ['userName'] },
  )
  .map((u) => {
    const out: Record<string, unknown> = { id: 'u-1', ...u }
    for (const key of ['emails', 'roles'])
      if ((out[key] as unknown[])?.length === 0) delete out[key]
    return out
  })

describe('properties', () => {
  it('empty Operations leave any resource unchanged (changed=false, deep equal)', () => {
    fc.assert(
      fc.property(userArb, fc.constantFrom(undefined, null, []), (user, operations) => {
        const ops = normalizePatchRequest({ schemas: [PATCH_OP_MESSAGE], Operations: operations })
        const result = applyPatch(user, ops, USER)
        expect(result.changed).toBe(false)
        expect(result.resource).toEqual(user)
      }),
      RUNS,
    )
  })

  it('add then remove of a new value in a multi-valued attribute restores the original', () => {
    fc.assert(
      fc.property(userArb, word, word, fc.constantFrom('filter', 'value'), (user, l, d, how) => {
        const fresh = emailOf(`new${l}`, d)
        fc.pre(
          !JSON.stringify(user.emails ?? [])
            .toLowerCase()
            .includes(`"${fresh}"`),
        )
        const remove =
          how === 'filter'
            ? { op: 'remove', path: `emails[value eq "${fresh}"]` }
            : { op: 'Remove', path: 'emails', value: [{ value: fresh }] }
        const added = patch(user, [
          { op: 'add', path: 'emails', value: [{ value: fresh, type: 'home' }] },
        ])
        expect(added.changed).toBe(true)
        const result = patch(user, [
          { op: 'add', path: 'emails', value: [{ value: fresh, type: 'home' }] },
          remove,
        ])
        expect(result.resource).toEqual(user)
        expect(result.changed).toBe(false)
      }),
      RUNS,
    )
  })

  it('a replace of every attribute with its own value changes nothing', () => {
    fc.assert(
      fc.property(userArb, (user) => {
        const { id: _id, ...rest } = user
        const result = patch(user, [{ op: 'replace', value: rest }])
        expect(result.changed).toBe(false)
        expect(result.resource).toEqual(user)
      }),
      RUNS,
    )
  })

  const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 })
  const memberOp = fc.oneof(
    ids.map((list) => ({
      kind: 'add' as const,
      list,
      op: { op: 'Add', path: 'members', value: list.map((value) => ({ value })) },
    })),
    ids.map((list) => ({
      kind: 'remove' as const,
      list,
      op: { op: 'Remove', path: 'members', value: list.map((value) => ({ value })) },
    })),
    ids.map((list) => ({
      kind: 'replace' as const,
      list,
      op: { op: 'replace', path: 'members', value: list.map((value) => ({ value })) },
    })),
    fc.constantFrom('a', 'b', 'c').map((id) => ({
      kind: 'remove' as const,
      list: [id],
      op: { op: 'remove', path: `members[value eq "${id}"]` },
    })),
    fc.constant({
      kind: 'replace' as const,
      list: [] as string[],
      op: { op: 'remove', path: 'members' },
    }),
  )

  it('member delta composition equals applying the operations to a concrete set', () => {
    fc.assert(
      fc.property(ids, fc.array(memberOp, { maxLength: 8 }), (initial, steps) => {
        const concrete = new Set<string>(initial)
        for (const { kind, list } of steps) {
          if (kind === 'replace') concrete.clear()
          for (const id of list) kind === 'remove' ? concrete.delete(id) : concrete.add(id)
        }
        const result = patch(
          { id: 'g-1', displayName: 'G' },
          steps.map((s) => s.op),
          GROUP,
        )
        const delta = result.members ?? { replace: null, add: [], remove: [] }
        expect(delta.add.filter((id) => delta.remove.includes(id))).toEqual([])
        if (delta.replace) expect([delta.add, delta.remove]).toEqual([[], []])
        const applied = new Set<string>(delta.replace ?? initial)
        for (const id of delta.remove) applied.delete(id)
        for (const id of delta.add) applied.add(id)
        expect([...applied].sort()).toEqual([...concrete].sort())
        expect(result.members === undefined).toBe(steps.length === 0)
      }),
      RUNS,
    )
  })
})
