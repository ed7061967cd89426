// PatchOp bodies (RFC 7644 §3.5.2) for fuzzing: envelopes in any case, plausible operations that
// succeed (so a later bad one must undo them), wild operations, Okta-sized bulk member pushes.
import fc from 'fast-check'
import type { FuzzBody } from './bodies'
import { bigArray, deepJsonIn, oddJson, oddKey } from './json'
import { pathArb, type Kind, type PatchTargets } from './patch-paths'
import { valueArb } from './patch-values'
import { ENTERPRISE, oddString, PATCH_OP, randomCase, ROLE_EXT, words } from './words'

const opName = (names: string) => fc.constantFrom(...words(names)).chain(randomCase)

function plausibleGroupOperation(t: PatchTargets, text: fc.Arbitrary<string>) {
  const anyId = fc.constantFrom(...t.userIds, ...t.groupIds, 'no-such-id')
  return fc.oneof(
    fc
      .tuple(opName('replace add'), fc.constantFrom('displayName', 'externalId'), text)
      .map(([op, path, value]) => ({ op, path, value })),
    fc
      .tuple(opName('add remove replace'), fc.array(anyId, { maxLength: 3 }))
      .map(([op, ids]) => ({ op, path: 'members', value: ids.map((value) => ({ value })) })),
    anyId.map((value) => ({ op: 'remove', path: `members[value eq "${value}"]` })),
    fc
      .tuple(opName('replace'), text, fc.constantFrom(...t.groupIds))
      .map(([op, displayName, id]) => ({ op, value: { id, displayName } })),
  )
}

function plausibleUserOperation(t: PatchTargets, text: fc.Arbitrary<string>) {
  const manager = fc.constantFrom(...t.userIds)
  const stringPath = fc.constantFrom(
    ...words('displayName nickName title name.givenName externalId userType locale userName'),
    `${ENTERPRISE}:department`,
    `${ENTERPRISE}:employeeNumber`,
    'emails[type eq "work"].value',
    'phoneNumbers[type eq "mobile"].value',
    'addresses[type eq "work"].postalCode',
  )
  const bool = fc.constantFrom<unknown>(true, false, 'True', 'False')
  const typed = fc.record({
    value: text,
    type: fc.constantFrom('work', 'home', 'other'),
    primary: bool,
  })
  const removable = [...words('title name.givenName roles phoneNumbers'), 'emails[type eq "home"]']
  return fc.oneof(
    fc
      .tuple(opName('replace add'), stringPath, text)
      .map(([op, path, value]) => ({ op, path, value })),
    fc.tuple(opName('replace'), bool).map(([op, active]) => ({ op, value: { active } })),
    fc
      .tuple(opName('add replace'), fc.array(typed, { minLength: 1, maxLength: 2 }))
      .map(([op, value]) => ({ op, path: 'emails', value })),
    fc
      .tuple(
        opName('add replace'),
        fc.constantFrom(...words('member team_admin org_admin root MEMBER')),
      )
      .map(([op, value]) => ({ op, path: `${ROLE_EXT}:role`, value })),
    fc
      .tuple(
        opName('add replace'),
        fc.constantFrom('[{"value":"member"}]', '[{"value":"org_admin","primary":true}]'),
      )
      .map(([op, value]) => ({ op, path: 'roles', value })),
    fc
      .tuple(opName('add replace'), manager, fc.constantFrom('bare', 'object', 'array'))
      .map(([op, value, shape]) => ({
        op,
        path: `${ENTERPRISE}:manager`,
        value: shape === 'bare' ? value : shape === 'object' ? { value } : [{ value }],
      })),
    fc.tuple(opName('replace add'), text, text).map(([op, given, number]) => ({
      op,
      value: { 'name.givenName': given, [`${ENTERPRISE}:employeeNumber`]: number },
    })),
    fc.constantFrom(...removable, `${ENTERPRISE}:manager`).map((path) => ({ op: 'remove', path })),
  )
}

/** Well-formed operations with fitting values (IDP-COMPAT shapes): most of them succeed. */
function plausibleOperation(kind: Kind, t: PatchTargets): fc.Arbitrary<unknown> {
  const text = fc.oneof(
    oddString.filter((v) => v.trim() !== ''),
    fc.constantFrom('Sales', 'grace@example.com'),
  )
  return kind === 'Group' ? plausibleGroupOperation(t, text) : plausibleUserOperation(t, text)
}

/** Any op name, path and value, with member names in odd case (`OP`, `Path`, `VALUE`). */
function wildOperation(kind: Kind, t: PatchTargets): fc.Arbitrary<unknown> {
  const op = fc.oneof(
    { weight: 8, arbitrary: opName('add remove replace') },
    { weight: 1, arbitrary: fc.constantFrom('move', 'copy', 'test', '', ' add', 'delete') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, null, ['add']) },
  )
  const key = (name: string) =>
    fc.oneof({ weight: 5, arbitrary: fc.constant(name) }, randomCase(name))
  return fc
    .record(
      {
        op,
        path: pathArb(kind, t),
        value: valueArb(t),
        opKey: key('op'),
        pathKey: key('path'),
        valueKey: key('value'),
      },
      { requiredKeys: ['op', 'opKey', 'pathKey', 'valueKey'] },
    )
    .map(({ opKey, pathKey, valueKey, ...o }) => {
      const out: Record<string, unknown> = { [opKey]: o.op }
      if ('path' in o) out[pathKey] = o.path
      if ('value' in o) out[valueKey] = o.value
      return out
    })
}

/** Okta pushes up to 100–1000 small operations in one PATCH (IDP-COMPAT); these are that shape. */
function bulkOperation(t: PatchTargets): fc.Arbitrary<unknown> {
  const ids = [...t.userIds, ...t.groupIds, 'no-such-id']
  return fc.oneof(
    fc
      .tuple(fc.constantFrom('add', 'remove', 'Add'), fc.constantFrom(...ids))
      .map(([op, value]) => ({ op, path: 'members', value: [{ value }] })),
    fc.constantFrom(...ids).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
    oddString.map((value) => ({ op: 'replace', path: 'displayName', value })),
    fc.constantFrom(true, 'False').map((active) => ({ op: 'replace', value: { active } })),
  )
}

/** Deeply nested values where an IdP puts values, sent as text (see json.ts deepJsonText). */
const DEEP_PATCHES = [
  `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"title","value":$DEEP}]}`,
  `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"members","value":$DEEP}]}`,
  '{"Operations":[{"op":"replace","value":{"zzz":$DEEP}}]}',
]

/** A whole PATCH body: mostly a PatchOp envelope, sometimes a broken one or not an object. */
export function patchBodyArb(kind: Kind, t: PatchTargets): fc.Arbitrary<FuzzBody> {
  const operation = fc.oneof(
    { weight: 6, arbitrary: plausibleOperation(kind, t) },
    { weight: 5, arbitrary: wildOperation(kind, t) },
    { weight: 1, arbitrary: oddJson },
  )
  const operations = fc.oneof(
    { weight: 8, arbitrary: fc.array(operation, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: bigArray(bulkOperation(t)).map((ops) => ops.slice(0, 1_000)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constant(null),
        oddString,
        fc.integer(),
        fc.dictionary(oddKey, oddJson, { maxKeys: 3 }),
      ),
    },
  )
  const schemas = fc.oneof(
    { weight: 8, arbitrary: fc.constant([PATCH_OP]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        PATCH_OP,
        PATCH_OP.toUpperCase(),
        [],
        ['urn:x'],
        null,
        [1],
      ),
    },
  )
  const opsKey = fc.constantFrom('Operations', 'operations', 'OPERATIONS')
  const envelope = fc
    .record({ schemas, Operations: operations, opsKey }, { requiredKeys: ['opsKey', 'Operations'] })
    .map(({ opsKey: key, ...body }) => ({
      ...('schemas' in body ? { schemas: body.schemas } : {}),
      [key]: body.Operations,
    }))
  return fc.oneof(
    { weight: 9, arbitrary: envelope.map((json) => ({ json })) },
    { weight: 1, arbitrary: oddJson.map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...DEEP_PATCHES)
        .chain(deepJsonIn)
        .map((text) => ({ text })),
    },
  )
}
