// JSON for fuzzing request bodies: arbitrary values, wrong shapes, deep nesting, big strings,
// keys that poison naive merges, and byte strings that are not JSON or not UTF-8 at all.
import fc from 'fast-check'
import { oddString } from './words'

/** Keys that break naive object handling, and SCIM keys in unexpected case. */
export const oddKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '',
    ' ',
    'schemas',
    'SCHEMAS',
    'id',
    'meta',
    'userName',
    'USERNAME',
    'displayName',
    'members',
    'emails',
    'active',
    'name.givenName',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
    'urn:custom:params:scim:schemas:extension:scimedge:2.0:User:role',
  ),
)

/** Scalars, including the ones JSON.parse turns into surprises (1e999 → Infinity, -0). */
export const oddScalar = fc.oneof(
  oddString,
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 2 ** 53, -(2 ** 63), 1e308, 'true', 'False', '1', ' ', 'null'),
)

/** Arbitrary JSON values with odd keys and scalars, a few levels deep. */
export const oddJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddScalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(oddKey, tie('value'), { maxKeys: 6, noNullPrototype: true }),
  ),
})).value

/** `{"a":{"a":…}}` or `[[…]]` nested `depth` times around `leaf` (keep `depth` ≤ ~2,000). */
export function nested(depth: number, kind: 'array' | 'object', leaf: unknown = 1): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value }
  return value
}

/**
 * Nesting from a little to far past any recursion limit, as text: a JS value that deep would
 * overflow the test's own stack in JSON.stringify, so deep values are built as text only.
 */
export const deepJsonText = fc
  .tuple(fc.integer({ min: 50, max: 200_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth))

/** JSON text with a deeply nested value where `template` says `$DEEP`. */
export const deepJsonIn = (template: string): fc.Arbitrary<string> =>
  deepJsonText.map((deep) => template.replace('$DEEP', deep))

/** A string of up to ~900 KB (under the 1 MiB body limit once quoted). */
export const bigString = fc
  .tuple(
    fc.integer({ min: 1_000, max: 300_000 }),
    fc.constantFrom('a', 'é', '😀', '\\', '"', '\u0000'),
  )
  .map(([n, c]) => c.repeat(n))

export const bigArray = <T>(element: fc.Arbitrary<T>) =>
  fc.tuple(element, fc.integer({ min: 100, max: 5_000 })).map(([e, n]) => Array<T>(n).fill(e))

/** Bytes that are not a JSON text or not UTF-8: each must be a 400, never a crash. */
export const badBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .constantFrom(
      [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00], // UTF-16LE "{}" with a BOM
      [0xef, 0xbb, 0xbf, 0x7b, 0x7d], // UTF-8 BOM then "{}"
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d], // {"a":"\xC3("}
      [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d], // encoded surrogate as a key
      [0x7b, 0x7d, 0x00], // "{}" then NUL
      [0xc0, 0xaf], // overlong "/"
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0x5b, 0x31, 0x2c], // "[1,"
    )
    .map((bytes) => new Uint8Array(bytes)),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.nat(), fc.constantFrom(0x80, 0xc3, 0xff, 0xfe, 0xed))
    .map(([value, at, byte]) => {
      const text = new TextEncoder().encode(JSON.stringify(value) ?? 'null')
      const i = at % (text.length + 1)
      return new Uint8Array([...text.slice(0, i), byte, ...text.slice(i)])
    }),
)

/** Text that is almost JSON: truncated, trailing garbage, comments, single quotes, NaN. */
export const almostJsonText = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, n]) => {
    const text = JSON.stringify(v) ?? ''
    return text.slice(0, n % (text.length + 1))
  }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => `${JSON.stringify(v)} trailing`),
  fc.constantFrom(
    "{'userName':'x'}",
    '{"userName":"x",}',
    '{"userName":"x" /* c */}',
    '{"active":NaN}',
    '{"active":Infinity}',
    '{"userName":"x","userName":"y"}',
    '{"userName":"\\ud800"}',
    '{"userName":"\\u0000"}',
    '{"a":1e999}',
    'null',
    '""',
    '0',
    '[]',
    ' \n\t ',
    '\uFEFF{"userName":"bom"}',
  ),
)
