// What every fuzz property shares: a tenant with its rate limits raised (a fuzz run is a flood by
// design), a digest of everything a request could change, and the checks on error responses.
import { env } from 'cloudflare:workers'
import { admin, createTestOrg, OPERATOR_KEY, scim, type TestOrg } from '../../helpers/api'

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'

/** RFC 7644 §3.12 Table 9, plus the RFC 9865 cursor keywords. */
export const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
  'invalidCursor',
  'expiredCursor',
  'invalidCount',
] as const

/** A fresh org whose read and write limits will not turn a fuzz run into a stream of 429s. */
export async function fuzzOrg(): Promise<TestOrg> {
  const org = await createTestOrg('Fuzz org')
  // Rate settings are optional: if this build has none, the defaults apply.
  const res = await admin(`/orgs/${org.orgId}/settings`, OPERATOR_KEY, {
    method: 'PATCH',
    json: { readsPerSecond: 100_000, writesPerSecond: 100_000 },
  })
  await res.body?.cancel()
  return org
}

/** Long text (a fuzzed 150 KB displayName) is compared by length, head and tail. */
const clip = (column: string) => `CASE WHEN length(${column}) > 4096
  THEN length(${column}) || ':' || substr(${column}, 1, 2048) || '…' || substr(${column}, -2048)
  ELSE ${column} END AS ${column}`
const clipped = (...columns: string[]) => columns.map(clip).join(', ')

/**
 * Every row a request for `orgId` could touch: the org, its tokens (minus `last_used_at`, which
 * any authenticated request may bump), users, teams, memberships, roles, the list of org ids
 * (for POST /admin/v1/orgs), and the events outbox. The outbox is append-only with a gap-free
 * `seq` (docs/storage.md), so it is summarized by its last seq and last rows: a long fuzz run
 * appends tens of thousands of events, and re-reading them per run would make it quadratic.
 */
export async function orgDigest(orgId: string): Promise<string> {
  const statements = [
    env.DB.prepare('SELECT * FROM orgs WHERE id = ?').bind(orgId),
    env.DB.prepare(
      `SELECT id, kind, label, prefix, secret_hash, created_at, expires_at, revoked_at, replaced_by
       FROM tokens WHERE org_id = ? ORDER BY rowid`,
    ).bind(orgId),
    env.DB.prepare(
      `SELECT seq, id, active, version, created_at, updated_at,
         ${clipped('user_name', 'user_name_key', 'external_id', 'display_name', 'data')}
       FROM users WHERE org_id = ? ORDER BY seq`,
    ).bind(orgId),
    env.DB.prepare(
      `SELECT seq, id, ${clipped('display_name', 'display_name_key', 'external_id', 'data')},
         member_count, version, created_at, updated_at FROM teams WHERE org_id = ? ORDER BY seq`,
    ).bind(orgId),
    env.DB.prepare('SELECT * FROM team_members WHERE org_id = ? ORDER BY rowid').bind(orgId),
    env.DB.prepare('SELECT * FROM role_assignments WHERE org_id = ? ORDER BY rowid').bind(orgId),
    env.DB.prepare('SELECT * FROM user_emails WHERE org_id = ? ORDER BY rowid').bind(orgId),
    env.DB.prepare('SELECT max(seq) AS last FROM events WHERE org_id = ?').bind(orgId),
    env.DB.prepare('SELECT * FROM events WHERE org_id = ? ORDER BY seq DESC LIMIT 5').bind(orgId),
    env.DB.prepare('SELECT id FROM orgs ORDER BY id'),
  ]
  const results = await env.DB.batch(statements)
  return JSON.stringify(results.map((r) => r.results))
}

/**
 * Deletes what a successful POST created, so that the org, and with it the cost of each
 * digest, stays the same size however many runs a long fuzz run makes.
 */
export async function discardCreated(org: TestOrg, ex: Exchange): Promise<void> {
  if (ex.status !== 201) return
  const body = parseJson(ex.text) as { id?: string; meta?: { resourceType?: string } } | undefined
  const type = body?.meta?.resourceType
  if (!body?.id || (type !== 'User' && type !== 'Group')) return
  const res = await scim(`/${type}s/${body.id}`, org.token, { method: 'DELETE' })
  if (res.status !== 204) throw new PropertyFailure(`could not delete the created ${type}`, ex)
}

/** One request and its answer, for failure messages (long bodies shortened). */
export interface Exchange {
  request: string
  status: number
  contentType: string | null
  wwwAuthenticate: string | null
  text: string
}

export async function exchange(request: string, res: Response): Promise<Exchange> {
  return {
    request,
    status: res.status,
    contentType: res.headers.get('Content-Type'),
    wwwAuthenticate: res.headers.get('WWW-Authenticate'),
    text: await res.text(),
  }
}

export function shorten(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text
}

export class PropertyFailure extends Error {
  constructor(why: string, ex: Exchange) {
    super(
      `${why}\n  request: ${shorten(ex.request)}\n  response: ${ex.status} ` +
        `${ex.contentType ?? '(no Content-Type)'} ${shorten(ex.text)}`,
    )
    this.name = 'PropertyFailure'
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export interface ScimErrorRules {
  /** scimType values allowed on a 400 (required on every 400); any RFC keyword when absent. */
  scimTypes?: readonly string[]
}

/** Throws unless `ex` is an RFC 7644 §3.12 error: media type, schemas, status string, detail. */
export function assertScimError(ex: Exchange, rules: ScimErrorRules = {}): void {
  const fail = (why: string) => {
    throw new PropertyFailure(why, ex)
  }
  if (ex.status >= 500) fail('5xx')
  if (!/^application\/scim\+json/i.test(ex.contentType ?? '')) fail('error is not SCIM JSON')
  const body = parseJson(ex.text)
  if (!isRecord(body)) return fail('error body is not a JSON object')
  if (JSON.stringify(body.schemas) !== JSON.stringify([SCIM_ERROR_SCHEMA])) fail('bad schemas')
  if (body.status !== String(ex.status)) fail('status is not the HTTP status as a string')
  if (typeof body.detail !== 'string') fail('detail is not a string')
  const allowed = rules.scimTypes ?? SCIM_TYPES
  if (ex.status === 400 && !allowed.includes(body.scimType as string)) {
    fail(`scimType ${JSON.stringify(body.scimType)} is not one of ${allowed.join(', ')}`)
  }
  if (body.scimType !== undefined && !SCIM_TYPES.includes(body.scimType as never)) {
    fail('scimType is not an RFC 7644 keyword')
  }
}

/** Throws unless `ex` is the admin API's `{"error":{"status","message"}}` JSON error. */
export function assertAdminError(ex: Exchange): void {
  const fail = (why: string) => {
    throw new PropertyFailure(why, ex)
  }
  if (ex.status >= 500) fail('5xx')
  if (!/^application\/json/i.test(ex.contentType ?? '')) fail('error is not JSON')
  const body = parseJson(ex.text)
  if (!isRecord(body) || !isRecord(body.error)) return fail('no "error" object')
  if (body.error.status !== ex.status) fail('error.status is not the HTTP status')
  if (typeof body.error.message !== 'string') fail('error.message is not a string')
}

/** Names of the digest's parts, in orgDigest's order, for failure messages. */
const DIGEST_PARTS = [
  'orgs row',
  'tokens',
  'users',
  'teams',
  'team_members',
  'role_assignments',
  'user_emails',
  'last event seq',
  'last events',
  'org ids',
]

/** A rejected request must leave the org exactly as it found it. */
export function assertUnchanged(before: string, after: string, ex: Exchange): void {
  if (before === after) return
  const [was, now] = [JSON.parse(before), JSON.parse(after)] as unknown[][]
  const changed = DIGEST_PARTS.flatMap((name, i) => {
    const [a, b] = [JSON.stringify(was[i]), JSON.stringify(now[i])]
    return a === b
      ? []
      : [`${name}\n    before: ${shorten(a, 1500)}\n    after:  ${shorten(b, 1500)}`]
  })
  throw new PropertyFailure(`rejected request changed state: ${changed.join('\n  ')}`, ex)
}
