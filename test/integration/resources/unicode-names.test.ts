// Unicode identity (scim/identity.ts): userName and displayName are one name whatever their case,
// Unicode normalization form or width — for the 409 and for the filter an IdP links with alike —
// and names with control characters or beyond 1,024 characters are refused.
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, scim } from '../../helpers/api'
import { createGroup, createUser, getJson, patch, send, type Json } from '../../helpers/resources'

const ids = (list: Json): string[] => list.Resources.map((r: Json) => r.id)
const filtered = (path: string, filter: string) => `${path}?filter=${encodeURIComponent(filter)}`

describe('one name, however it is spelled', () => {
  it.each([
    ['NFC then NFD', 'Jos\u00e9@example.com', 'Jose\u0301@example.com'],
    ['upper then lower (non-ASCII)', 'ÉMILE@example.com', 'émile@example.com'],
    ['sharp s then ss', 'straße@example.com', 'STRASSE@example.com'],
    ['fullwidth then ASCII', 'ｊｏｅ@example.com', 'JOE@example.com'],
  ])(
    'userName: %s → 409 uniqueness, and `userName eq` finds the first',
    async (_case, first, second) => {
      const org = await createTestOrg()
      const user = await createUser(org, first)
      await expectScimError(
        await send(org, 'POST', '/Users', { userName: second }),
        409,
        'uniqueness',
      )
      const found = await getJson(org, filtered('/Users', `userName eq "${second}"`))
      expect(ids(found)).toEqual([user.id])
      expect(found.Resources[0].userName).toBe(first) // stored as sent
    },
  )

  it('group displayName: ÉQUIPE and équipe are one team (409, and the filter finds it)', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, 'ÉQUIPE')
    await expectScimError(
      await send(org, 'POST', '/Groups', { displayName: 'équipe' }),
      409,
      'uniqueness',
    )
    expect(ids(await getJson(org, filtered('/Groups', 'displayName eq "équipe"')))).toEqual([
      group.id,
    ])
  })

  it('user displayName filters and sorting use the same fold', async () => {
    const org = await createTestOrg()
    const a = await createUser(org, 'a@x.test', { displayName: 'Ängel Adams' })
    const b = await createUser(org, 'b@x.test', { displayName: 'ängel zed' })
    expect(ids(await getJson(org, filtered('/Users', 'displayName sw "ÄNGEL"')))).toEqual([
      a.id,
      b.id,
    ])
    expect(ids(await getJson(org, filtered('/Users', 'displayName eq "ängel ADAMS"')))).toEqual([
      a.id,
    ])
    const sorted = await getJson(org, '/Users?sortBy=displayName&sortOrder=descending')
    expect(ids(sorted)).toEqual([b.id, a.id])
  })

  it('a rename to another spelling of a taken name is 409 too (PATCH and PUT)', async () => {
    const org = await createTestOrg()
    await createUser(org, 'Zoë@x.test')
    const other = await createUser(org, 'other@x.test')
    const renamed = await patch(org, `/Users/${other.id}`, {
      op: 'replace',
      path: 'userName',
      value: 'ZOË@x.test',
    })
    await expectScimError(renamed, 409, 'uniqueness')
    const put = await send(org, 'PUT', `/Users/${other.id}`, { userName: 'Zoe\u0308@X.TEST' })
    await expectScimError(put, 409, 'uniqueness')
  })
})

describe('what a name may contain', () => {
  const bad = [
    ['userName', { userName: 'tab\there@x.test' }],
    ['userName', { userName: 'nul\u0000@x.test' }],
    ['displayName', { userName: 'ok@x.test', displayName: 'line\nbreak' }],
    ['externalId', { userName: 'ok2@x.test', externalId: 'x\u0085' }],
    ['userName', { userName: 'lone\ud800@x.test' }],
    ['userName', { userName: `${'a'.repeat(1020)}@x.te` }],
  ] as const

  it.each(bad)('POST /Users with a bad %s → 400 invalidValue', async (_attr, body) => {
    const org = await createTestOrg()
    await expectScimError(await send(org, 'POST', '/Users', body), 400, 'invalidValue')
    expect((await getJson(org, '/Users')).totalResults).toBe(0)
  })

  it('PATCH and PUT refuse them too, and change nothing', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'fine@x.test')
    const viaPatch = await patch(org, `/Users/${user.id}`, {
      op: 'replace',
      path: 'displayName',
      value: 'bell\u0007',
    })
    await expectScimError(viaPatch, 400, 'invalidValue')
    const viaPut = await send(org, 'PUT', `/Users/${user.id}`, { userName: 'x\u001b@x.test' })
    await expectScimError(viaPut, 400, 'invalidValue')
    const group = await createGroup(org, 'Team')
    const rename = await patch(org, `/Groups/${group.id}`, {
      op: 'replace',
      path: 'displayName',
      value: 'Team\u0000',
    })
    await expectScimError(rename, 400, 'invalidValue')
    expect(await getJson(org, `/Users/${user.id}`)).toEqual(user)
  })

  it('1,024 characters is allowed; /Schemas says so', async () => {
    const org = await createTestOrg()
    const name = `${'é'.repeat(1018)}@x.tst`
    expect([...name].length).toBe(1024)
    await createUser(org, name)
    const schema = (await (
      await scim('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', org.token)
    ).json()) as { attributes: { name: string; description: string }[] }
    const userName = schema.attributes.find((a) => a.name === 'userName')
    expect(userName?.description).toMatch(/1024 characters/)
  })
})
