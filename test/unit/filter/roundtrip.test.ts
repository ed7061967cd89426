// parseFilter(stringifyFilter(ast)) ≡ ast, as a table and as a fast-check property.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AttrPath, CompareOp, FilterNode } from '../../../src/scim/filter'
import { MAX_FILTER_LENGTH, parseFilter, stringifyFilter } from '../../../src/scim/filter'
import { invalidFilterFrom } from './fixtures'

const pr = (attr: string): FilterNode => ({ kind: 'present', path: { attr } })
const [a, b, c] = [pr('a'), pr('b'), pr('c')]
const eq = (value: string | number | boolean | null): FilterNode => ({
  kind: 'compare',
  path: { attr: 'x' },
  op: 'eq',
  value,
})

describe('stringifyFilter: canonical text', () => {
  it.each<[FilterNode, string]>([
    [{ kind: 'and', left: a, right: { kind: 'or', left: b, right: c } }, 'a pr and (b pr or c pr)'],
    [{ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c }, 'a pr and b pr or c pr'],
    [{ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } }, 'a pr or b pr and c pr'],
    [{ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c }, '(a pr or b pr) and c pr'],
    [
      { kind: 'and', left: a, right: { kind: 'and', left: b, right: c } },
      'a pr and (b pr and c pr)',
    ],
    [{ kind: 'and', left: { kind: 'and', left: a, right: b }, right: c }, 'a pr and b pr and c pr'],
    [{ kind: 'or', left: a, right: { kind: 'or', left: b, right: c } }, 'a pr or (b pr or c pr)'],
    [{ kind: 'not', filter: { kind: 'or', left: a, right: b } }, 'not (a pr or b pr)'],
    [
      { kind: 'valuePath', path: { attr: 'emails' }, filter: { kind: 'and', left: a, right: b } },
      'emails[a pr and b pr]',
    ],
    [
      {
        kind: 'compare',
        path: {
          uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          attr: 'manager',
          sub: 'value',
        },
        op: 'ne',
        value: 'x',
      },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value ne "x"',
    ],
    [eq('say "hi"\n'), 'x eq "say \\"hi\\"\\n"'],
    [eq(-0), 'x eq -0'],
    [eq(1e21), 'x eq 1e+21'],
    [eq(0.1), 'x eq 0.1'],
    [eq(true), 'x eq true'],
    [eq(null), 'x eq null'],
  ])('%j → %s', (node, text) => {
    expect(stringifyFilter(node)).toBe(text)
    expect(parseFilter(text)).toStrictEqual(node)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s, which no filter can spell', (n) => {
    invalidFilterFrom(() => stringifyFilter(eq(n)))
  })
})

// Names include keywords (not, and, or, pr, eq, true, null) and `$ref`: position decides meaning.
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/),
  fc.constantFrom('not', 'NOT', 'and', 'Or', 'pr', 'eq', 'true', 'null', '$ref', 'value'),
)
const uri = fc.oneof(
  fc.constantFrom(
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    'URN:custom:params:scim:schemas:extension:scimedge:2.0:User',
  ),
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,5}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => `urn:${parts.join(':')}`),
)
const path: fc.Arbitrary<AttrPath> = fc.record(
  { uri, attr: name, sub: name },
  { requiredKeys: ['attr'], noNullPrototype: true },
)
/** Plain objects, so that toStrictEqual compares them with the parser's. */
const PLAIN = { noNullPrototype: true } as const
const op = fc.constantFrom<CompareOp>('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le')
const literal = fc.oneof(
  fc.string({ maxLength: 12, unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
)
const term: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({ kind: fc.constant('compare' as const), path, op, value: literal }, PLAIN),
  fc.record({ kind: fc.constant('present' as const), path }, PLAIN),
)

/** A filter with no valuePath inside (what "[ ]" may hold, errata 4690), or any filter. */
function filterArbitrary(allowValuePath: boolean): fc.Arbitrary<FilterNode> {
  const { node } = fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthIdentifier: allowValuePath ? 'outer' : 'inner' },
      term,
      fc.record(
        { kind: fc.constant('and' as const), left: tie('node'), right: tie('node') },
        PLAIN,
      ),
      fc.record({ kind: fc.constant('or' as const), left: tie('node'), right: tie('node') }, PLAIN),
      fc.record({ kind: fc.constant('not' as const), filter: tie('node') }, PLAIN),
      ...(allowValuePath
        ? [
            fc.record(
              {
                kind: fc.constant('valuePath' as const),
                path: path.map(({ sub: _, ...rest }) => rest),
                filter: filterArbitrary(false),
              },
              PLAIN,
            ),
          ]
        : []),
    ),
  }))
  return node
}

describe('property: parseFilter(stringifyFilter(ast)) ≡ ast', () => {
  it('holds for generated ASTs (fixed seed)', () => {
    fc.assert(
      fc.property(filterArbitrary(true), (ast) => {
        const text = stringifyFilter(ast)
        fc.pre(text.length <= MAX_FILTER_LENGTH)
        expect(parseFilter(text)).toStrictEqual(ast)
        expect(stringifyFilter(parseFilter(text))).toBe(text)
      }),
      { seed: 7644, numRuns: 2000 },
    )
  })
})
