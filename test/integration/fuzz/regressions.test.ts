// The minimal counterexamples the fuzz properties found, kept as tables so that each stays fixed.
// Each row is replayed against a fresh org and held to the same property as the fuzzer's.
import { describe, it } from 'vitest'
import { scim } from '../../helpers/api'
import { createGroup, createUser, send } from '../../helpers/resources'
import { exchange, fuzzOrg, orgDigest } from './harness'
import { assertFilterAnswer, assertPatchAnswer, assertScimWriteAnswer } from './properties'

const terms = (term: string, joiner: 'and' | 'or', n: number) =>
  Array<string>(n).fill(term).join(` ${joiner} `)

/**
 * Filters under the term cap (200) whose SQL nested deeper than SQLite's expression limit (100):
 * `D1_ERROR: Expression tree is too large (maximum depth 100)` → 500. One term fewer answered 200.
 */
const DEEP_SQL_FILTERS: [string, 'Users' | 'Groups', string][] = [
  ['97 × userName pr, or', 'Users', terms('userName pr', 'or', 97)],
  ['97 × userName pr, and', 'Users', terms('userName pr', 'and', 97)],
  ['98 × active eq true, or', 'Users', terms('active eq true', 'or', 98)],
  ['98 × meta.created pr, or', 'Users', terms('meta.created pr', 'or', 98)],
  ['82 × emails pr, or', 'Users', terms('emails pr', 'or', 82)],
  ['88 × emails[type pr], or', 'Users', terms('emails[type pr]', 'or', 88)],
  ['97 × displayName pr, or', 'Groups', terms('displayName pr', 'or', 97)],
  ['47 × members pr, and', 'Groups', terms('members pr', 'and', 47)],
]

/**
 * Once the SQL was balanced (depth no longer the limit), presence tests on multi-valued attributes
 * grew the statement past D1's size limit: `D1_ERROR: statement too long: SQLITE_TOOBIG` → 500.
 */
const LONG_SQL_FILTERS: [string, 'Users' | 'Groups', string][] = [
  ['181 × emails pr, or (2,349 characters)', 'Users', terms('emails pr', 'or', 181)],
]

describe('regressions: filters answer 200 or 400 invalidFilter, never 5xx', () => {
  it.each([...DEEP_SQL_FILTERS, ...LONG_SQL_FILTERS])(
    '%s on /%s (GET ?filter=, POST …/.search, POST /.search)',
    async (_name, resource, filter) => {
      const org = await fuzzOrg()
      await createUser(org, 'ada@example.com', { emails: [{ value: 'a@x.test', type: 'work' }] })
      await createGroup(org, 'Engineering')
      const path = `/${resource}?${new URLSearchParams({ filter })}`
      assertFilterAnswer(await exchange(`GET ${path}`, await scim(path, org.token)))
      for (const search of [`/${resource}/.search`, '/.search']) {
        const res = await send(org, 'POST', search, { filter })
        assertFilterAnswer(await exchange(`POST ${search} {"filter": …}`, res))
      }
    },
  )
})

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/**
 * Deeply nested JSON (a few KB, far under the 1 MiB limit) reached the org writer's RPC, which
 * overflowed the stack: 503 "The write could not be confirmed; retry it." (an IdP retries it
 * forever). One level less answered 400 (or 200, for the ignored key of the last row).
 */
const DEEP_BODIES: [string, 'POST' | 'PUT' | 'PATCH', string, (d: number) => string, number][] = [
  ['3,582 nested arrays', 'POST', '/Users', arrays, 3_582],
  ['2,445 nested objects', 'POST', '/Users', objects, 2_445],
  ['3,582 nested arrays', 'POST', '/Groups', arrays, 3_582],
  ['3,582 nested arrays', 'PUT', '/Users/{user}', arrays, 3_582],
  ['3,582 nested arrays', 'PUT', '/Groups/{group}', arrays, 3_582],
  [
    'userName plus 3,581 nested arrays under an unknown key',
    'POST',
    '/Users',
    (d) => `{"userName":"x@y.test","zzz":${arrays(d)}}`,
    3_581,
  ],
  [
    'a PatchOp value of 3,580 nested arrays',
    'PATCH',
    '/Users/{user}',
    (d) =>
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"title","value":${arrays(d)}}]}`,
    3_580,
  ],
  [
    'a pathless PatchOp value with 3,579 nested arrays under an unknown key',
    'PATCH',
    '/Users/{user}',
    (d) => `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","value":{"zzz":${arrays(d)}}}]}`,
    3_579,
  ],
]

describe('regressions: deeply nested bodies are a 4xx that changes nothing, never 5xx', () => {
  it.each(DEEP_BODIES)('%s: %s %s', async (_name, method, template, body, depth) => {
    const org = await fuzzOrg()
    const user = await createUser(org, 'ada@example.com')
    const group = await createGroup(org, 'Engineering')
    const path = template.replace('{user}', user.id).replace('{group}', group.id)
    for (const d of [depth, 10 * depth]) {
      const before = await orgDigest(org.orgId)
      const res = await scim(path, org.token, {
        method,
        headers: { 'Content-Type': 'application/scim+json' },
        body: body(d),
      })
      const ex = await exchange(`${method} ${path} (${d} levels)`, res)
      const after = () => orgDigest(org.orgId)
      if (method === 'PATCH') await assertPatchAnswer(ex, 'User', before, after)
      else await assertScimWriteAnswer(ex, before, after)
    }
  })
})
