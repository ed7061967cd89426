// Breaking filters the ways clients and attackers do — truncation, wrong quotes, huge nesting,
// long strings, odd Unicode, URL-encoding artefacts — and putting them in a query string.
import fc from 'fast-check'
import { grammarFilter, longChain, typedFilter } from './filters'
import { oddString, safeEncode } from './words'

type Mutation = (text: string) => string

const insertAt = (t: string, n: number, s: string) => {
  const at = n % (t.length + 1)
  return t.slice(0, at) + s + t.slice(at)
}

/** Each mutation takes the filter text and returns the broken text. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.nat().map((n) => (t: string) => t.slice(n % (t.length + 1))),
  fc.constantFrom<Mutation>(
    (t) => t.replaceAll('"', "'"),
    (t) => t.replace(/"([^"]*)"/, '“$1”'),
    (t) => t.replace('"', ''),
    (t) => t.replaceAll(' ', ''),
    (t) => t.replaceAll(' ', '+'),
    (t) => t.replaceAll(' ', '%20'),
    (t) => safeEncode(t),
    (t) => t.replaceAll(' ', '\t\n '),
    (t) => t.toUpperCase(),
  ),
  fc.tuple(fc.integer({ min: 1, max: 120 }), fc.constantFrom('(', '[', 'not(')).map(
    ([n, open]) =>
      (t: string) =>
        open.repeat(n) + t + (open === '[' ? ']' : ')').repeat(n),
  ),
  fc.integer({ min: 1, max: 400 }).map((n) => (t: string) => t + ' or userName pr'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => (t: string) => '('.repeat(n) + t),
  fc.integer({ min: 1, max: 400 }).map((n) => (t: string) => t + ')'.repeat(n)),
  fc
    .tuple(fc.integer({ min: 3000, max: 20_000 }), fc.constantFrom('a', 'é', '\uD83D\uDE00', '\\"'))
    .map(
      ([n, c]) =>
        (t: string) =>
          `userName eq "${c.repeat(n)}" and ${t}`,
    ),
  fc.tuple(fc.nat(), oddString).map(
    ([n, s]) =>
      (t: string) =>
        insertAt(t, n, s),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 5 })).map(([n, k]) => (t: string) => {
    const at = n % (t.length + 1)
    return t.slice(0, at) + t.slice(at + k)
  }),
)

/** Typed, loose and long filters, a third of them with one to three mutations applied. */
export const fuzzFilter: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: typedFilter },
  { weight: 1, arbitrary: longChain },
  { weight: 2, arbitrary: grammarFilter },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.oneof(typedFilter, grammarFilter),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
      )
      .map(([text, ms]) => ms.reduce((t, m) => m(t), text)),
  },
  { weight: 1, arbitrary: oddString },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'()[]" \\andorteqprnot.ab'), maxLength: 60 }),
  },
)

export type QueryEncoding = 'form' | 'raw' | 'double' | 'plus' | 'lowerHex'

/** How the filter reaches the query string. */
export const queryEncoding = fc.constantFrom<QueryEncoding>(
  'form',
  'raw',
  'double',
  'plus',
  'lowerHex',
)

/**
 * `filter=…` as a query string: properly form-encoded, pasted raw (the URL parser escapes what it
 * must), double-encoded, `+` for space (IDP-COMPAT: Okta/Entra), or percent-encoded in lower case.
 */
export function filterQuery(filter: string, encoding: QueryEncoding): string {
  switch (encoding) {
    case 'form':
      return new URLSearchParams({ filter }).toString()
    case 'raw':
      return `filter=${filter}`
    case 'double':
      return `filter=${encodeURIComponent(new URLSearchParams({ filter }).toString().slice(7))}`
    case 'plus':
      return `filter=${safeEncode(filter).replaceAll('%20', '+')}`
    case 'lowerHex':
      return `filter=${safeEncode(filter).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`
  }
}
