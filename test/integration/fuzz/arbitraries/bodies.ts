// Request bodies for every write route: near-valid resources and admin messages with one field
// broken, arbitrary JSON, deep nesting, big strings, huge arrays, and bytes that are not JSON.
import fc from 'fast-check'
import { fuzzFilter } from './filter-mutations'
import {
  almostJsonText,
  badBytes,
  bigArray,
  bigString,
  deepJsonIn,
  deepJsonText,
  nested,
  oddJson,
  oddKey,
} from './json'
import { CORE_GROUP, CORE_USER, ENTERPRISE, oddString, ROLE_EXT, SEARCH_REQUEST } from './words'

/** What goes on the wire: a JSON value (serialized by the test), raw text, or raw bytes. */
export type FuzzBody = { json: unknown } | { text: string } | { bytes: Uint8Array }

export function bodyInit(body: FuzzBody): BodyInit {
  if ('json' in body) return JSON.stringify(body.json) ?? 'undefined'
  return 'text' in body ? body.text : body.bytes
}

export function describeBody(body: FuzzBody): string {
  if ('json' in body) return JSON.stringify(body.json) ?? 'undefined'
  if ('text' in body) return `text ${JSON.stringify(body.text)}`
  return `bytes [${[...body.bytes.slice(0, 64)].join(',')}${body.bytes.length > 64 ? ',…' : ''}]`
}

/** Replaces, adds or deletes one key of `base` (keys in odd case included). */
function breakOne(base: Record<string, unknown>, keys: string[]): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    { weight: 4, arbitrary: oddJson },
    { weight: 1, arbitrary: bigString.filter((s) => s.length <= 150_000) },
    { weight: 1, arbitrary: bigArray(oddJson.filter((v) => JSON.stringify(v).length < 100)) },
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
  return fc.oneof(
    fc
      .tuple(fc.oneof(fc.constantFrom(...keys), oddKey), value)
      .map(([k, v]) => ({ ...base, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const { [k]: _gone, ...rest } = base
      return rest
    }),
    fc.constant(base),
  )
}

const userName = fc.stringMatching(/^[a-z]{4,10}@[a-z]{2,6}\.test$/)

export function userBody(ids: string[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(userName, oddString, fc.constantFrom(...ids, 'no-such-id'))
    .chain(([name, given, manager]) => {
      const base = {
        schemas: [CORE_USER, ENTERPRISE, ROLE_EXT],
        userName: name,
        externalId: `ext-${name}`,
        name: { givenName: given, familyName: 'Fuzz' },
        displayName: given,
        active: true,
        emails: [{ value: name, type: 'work', primary: true }],
        roles: [{ value: 'member', primary: 'True' }],
        groups: [],
        password: 'ignored',
        [ENTERPRISE]: { department: 'R&D', manager: { value: manager } },
        [ROLE_EXT]: { role: 'member' },
      }
      return breakOne(base, Object.keys(base))
    })
}

export function groupBody(ids: string[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(oddString, fc.array(fc.constantFrom(...ids, 'no-such-id'), { maxLength: 4 }))
    .chain(([displayName, members]) => {
      const base = {
        schemas: [
          CORE_GROUP,
          'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
        ],
        displayName: `G ${displayName}`,
        externalId: displayName,
        members: members.map((value) => ({ value })),
      }
      return breakOne(base, Object.keys(base))
    })
}

export const searchBody: fc.Arbitrary<unknown> = fc
  .record(
    {
      filter: fuzzFilter.filter((f) => f.length < 500),
      startIndex: fc.oneof(fc.integer({ min: -5, max: 50 }), oddJson),
      count: fc.oneof(fc.integer({ min: -5, max: 2_000 }), oddJson),
      sortBy: fc.oneof(
        fc.constantFrom('userName', 'displayName', 'meta.created', 'emails.value', 'nope'),
        oddJson,
      ),
      sortOrder: fc.oneof(fc.constantFrom('ascending', 'descending', 'DESCENDING', 'up'), oddJson),
      attributes: fc.oneof(fc.constantFrom('userName,emails', ['displayName'], 'members'), oddJson),
      excludedAttributes: fc.oneof(fc.constantFrom('members', ['emails']), oddJson),
      cursor: fc.oneof(fc.constant(''), oddString, oddJson),
    },
    { requiredKeys: [] },
  )
  .chain((fields) =>
    breakOne({ schemas: [SEARCH_REQUEST], ...fields }, ['schemas', ...Object.keys(fields)]),
  )

/**
 * Any body at all: shaped (via `shaped`), the same shapes with a deeply nested value where each
 * template says `$DEEP`, arbitrary JSON, deep nesting, near-JSON, non-JSON bytes.
 */
export function fuzzBody(
  shaped: fc.Arbitrary<unknown>,
  deep: string[] = [],
): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: 8, arbitrary: shaped.map((json) => ({ json })) },
    {
      weight: deep.length > 0 ? 1 : 0,
      arbitrary: fc
        .constantFrom('$DEEP', ...deep)
        .chain(deepJsonIn)
        .map((text) => ({ text })),
    },
    { weight: 2, arbitrary: oddJson.map((json) => ({ json })) },
    { weight: 1, arbitrary: deepJsonText.map((text) => ({ text })) },
    { weight: 2, arbitrary: almostJsonText.map((text) => ({ text })) },
    { weight: 2, arbitrary: badBytes.map((bytes) => ({ bytes })) },
  )
}

/** `$DEEP` slots in otherwise valid bodies: the nesting must be refused, not crash the writer. */
export const DEEP_TEMPLATES = {
  user: ['{"userName":"deep@x.test","title":$DEEP}', '{"userName":"deep2@x.test","zzz":$DEEP}'],
  group: ['{"displayName":"Deep","members":$DEEP}', '{"displayName":"Deep2","zzz":$DEEP}'],
  search: ['{"filter":"userName pr","attributes":$DEEP}'],
  admin: ['{"name":"Deep","settings":$DEEP}', '{"label":$DEEP}'],
}

// Admin API messages (src/http/routes/admin-schemas.ts), each with one field broken.

const isoLater = fc
  .integer({ min: -86_400_000, max: 400 * 86_400_000 })
  .map((ms) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString())

export const createOrgBody: fc.Arbitrary<unknown> = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/), oddString)
  .chain(([id, name]) => {
    const base = {
      id: `fz-${id}`,
      name: name.trim() === '' ? 'Fuzz' : name,
      settings: { groupPolicy: 'link-only', roleValues: ['member', 'admin'] },
    }
    return breakOne(base, Object.keys(base))
  })

export const tokenBody: fc.Arbitrary<unknown> = fc
  .tuple(oddString, fc.option(isoLater, { nil: null }))
  .chain(([label, expiresAt]) =>
    breakOne({ label: `L ${label}`, expiresAt }, ['label', 'expiresAt']),
  )

export const rotateBody: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: -10, max: 31 * 24 * 3600 }), oddString)
  .chain(([overlapSeconds, label]) =>
    breakOne({ overlapSeconds, label: `R ${label}` }, ['overlapSeconds', 'label']),
  )

export const settingsBody: fc.Arbitrary<unknown> = fc
  .record(
    {
      defaultTeamId: fc.oneof(fc.constant(null), oddString),
      groupPolicy: fc.constantFrom('full', 'link-only', 'FULL', ''),
      roleSchema: fc.constantFrom(ROLE_EXT, 'urn:acme:x:User', 'urn:acme:x:Group', 'not-a-urn'),
      roleValues: fc.array(fc.constantFrom('member', 'admin', 'Admin', 'a b', ''), {
        maxLength: 4,
      }),
      readsPerSecond: fc.constantFrom(1_000, 100_000, 0, 1.5, -1),
      writesPerSecond: fc.constantFrom(1_000, 100_000, 0, 1e9),
    },
    { requiredKeys: [] },
  )
  .chain((fields) => breakOne(fields, Object.keys(fields).length ? Object.keys(fields) : ['x']))
