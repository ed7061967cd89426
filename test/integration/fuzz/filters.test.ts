// Fuzzing filters (RFC 7644 §3.4.2.2) through GET ?filter= and POST /.search: whatever the text,
// the answer is a 200 ListResponse or a 400 invalidFilter/invalidValue SCIM error, never a 5xx.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { scim, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, send } from '../../helpers/resources'
import { fuzzSettings, fuzzTimeout } from './config'
import { filterQuery, fuzzFilter, queryEncoding, SEARCH_REQUEST } from './arbitraries'
import { exchange, fuzzOrg } from './harness'
import { assertFilterAnswer } from './properties'

/** A few users and groups, so that a 200 has rows to match and members to join. */
async function seededOrg(): Promise<TestOrg> {
  const org = await fuzzOrg()
  const ada = await createUser(org, 'ada@example.com', {
    externalId: 'ext-ada',
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: 'ada@work.example', type: 'work', primary: true }],
    roles: [{ value: 'member', primary: true }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
  })
  const bob = await createUser(org, 'Bob.Été@example.com', { active: false, title: 'ß' })
  await createGroup(org, 'Engineering', { members: [{ value: ada.id }, { value: bob.id }] })
  await createGroup(org, 'Ünïcode ☃')
  return org
}

describe('fuzz: filters', () => {
  it.each(['Users', 'Groups'] as const)(
    'GET /%s?filter=… answers 200 or a 400 filter error',
    async (resource) => {
      const settings = fuzzSettings(resource === 'Users' ? 'filterUsers' : 'filterGroups')
      const org = await seededOrg()
      await fc.assert(
        fc.asyncProperty(fuzzFilter, queryEncoding, async (filter, encoding) => {
          const path = `/${resource}?${filterQuery(filter, encoding)}`
          const res = await scim(path, org.token)
          assertFilterAnswer(await exchange(`GET ${path}`, res))
        }),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzTimeout('filterUsers', 'filterGroups'),
  )

  it(
    'POST /.search with a fuzzed filter answers 200 or a 400 filter error',
    async () => {
      const settings = fuzzSettings('filterSearch')
      const org = await seededOrg()
      const endpoint = fc.constantFrom('/Users/.search', '/Groups/.search', '/.search')
      await fc.assert(
        fc.asyncProperty(endpoint, fuzzFilter, async (path, filter) => {
          const body = { schemas: [SEARCH_REQUEST], filter }
          const res = await send(org, 'POST', path, body)
          assertFilterAnswer(await exchange(`POST ${path} ${JSON.stringify(body)}`, res))
        }),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzSettings('filterSearch').timeout,
  )
})
