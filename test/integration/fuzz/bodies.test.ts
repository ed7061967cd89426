// Fuzzing the bodies of every write route. SCIM routes answer RFC 7644 §3.12 errors, admin routes
// `{"error":{status,message}}`; never a 5xx; a refused request leaves the org as it was.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { admin, OPERATOR_KEY, scim } from '../../helpers/api'
import { createGroup, createUser } from '../../helpers/resources'
import {
  bodyInit,
  createOrgBody,
  DEEP_TEMPLATES,
  describeBody,
  fuzzBody,
  groupBody,
  rotateBody,
  searchBody,
  settingsBody,
  tokenBody,
  userBody,
  type FuzzBody,
} from './arbitraries'
import { fuzzSettings } from './config'
import { discardCreated, exchange, fuzzOrg, orgDigest } from './harness'
import { assertAdminWriteAnswer, assertScimWriteAnswer } from './properties'

interface Route {
  method: string
  path: string
  body: FuzzBody
}

const JSON_TYPES = [
  'application/scim+json',
  'application/json',
  'application/scim+json; charset=utf-8',
]

describe('fuzz: request bodies', () => {
  it(
    'SCIM write routes: never 5xx, SCIM errors, refusals change nothing',
    async () => {
      const settings = fuzzSettings('scimBodies')
      const org = await fuzzOrg()
      const user = await createUser(org, 'ada@example.com')
      const other = await createUser(org, 'grace@example.com')
      const group = await createGroup(org, 'Engineering', { members: [{ value: user.id }] })
      await createGroup(org, 'Sales')
      const ids = [user.id, other.id, group.id]
      const route = (method: string, path: string, shaped: fc.Arbitrary<unknown>, deep: string[]) =>
        fuzzBody(shaped, deep).map((body): Route => ({ method, path, body }))
      const routes = fc.oneof(
        route('POST', '/Users', userBody(ids), DEEP_TEMPLATES.user),
        route('PUT', `/Users/${user.id}`, userBody(ids), DEEP_TEMPLATES.user),
        route('POST', '/Groups', groupBody(ids), DEEP_TEMPLATES.group),
        route('PUT', `/Groups/${group.id}`, groupBody(ids), DEEP_TEMPLATES.group),
        route('POST', '/Users/.search', searchBody, DEEP_TEMPLATES.search),
        route('POST', '/Groups/.search', searchBody, DEEP_TEMPLATES.search),
        route('POST', '/.search', searchBody, DEEP_TEMPLATES.search),
      )
      await fc.assert(
        fc.asyncProperty(routes, fc.constantFrom(...JSON_TYPES), async (r, type) => {
          const before = await orgDigest(org.orgId)
          const res = await scim(r.path, org.token, {
            method: r.method,
            headers: { 'Content-Type': type },
            body: bodyInit(r.body),
          })
          const ex = await exchange(`${r.method} ${r.path} (${type}) ${describeBody(r.body)}`, res)
          await assertScimWriteAnswer(ex, before, () => orgDigest(org.orgId))
          await discardCreated(org, ex)
        }),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzSettings('scimBodies').timeout,
  )

  it(
    'admin write routes: never 5xx, JSON errors, refusals change nothing',
    async () => {
      const settings = fuzzSettings('adminBodies')
      const org = await fuzzOrg()
      const base = `/orgs/${org.orgId}`
      const route = (method: string, path: string, key: string, shaped: fc.Arbitrary<unknown>) =>
        fuzzBody(shaped, DEEP_TEMPLATES.admin).map((body) => ({ method, path, key, body }))
      const routes = fc.oneof(
        route('POST', '/orgs', OPERATOR_KEY, createOrgBody),
        route('POST', `${base}/admin-keys`, OPERATOR_KEY, tokenBody),
        route('POST', `${base}/tokens`, org.adminKey, tokenBody),
        route('POST', `${base}/tokens/${org.tokenId}/rotate`, org.adminKey, rotateBody),
        route('PATCH', `${base}/settings`, org.adminKey, settingsBody),
      )
      await fc.assert(
        fc.asyncProperty(routes, async (r) => {
          const before = await orgDigest(org.orgId)
          const res = await admin(r.path, r.key, {
            method: r.method,
            headers: { 'Content-Type': 'application/json' },
            body: bodyInit(r.body),
          })
          const ex = await exchange(`${r.method} /admin/v1${r.path} ${describeBody(r.body)}`, res)
          await assertAdminWriteAnswer(ex, before, () => orgDigest(org.orgId))
        }),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzSettings('adminBodies').timeout,
  )
})
