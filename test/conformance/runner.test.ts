// The replay runner's own truth tables: a conformance suite that cannot fail proves nothing.
import { describe, expect, it } from 'vitest'
import { build } from './generate'
import { match } from './match'
import { getPath } from './paths'
import { substitute } from './template'

describe('match', () => {
  it.each([
    ['equal primitives', 'a', 'a', true],
    ['different primitives', 'a', 'b', false],
    ['number vs string', 1, '1', false],
    ['partial object', { a: 1 }, { a: 1, b: 2 }, true],
    ['missing key', { a: 1 }, { b: 1 }, false],
    ['array same length, partial elements', [{ a: 1 }], [{ a: 1, b: 2 }], true],
    ['array length differs', [], [1], false],
    ['$type integer', { $type: 'integer' }, 3, true],
    ['$type integer vs float', { $type: 'integer' }, 3.5, false],
    ['$type integer vs numeric string', { $type: 'integer' }, '3', false],
    ['$absent on missing', { x: { $absent: true } }, {}, true],
    ['$absent on null', { x: { $absent: true } }, { x: null }, true],
    ['$absent on value', { x: { $absent: true } }, { x: [] }, false],
    ['$length', { $length: 2 }, [1, 2], true],
    ['$length wrong', { $length: 2 }, [1], false],
    ['$contains', { $contains: [{ v: 2 }] }, [{ v: 1 }, { v: 2 }], true],
    ['$contains missing', { $contains: [{ v: 3 }] }, [{ v: 1 }], false],
    ['$regex', { $regex: '^W/"' }, 'W/"3"', true],
    ['$regex on non-string', { $regex: '.' }, 3, false],
    ['$eqi', { $eqi: 'ABC' }, 'abc', true],
    ['$exact rejects extra keys', { $exact: { a: 1 } }, { a: 1, b: 2 }, false],
    ['$ne', { $ne: 'W/"1"' }, 'W/"2"', true],
    ['$gte', { $gte: 1 }, 0, false],
    ['$not $contains', { $not: { $contains: [{ v: 1 }] } }, [{ v: 2 }], true],
    ['$not fails when inner matches', { $not: { $contains: [{ v: 1 }] } }, [{ v: 1 }], false],
    ['several matchers are and-ed', { $length: 1, $contains: [1] }, [2], false],
    ['$ref is an attribute, not a matcher', { $ref: 'x' }, { $ref: 'x' }, true],
    ['$ref mismatch is reported', { $ref: 'x' }, { $ref: 'y' }, false],
  ])('%s', (_name, expected, actual, ok) => {
    expect(match(expected, actual).length === 0).toBe(ok)
  })

  it('names the path of each mismatch', () => {
    const problems = match({ Resources: [{ id: 'a' }] }, { Resources: [{ id: 'b' }] }, 'body')
    expect(problems).toEqual([{ path: 'body.Resources[0].id', message: 'expected "a", got "b"' }])
  })
})

describe('paths, placeholders and generation', () => {
  const scope = { id: 'u-1', n: 3, ids: ['a', 'b', 'c'], user: { name: 'Ann' } }

  it('reads bracketed URN keys and indexes', () => {
    const doc = { 'urn:x:2.0:User': { role: 'member' }, Resources: [{ id: 'z' }] }
    expect(getPath(doc, '["urn:x:2.0:User"].role')).toBe('member')
    expect(getPath(doc, 'Resources[0].id')).toBe('z')
    expect(getPath(doc, 'resources[0].ID')).toBe('z')
  })

  it('substitutes, keeps raw values for whole placeholders, escapes in $regex', () => {
    expect(substitute('/Users/${id}', scope)).toBe('/Users/u-1')
    expect(substitute('${n}', scope)).toBe(3)
    expect(substitute('${ids[1]|upper}', scope)).toBe('B')
    expect(substitute({ $regex: '^${user.name}.$' }, { user: { name: 'a.b' } })).toEqual({
      $regex: '^a\\.b.$',
    })
    expect(() => substitute('${nope}', scope)).toThrow(/unknown variable/)
  })

  it('expands $generate, splicing into arrays', () => {
    const body = {
      Operations: [
        {
          $generate: {
            each: 'ids',
            from: 1,
            template: { op: 'remove', path: 'members[value eq "${item}"]' },
          },
        },
        { op: 'add', value: { $generate: { count: 2, template: { value: 'n${i}' } } } },
      ],
    }
    expect(build(body, scope)).toEqual({
      Operations: [
        { op: 'remove', path: 'members[value eq "b"]' },
        { op: 'remove', path: 'members[value eq "c"]' },
        { op: 'add', value: [{ value: 'n1' }, { value: 'n2' }] },
      ],
    })
  })
})
