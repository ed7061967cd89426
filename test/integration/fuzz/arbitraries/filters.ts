// Filter text (RFC 7644 §3.4.2.2) built from the grammar: loose filters over real, readOnly and
// unknown attributes with any literal; schema-typed filters that reach the SQL compiler; and long
// chains up to and past the term cap.
import fc from 'fast-check'
import { CORE_GROUP, CORE_USER, ENTERPRISE, oddString, randomCase, ROLE_EXT, words } from './words'

/** Attribute paths: real ones for Users and Groups, readOnly/never-returned ones, unknown ones. */
export const filterPath = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...words(`userName USERNAME externalId id displayName DisplayName active title name.givenName
        name.familyName name.formatted emails emails.value emails.type emails.primary
        phoneNumbers.value addresses.postalCode roles.value roles.primary groups groups.value
        members members.value members.display meta.created meta.lastModified meta.resourceType
        meta.version password x509Certificates.value emails.$ref members.$ref`),
      `${ENTERPRISE}:manager.value`,
      `${ENTERPRISE}:employeeNumber`,
      `${ENTERPRISE}:department`,
      `${ROLE_EXT}:role`,
      `${CORE_USER}:userName`,
      `${CORE_USER}:name.givenName`,
      `${CORE_GROUP}:displayName`,
      `${CORE_GROUP}:members.value`,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}(\.[A-Za-z$][A-Za-z0-9]{0,8})?$/),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ...words(`urn:x:y:z:attr urn::a a.b.c 9lives -x _x name. .value not and or pr eq true null
        $ref ünïcode emails[type`),
      `${CORE_USER}:`,
    ),
  },
)

const OPERATORS = words('eq ne co sw ew gt lt ge le')

export const compareOp = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...OPERATORS).chain(randomCase) },
  { weight: 1, arbitrary: fc.constantFrom('=', '==', '!=', 'like', 'in', 'eqq', 'e q', '') },
)

/** Value literals, JSON-valid and not. */
export const compValue = fc.oneof(
  { weight: 5, arbitrary: oddString.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...words('true false null True NULL FALSE')) },
  { weight: 2, arbitrary: fc.double().map((n) => (Number.isFinite(n) ? String(n) : 'NaN')) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ...words(`"2024-01-01T00:00:00Z" "2024-13-45T99:99:99Z" 01 1. .5 +1 1e999 -0 0x10 Infinity
        undefined 'single' “curly” "\\u00" "\\x41"`),
      '"not a date"',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/) },
)

/** A grammar-built filter (possibly referencing unknown attributes or using bad literals). */
export const grammarFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string; term: string }>(
  (tie) => ({
    term: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(filterPath, compareOp, compValue).map(([p, o, v]) => `${p} ${o} ${v}`),
      },
      { weight: 2, arbitrary: filterPath.chain((p) => randomCase('pr').map((pr) => `${p} ${pr}`)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...words('emails phoneNumbers addresses roles members groups name')),
            tie('filter'),
            fc.option(
              fc.tuple(
                fc.constantFrom(...words('.value .type .display .nope .')),
                compareOp,
                compValue,
              ),
            ),
          )
          .map(([a, f, tail]) => `${a}[${f}]${tail ? `${tail[0]} ${tail[1]} ${tail[2]}` : ''}`),
      },
    ),
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('term'),
      fc
        .tuple(tie('filter'), fc.constantFrom(...words('and or AND Or aNd')), tie('filter'))
        .map(([l, op, r]) => `${l} ${op} ${r}`),
      fc
        .tuple(fc.constantFrom('not', 'NOT', 'not ', ''), tie('filter'))
        .map(([n, f]) => `${n}(${f})`),
    ),
  }),
).filter

const STRING_PATHS = [
  ...words(`userName externalId id displayName title name.givenName emails.value emails.type emails
    phoneNumbers.value roles.value members.value members meta.resourceType groups.display`),
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager.value`,
  `${ENTERPRISE}:manager`,
  `${ROLE_EXT}:role`,
  `${CORE_USER}:userName`,
]
const BOOLEAN_PATHS = words('active emails.primary roles.primary addresses.primary')
const DATE_PATHS = words('meta.created meta.lastModified')

const isoDate = fc
  .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => JSON.stringify(new Date(ms).toISOString()))

/** Terms that fit the schema's types: they reach the SQL compiler rather than the validator. */
const typedTerm = fc.oneof(
  fc
    .tuple(fc.constantFrom(...STRING_PATHS), compareOp, oddString)
    .map(([p, o, v]) => `${p} ${o} ${JSON.stringify(v)}`),
  fc
    .tuple(
      fc.constantFrom(...BOOLEAN_PATHS),
      fc.constantFrom('eq', 'ne', 'EQ'),
      fc.constantFrom(...words('true false "True" "false"')),
    )
    .map(([p, o, v]) => `${p} ${o} ${v}`),
  fc
    .tuple(fc.constantFrom(...DATE_PATHS), fc.constantFrom(...words('gt ge lt le eq ne')), isoDate)
    .map(([p, o, v]) => `${p} ${o} ${v}`),
  fc.constantFrom(...STRING_PATHS, ...BOOLEAN_PATHS, ...DATE_PATHS).map((p) => `${p} pr`),
  fc
    .tuple(
      fc.constantFrom(...words('emails phoneNumbers roles addresses')),
      fc.constantFrom(
        ...['type eq "work"', 'value co "a"', 'primary eq true', 'type pr', 'not (value sw "x")'],
      ),
    )
    .map(([a, f]) => `${a}[${f}]`),
  oddString.map((v) => `emails[type eq "work"].value eq ${JSON.stringify(v)}`),
)

/** Schema-typed filters, joined and nested: most of these are answered with 200. */
export const typedFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    typedTerm,
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'OR'), tie('filter'))
      .map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(fc.constantFrom('not ', 'NOT', ''), tie('filter')).map(([n, f]) => `${n}(${f})`),
  ),
})).filter

/** Presence tests bind no SQL parameter, so long chains of them are bounded only by term count. */
const presenceTerm = fc
  .constantFrom(...words('userName displayName members emails active meta.created externalId'))
  .map((p) => `${p} pr`)

/** Long chains of typed terms, up to and past MAX_FILTER_TERMS (200). */
export const longChain = fc
  .tuple(
    fc.array(fc.oneof(typedTerm, presenceTerm), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 2, max: 260 }),
    fc.constantFrom(' and ', ' or ', ' AND '),
    fc.boolean(),
  )
  .map(([terms, n, joiner, grouped]) => {
    const list = Array.from({ length: n }, (_, i) => terms[i % terms.length])
    return grouped ? list.map((t) => `(${t})`).join(joiner) : list.join(joiner)
  })
