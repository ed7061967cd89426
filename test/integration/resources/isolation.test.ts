// Tenant isolation: a token names exactly one org; another org's ids behave as if they did not
// exist — 404 for addressing them, 400 for referencing them as members — and nothing changes.
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, getJson, memberIds, patch, send } from '../../helpers/resources'

async function twoOrgs() {
  const [a, b] = await Promise.all([createTestOrg('A'), createTestOrg('B')])
  const user = await createUser(b, 'secret@b.test', { externalId: 'b-ext' })
  const group = await createGroup(b, 'B team', { members: [{ value: user.id }] })
  return { a, b, user, group }
}

describe('tenant isolation', () => {
  it.each([
    ['GET', (ids: Ids) => `/Users/${ids.user}`],
    ['PUT', (ids: Ids) => `/Users/${ids.user}`],
    ['PATCH', (ids: Ids) => `/Users/${ids.user}`],
    ['DELETE', (ids: Ids) => `/Users/${ids.user}`],
    ['GET', (ids: Ids) => `/Groups/${ids.group}`],
    ['PUT', (ids: Ids) => `/Groups/${ids.group}`],
    ['PATCH', (ids: Ids) => `/Groups/${ids.group}`],
    ['DELETE', (ids: Ids) => `/Groups/${ids.group}`],
  ])('%s on another org’s resource is 404 and changes nothing', async (method, path) => {
    const { a, b, user, group } = await twoOrgs()
    const body =
      method === 'PUT'
        ? path({ user: user.id, group: group.id }).startsWith('/Users')
          ? { userName: 'hijack@a.test' }
          : { displayName: 'hijacked' }
        : method === 'PATCH'
          ? {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'replace', value: { displayName: 'x' } }],
            }
          : undefined
    const res = await send(a, method, path({ user: user.id, group: group.id }), body)
    await expectScimError(res, 404)
    await expectUnchanged(b, user, group)
  })

  it('lists, filters and .search of one org never show another org’s resources', async () => {
    const { a, user, group } = await twoOrgs()
    for (const path of [
      '/Users',
      `/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`,
      `/Users?filter=${encodeURIComponent('userName eq "secret@b.test"')}`,
      `/Users?filter=${encodeURIComponent('externalId eq "b-ext"')}`,
      '/Groups',
      `/Groups?filter=${encodeURIComponent(`members[value eq "${user.id}"]`)}`,
      `/Groups?filter=${encodeURIComponent('displayName eq "B team"')}`,
    ]) {
      expect((await getJson(a, path)).totalResults, path).toBe(0)
    }
    for (const path of ['/.search', '/Users/.search', '/Groups/.search']) {
      const res = await send(a, 'POST', path, {
        filter: `id eq "${group.id}" or id eq "${user.id}"`,
      })
      expect(((await res.json()) as { totalResults: number }).totalResults, path).toBe(0)
    }
  })

  it('a user of another org cannot be referenced as a member: 400 invalidValue, no change', async () => {
    const { a, b, user, group } = await twoOrgs()
    const own = await createGroup(a, 'A team')
    await expectScimError(
      await patch(a, `/Groups/${own.id}`, {
        op: 'add',
        path: 'members',
        value: [{ value: user.id }],
      }),
      400,
      'invalidValue',
    )
    await expectScimError(
      await send(a, 'POST', '/Groups', { displayName: 'Sneaky', members: [{ value: user.id }] }),
      400,
      'invalidValue',
    )
    await expectScimError(
      await send(a, 'POST', '/Users', { userName: 'joiner@a.test', groups: [{ value: group.id }] }),
      400,
      'invalidValue',
    )
    expect(await memberIds(a, own.id)).toEqual([])
    expect((await getJson(a, '/Groups')).totalResults).toBe(1)
    expect((await getJson(a, '/Users')).totalResults).toBe(0)
    await expectUnchanged(b, user, group)
  })

  it('the same userName and group name may exist in two orgs', async () => {
    const { a } = await twoOrgs()
    await createUser(a, 'SECRET@b.test')
    await createGroup(a, 'b TEAM')
  })
})

type Ids = { user: string; group: string }

async function expectUnchanged(b: TestOrg, user: Record<string, any>, group: Record<string, any>) {
  const u = await getJson(b, `/Users/${user.id}`)
  expect(u.meta.version).toBe(user.meta.version)
  expect(u.userName).toBe('secret@b.test')
  const g = await getJson(b, `/Groups/${group.id}`)
  expect(g.meta.version).toBe(group.meta.version)
  expect(g.displayName).toBe('B team')
  expect(g.members.map((m: { value: string }) => m.value)).toEqual([user.id])
}
