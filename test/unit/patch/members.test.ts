// Group member deltas (patch/types.ts MemberDelta): composition in order, as a table.
import { describe, expect, it } from 'vitest'
import { DeltaBuilder, isEmptyDelta } from '../../../src/scim/patch'
import type { MemberDelta } from '../../../src/scim/patch'

type Step = ['add' | 'remove' | 'replace', string[]]
const compose = (steps: Step[]): MemberDelta =>
  steps.reduce((d, [op, ids]) => d[op](ids), new DeltaBuilder()).delta

describe('member delta composition', () => {
  it.each<[string, Step[], MemberDelta]>([
    ['nothing', [], { replace: null, add: [], remove: [] }],
    [
      'adds accumulate without repeats',
      [
        ['add', ['a', 'b']],
        ['add', ['b', 'c']],
      ],
      { replace: null, add: ['a', 'b', 'c'], remove: [] },
    ],
    [
      'removes accumulate',
      [
        ['remove', ['a']],
        ['remove', ['b', 'a']],
      ],
      { replace: null, add: [], remove: ['a', 'b'] },
    ],
    [
      'add then remove of an id: removed',
      [
        ['add', ['a']],
        ['remove', ['a']],
      ],
      { replace: null, add: [], remove: ['a'] },
    ],
    [
      'remove then add of an id: added',
      [
        ['remove', ['a']],
        ['add', ['a']],
      ],
      { replace: null, add: ['a'], remove: [] },
    ],
    [
      'replace drops earlier adds and removes',
      [
        ['add', ['a']],
        ['remove', ['b']],
        ['replace', ['c']],
      ],
      { replace: ['c'], add: [], remove: [] },
    ],
    [
      'add after replace edits the set',
      [
        ['replace', ['a']],
        ['add', ['b', 'a']],
      ],
      { replace: ['a', 'b'], add: [], remove: [] },
    ],
    [
      'remove after replace edits the set',
      [
        ['replace', ['a', 'b']],
        ['remove', ['a', 'z']],
      ],
      { replace: ['b'], add: [], remove: [] },
    ],
    [
      'replace with [] empties the group',
      [
        ['add', ['a']],
        ['replace', []],
      ],
      { replace: [], add: [], remove: [] },
    ],
    [
      'replace dedupes',
      [['replace', ['a', 'a', 'b']]],
      { replace: ['a', 'b'], add: [], remove: [] },
    ],
  ])('%s', (_name, steps, expected) => {
    expect(compose(steps)).toEqual(expected)
  })

  it('calls a delta empty only when it would change nothing', () => {
    expect(isEmptyDelta(new DeltaBuilder().delta)).toBe(true)
    expect(isEmptyDelta(new DeltaBuilder().replace([]).delta)).toBe(false)
    expect(isEmptyDelta(new DeltaBuilder().add(['a']).delta)).toBe(false)
    expect(isEmptyDelta(new DeltaBuilder().remove(['a']).delta)).toBe(false)
  })
})
