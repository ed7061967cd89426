// PATCH values for fuzzing: what an IdP might send for some attribute, right or wrong for the
// path at hand — strings, string booleans, member lists, typed multi-values, pathless objects,
// roles as a JSON string, nulls, garbage, huge arrays, big strings and deep nesting.
import fc from 'fast-check'
import { bigArray, bigString, nested, oddJson, oddKey } from './json'
import { GROUP_PATHS, USER_PATHS, type PatchTargets } from './patch-paths'
import { oddString } from './words'

export function valueArb(t: PatchTargets): fc.Arbitrary<unknown> {
  const ids = [...t.userIds, ...t.groupIds, 'no-such-id', '', ' ']
  const member = fc.oneof(
    fc.constantFrom(...ids).map((value) => ({ value })),
    fc.record({ value: fc.constantFrom(...ids), display: oddString, $ref: fc.constant(null) }),
    fc.dictionary(oddKey, oddJson, { maxKeys: 3 }),
  )
  const typed = fc.record(
    {
      value: oddString,
      type: fc.constantFrom('work', 'home', 'mobile', 'Work', ''),
      primary: fc.constantFrom<unknown>(true, false, 'True', 'false', 1),
    },
    { requiredKeys: [] },
  )
  const pathless = fc.dictionary(
    fc.oneof(fc.constantFrom(...USER_PATHS, ...GROUP_PATHS), oddKey),
    fc.oneof(oddString, fc.boolean(), fc.constant(null), fc.array(typed, { maxLength: 2 })),
    { maxKeys: 5 },
  )
  const roles = ['[{"value":"member"}]', '[{"value":"org_admin","primary":true}]', '[', '{}']
  return fc.oneof(
    { weight: 3, arbitrary: oddString },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(true, false, 'True', 'False', 'yes', 0, 1) },
    { weight: 2, arbitrary: fc.array(member, { maxLength: 4 }) },
    { weight: 1, arbitrary: member },
    { weight: 2, arbitrary: fc.array(typed, { maxLength: 3 }) },
    { weight: 1, arbitrary: typed },
    { weight: 2, arbitrary: pathless },
    {
      weight: 1,
      arbitrary: fc.record({ givenName: oddString, familyName: oddJson }, { requiredKeys: [] }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...roles) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: oddJson },
    { weight: 1, arbitrary: bigArray(member) },
    { weight: 1, arbitrary: bigString.filter((s) => s.length <= 150_000) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 10, max: 2_000 }),
          fc.constantFrom<'array' | 'object'>('array', 'object'),
        )
        .map(([d, k]) => nested(d, k)),
    },
  )
}
