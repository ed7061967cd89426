// Roles (extension `role` and core `roles`, checked against the org's values), the default team
// for new users, and the outbox: every write appends its events in the same batch.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError, type TestOrg } from '../../helpers/api'
import {
  createGroup,
  createUser,
  getJson,
  memberIds,
  patch,
  ROLE_URN,
  send,
} from '../../helpers/resources'

async function roles(org: TestOrg, userId: string) {
  const { results } = await env.DB.prepare(
    'SELECT role FROM role_assignments WHERE org_id = ? AND user_id = ? ORDER BY role',
  )
    .bind(org.orgId, userId)
    .all<{ role: string }>()
  return results.map((r) => r.role)
}

async function events(org: TestOrg) {
  const { results } = await env.DB.prepare(
    'SELECT seq, type, resource_id AS resourceId, token_id AS tokenId, data FROM events WHERE org_id = ? ORDER BY seq',
  )
    .bind(org.orgId)
    .all<{ seq: number; type: string; resourceId: string; tokenId: string; data: string }>()
  return results
}

describe('roles', () => {
  it('the role extension assigns a role, in the org’s spelling', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'admin@x.test', { [ROLE_URN]: { role: 'ORG_ADMIN' } })
    expect(user[ROLE_URN].role).toBe('org_admin')
    expect(await roles(org, user.id)).toEqual(['org_admin'])
  })

  it('core roles[].value are accepted too', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'ta@x.test', {
      roles: [{ value: 'team_admin', primary: true }],
    })
    expect(await roles(org, user.id)).toEqual(['team_admin'])
  })

  it.each([
    ['the extension', { [ROLE_URN]: { role: 'superuser' } }],
    ['core roles', { roles: [{ value: 'root' }] }],
  ])(
    'a role outside the org’s values via %s is 400 invalidValue and creates nothing',
    async (_how, extra) => {
      const org = await createTestOrg()
      const body = await expectScimError(
        await send(org, 'POST', '/Users', { userName: 'bad@x.test', ...extra }),
        400,
        'invalidValue',
      )
      expect(body.detail).toMatch(/member, team_admin, org_admin/)
      expect((await getJson(org, '/Users')).totalResults).toBe(0)
    },
  )

  it('PATCH changes the role; deactivation keeps it', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'r@x.test', { [ROLE_URN]: { role: 'member' } })
    await patch(org, `/Users/${user.id}`, {
      op: 'replace',
      path: `${ROLE_URN}:role`,
      value: 'team_admin',
    })
    expect(await roles(org, user.id)).toEqual(['team_admin'])
    await patch(org, `/Users/${user.id}`, { op: 'replace', value: { active: false } })
    expect(await roles(org, user.id)).toEqual(['team_admin'])
    await expectScimError(
      await patch(org, `/Users/${user.id}`, {
        op: 'replace',
        path: `${ROLE_URN}:role`,
        value: 'owner',
      }),
      400,
      'invalidValue',
    )
    expect(await roles(org, user.id)).toEqual(['team_admin'])
  })

  it('follows the org’s role settings (custom URN and values)', async () => {
    const org = await createTestOrg()
    const urn = 'urn:acme:params:scim:schemas:extension:acme:1.0:User'
    await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { roleSchema: urn, roleValues: ['viewer', 'editor'] },
    })
    const user = await createUser(org, 'c@x.test', { [urn]: { role: 'Editor' } })
    expect(user[urn].role).toBe('editor')
    expect(user.schemas).toContain(urn)
    const found = await getJson(
      org,
      `/Users?filter=${encodeURIComponent(`${urn}:role eq "editor"`)}`,
    )
    expect(found.totalResults).toBe(1)
  })
})

describe('default team', () => {
  it('new users join the org’s default team; existing ones are not moved', async () => {
    const org = await createTestOrg()
    const before = await createUser(org, 'early@x.test')
    const team = await createGroup(org, 'Everyone')
    const set = await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { defaultTeamId: team.id },
    })
    expect(set.status).toBe(200)
    const user = await createUser(org, 'new@x.test')
    expect(user.groups).toEqual([expect.objectContaining({ value: team.id, display: 'Everyone' })])
    expect(await memberIds(org, team.id)).toEqual([user.id])
    expect((await getJson(org, `/Users/${before.id}`)).groups).toBeUndefined()
  })

  it('deleting the default team clears the setting; later users join no team', async () => {
    const org = await createTestOrg()
    const team = await createGroup(org, 'Everyone')
    await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: { defaultTeamId: team.id },
    })
    expect((await send(org, 'DELETE', `/Groups/${team.id}`)).status).toBe(204)
    const settings = await (await admin(`/orgs/${org.orgId}/settings`, org.adminKey)).json()
    expect(settings).toMatchObject({ defaultTeamId: null })
    const user = await createUser(org, 'after@x.test')
    expect(user.groups).toBeUndefined()
  })
})

describe('outbox', () => {
  it('every write appends its events with the token that made it, gap-free', async () => {
    const org = await createTestOrg()
    const start = (await events(org)).length
    const user = await createUser(org, 'ev@x.test', { [ROLE_URN]: { role: 'member' } })
    const group = await createGroup(org, 'Ev')
    await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    await patch(org, `/Users/${user.id}`, { op: 'replace', value: { active: false } })
    await patch(org, `/Users/${user.id}`, { op: 'replace', value: { active: true } })
    await patch(org, `/Groups/${group.id}`, {
      op: 'remove',
      path: `members[value eq "${user.id}"]`,
    })
    await send(org, 'DELETE', `/Users/${user.id}`)
    await send(org, 'DELETE', `/Groups/${group.id}`)
    const all = await events(org)
    const mine = all.slice(start)
    expect(mine.map((e) => e.type)).toEqual([
      'user.created',
      'role.assigned',
      'team.created',
      'team.member_added',
      'user.deactivated',
      'user.reactivated',
      'team.member_removed',
      'user.deleted',
      'team.deleted',
    ])
    expect(mine.every((e) => e.tokenId === org.tokenId)).toBe(true)
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1))
  })

  it('a rejected write appends nothing', async () => {
    const org = await createTestOrg()
    await createUser(org, 'dup@x.test')
    const before = (await events(org)).length
    await expectScimError(
      await send(org, 'POST', '/Users', { userName: 'DUP@x.test' }),
      409,
      'uniqueness',
    )
    expect((await events(org)).length).toBe(before)
  })
})
