// Request headers for fuzzing: Authorization in every shape clients get wrong, Content-Type and
// Accept variants (parameters, case, multipart, missing), conditional and stray headers.
import fc from 'fast-check'
import { PATCH_OP, SEARCH_REQUEST } from './words'

/** Credentials the generators may use; the token is the org's real SCIM token. */
export interface Credentials {
  token: string
  adminKey: string
  operatorKey: string
}

export interface AuthVariant {
  /** undefined: no Authorization header at all. */
  header: string | undefined
  /** RFC 6750 §2.1 forms the server must accept (scheme in any case, 1*SP). */
  valid: boolean
}

/**
 * Printable ASCII. Header values are ByteStrings; workerd sends Latin-1 above 0x7F as UTF-8 with a
 * warning per header, so non-ASCII comes only from the few fixed cases below.
 */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
})

export function authVariant(c: Credentials): fc.Arbitrary<AuthVariant> {
  const t = c.token
  const valid = fc.constantFrom(
    `Bearer ${t}`,
    `bearer ${t}`,
    `BEARER ${t}`,
    `Bearer  ${t}`,
    ` Bearer ${t} `,
  )
  const invalid = fc.oneof(
    fc.constantFrom(
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Bearer\t${t}`,
      `Bearer ${t} ${t}`,
      `Bearer ${t},Bearer ${t}`,
      `Bearer ${t}x`,
      `Bearer ${t.slice(0, -1)}`,
      `Bearer "${t}"`,
      `Token ${t}`,
      `${t}`,
      `Basic ${btoa('user:pass')}`,
      `Basic ${btoa(`${t}:`)}`,
      `Bearer ${c.adminKey}`,
      `Bearer ${c.operatorKey}`,
      `Bearer ${t}\u00e9`,
      'Bearer \u00e9\u00e8\u00ff',
      `Bearer scim_${'A'.repeat(43)}`,
      `Bearer ${'A'.repeat(16 * 1024)}`,
      `Bearer scim_${'A'.repeat(16 * 1024)}`,
      'x'.repeat(16 * 1024),
    ),
    headerText,
    headerText.map((s) => `Bearer ${s}`),
  )
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((header) => ({ header, valid: true })) },
    { weight: 4, arbitrary: invalid.map((header) => ({ header, valid: false })) },
  )
}

export const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/scim+json',
    'application/json',
    'application/scim+json; charset=utf-8',
    'application/json;charset=UTF-8',
    'APPLICATION/SCIM+JSON',
    'Application/Json; Charset="utf-8"',
    'application/scim+json; charset=headerText',
    'application/json; boundary=x',
    ' application/json ',
    'application/scim+json, application/json',
    'application/scim',
    'application/scim+jsonx',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'text/plain',
    'text/html',
    'application/xml',
    '*/*',
    '',
    ';',
    'application/json; charset',
  ),
  headerText,
)

export const accept = fc.oneof(
  fc.constantFrom(
    undefined,
    '*/*',
    'application/scim+json',
    'application/json',
    'application/json;q=0.1, text/html;q=0.9',
    'text/html',
    'application/xml',
    'image/png',
    '',
    'application/scim+json; charset=iso-8859-1',
  ),
  headerText,
  fc.constant('text/html,'.repeat(1_000)),
)

/** Conditional and stray headers; `If-None-Match` may turn a GET into a 304. */
export const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'If-Match',
    'If-None-Match',
    'X-HTTP-Method-Override',
    'Content-Encoding',
    'Accept-Charset',
    'Accept-Encoding',
    'Cookie',
    'X-Forwarded-For',
    'User-Agent',
    'Prefer',
  ),
  fc.oneof(
    fc.constantFrom('*', 'W/"1"', '"1"', 'W/"999"', '"garbage', 'W/', 'DELETE', 'gzip', 'br', ''),
    headerText,
  ),
  { maxKeys: 3 },
)

/** A SCIM request to send with fuzzed headers: reads, writes, discovery, search. */
export interface HeaderTarget {
  method: string
  path: string
  body?: string
}

export function headerTarget(userId: string, groupId: string): fc.Arbitrary<HeaderTarget> {
  const patchOf = (...Operations: unknown[]) => JSON.stringify({ schemas: [PATCH_OP], Operations })
  return fc.oneof(
    fc.constantFrom<HeaderTarget>(
      { method: 'GET', path: '/Users' },
      { method: 'GET', path: `/Users/${userId}` },
      { method: 'GET', path: '/Groups?filter=displayName+eq+%22Engineering%22' },
      { method: 'GET', path: `/Groups/${groupId}?excludedAttributes=members` },
      { method: 'GET', path: '/ServiceProviderConfig' },
      { method: 'GET', path: '/Schemas' },
      { method: 'GET', path: '/ResourceTypes' },
      { method: 'DELETE', path: '/Users/no-such-id' },
      {
        method: 'PATCH',
        path: `/Users/${userId}`,
        body: patchOf({ op: 'replace', path: 'title', value: 'Countess' }),
      },
      {
        method: 'PATCH',
        path: `/Groups/${groupId}`,
        body: patchOf({ op: 'add', path: 'members', value: [{ value: userId }] }),
      },
      {
        method: 'PUT',
        path: `/Groups/${groupId}`,
        body: JSON.stringify({ displayName: 'Engineering', members: [{ value: userId }] }),
      },
      { method: 'POST', path: '/.search', body: JSON.stringify({ schemas: [SEARCH_REQUEST] }) },
      { method: 'POST', path: '/Users/.search', body: '{"filter":"userName pr"}' },
      {
        method: 'POST',
        path: '/Users',
        body: '--xyz\r\nContent-Disposition: form-data\r\n\r\n{}\r\n--xyz--',
      },
    ),
    fc.stringMatching(/^[a-z]{6,12}$/).map((name) => ({
      method: 'POST',
      path: '/Users',
      body: JSON.stringify({ userName: `${name}@h.test` }),
    })),
  )
}

export interface HeaderSet {
  headers: Headers
  /** A well-formed bearer credential (RFC 6750 §2.1) is among them. */
  validAuth: boolean
}

/** Authorization, Content-Type, Accept and stray headers, each possibly absent. */
export function headerSet(c: Credentials): fc.Arbitrary<HeaderSet> {
  return fc
    .tuple(authVariant(c), contentType, accept, extraHeaders)
    .map(([auth, type, acceptValue, extra]) => {
      const headers = new Headers(extra)
      if (auth.header !== undefined) headers.set('Authorization', auth.header)
      if (type !== undefined) headers.set('Content-Type', type)
      if (acceptValue !== undefined) headers.set('Accept', acceptValue)
      return { headers, validAuth: auth.valid }
    })
}

/** Headers for failure messages, long values shortened. */
export function describeHeaders(headers: Headers): string {
  const shown = [...headers].map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}…` : v}`)
  return `[${shown.join(' | ')}]`
}
