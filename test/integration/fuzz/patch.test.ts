// Fuzzing PATCH (RFC 7644 §3.5.2) on a real user and a real group: never a 5xx, every refusal a
// well-formed SCIM error, and a refused PATCH changes nothing at all (§3.5.2: atomic).
import fc from 'fast-check'
import { describe, it } from 'vitest'
import type { TestOrg } from '../../helpers/api'
import { scim } from '../../helpers/api'
import { createGroup, createUser, JSON_BODY } from '../../helpers/resources'
import { bodyInit, describeBody, patchBodyArb, type PatchTargets } from './arbitraries'
import { fuzzSettings, fuzzTimeout } from './config'
import { exchange, fuzzOrg, orgDigest } from './harness'
import { assertPatchAnswer } from './properties'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

/** An org with a fully populated user, two more users and two groups (one with members). */
async function patchFixture(): Promise<
  { org: TestOrg; user: string; group: string } & PatchTargets
> {
  const org = await fuzzOrg()
  const other = await createUser(org, 'grace@example.com', { externalId: 'ext-grace' })
  const user = await createUser(org, 'ada@example.com', {
    externalId: 'ext-ada',
    displayName: 'Ada',
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'ada@work.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
    addresses: [{ type: 'work', postalCode: '12345' }],
    roles: [{ value: 'member', primary: true }],
    [ENTERPRISE]: { department: 'R&D', manager: { value: other.id } },
  })
  const third = await createUser(org, 'bob@example.com', { active: false })
  const group = await createGroup(org, 'Engineering', {
    members: [{ value: user.id }, { value: other.id }],
  })
  const empty = await createGroup(org, 'Sales')
  return {
    org,
    user: user.id,
    group: group.id,
    userIds: [user.id, other.id, third.id],
    groupIds: [group.id, empty.id],
  }
}

describe('fuzz: PATCH', () => {
  it.each(['User', 'Group'] as const)(
    'PATCH /%ss/{id} never 5xx, errors well-formed, refusals change nothing',
    async (kind) => {
      const settings = fuzzSettings(kind === 'User' ? 'patchUsers' : 'patchGroups')
      const fixture = await patchFixture()
      const path = kind === 'User' ? `/Users/${fixture.user}` : `/Groups/${fixture.group}`
      await fc.assert(
        fc.asyncProperty(patchBodyArb(kind, fixture), async (body) => {
          const before = await orgDigest(fixture.org.orgId)
          const init = { method: 'PATCH', headers: JSON_BODY, body: bodyInit(body) }
          const res = await scim(path, fixture.org.token, init)
          const ex = await exchange(`PATCH ${path} ${describeBody(body)}`, res)
          await assertPatchAnswer(ex, kind, before, () => orgDigest(fixture.org.orgId))
        }),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzTimeout('patchUsers', 'patchGroups'),
  )
})
