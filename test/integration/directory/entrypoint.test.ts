// The `Directory` service binding, called from a second Worker (test/fixtures/saas-app) the way a
// SaaS app's Worker would: same operations and shapes as the admin API, plain data out.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg } from '../../helpers/api'
import { createGroup, createUser } from '../../helpers/resources'

async function call<T = any>(method: string, ...args: unknown[]): Promise<T> {
  const res = await env.SAAS_APP.fetch('https://saas.test/', {
    method: 'POST',
    body: JSON.stringify({ method, args }),
  })
  const body = (await res.json()) as { ok: boolean; value?: T; error?: string }
  if (!body.ok) throw new Error(body.error)
  return body.value as T
}

describe('the Directory entrypoint, over a service binding', () => {
  it('answers what the admin API answers', async () => {
    const org = await createTestOrg()
    const team = await createGroup(org, 'Engineering')
    const user = await createUser(org, 'ada@x.test', {
      emails: [{ value: 'ada@work.test', type: 'work', primary: true }],
      groups: [{ value: team.id }],
    })
    const viaHttp = async (path: string) =>
      (await admin(`/orgs/${org.orgId}${path}`, org.adminKey)).json()
    expect(await call('listUsers', org.orgId, { limit: 10 })).toEqual(
      await viaHttp('/users?limit=10'),
    )
    expect(await call('getUser', org.orgId, user.id)).toEqual(await viaHttp(`/users/${user.id}`))
    expect(await call('listTeams', org.orgId)).toEqual(await viaHttp('/teams'))
    expect(await call('getTeam', org.orgId, team.id)).toEqual(await viaHttp(`/teams/${team.id}`))
    expect(await call('listTeamMembers', org.orgId, team.id)).toEqual(
      await viaHttp(`/teams/${team.id}/members`),
    )
    expect(await call('listEvents', org.orgId, { types: ['user.created'] })).toEqual(
      await viaHttp('/events?types=user.created'),
    )
  })

  it('creates and deletes the app’s teams; events name the app as actor', async () => {
    const org = await createTestOrg()
    const team = await call('createTeam', org.orgId, { name: 'Support' })
    expect(team).toMatchObject({ name: 'Support', source: 'app', memberCount: 0 })
    expect(await call('getTeam', org.orgId, team.id)).toEqual(team)
    await call('deleteTeam', org.orgId, team.id)
    expect(await call('getTeam', org.orgId, team.id)).toBeNull()
    const { data } = await call('listEvents', org.orgId, { types: 'team.created,team.deleted' })
    expect(data.map((e: any) => [e.type, e.actor])).toEqual([
      ['team.created', { kind: 'app' }],
      ['team.deleted', { kind: 'app' }],
    ])
  })

  it('a missing user is null; refusals throw with the API’s status and message', async () => {
    const org = await createTestOrg()
    expect(await call('getUser', org.orgId, 'nobody')).toBeNull()
    await expect(call('listUsers', 'no-such-org')).rejects.toThrow(/^404 Org no-such-org not found/)
    await expect(call('listUsers', org.orgId, { limit: 501 })).rejects.toThrow(/^400 Invalid query/)
    await call('createTeam', org.orgId, { name: 'Dup' })
    await expect(call('createTeam', org.orgId, { name: 'DUP' })).rejects.toThrow(/^409 /)
  })
})
