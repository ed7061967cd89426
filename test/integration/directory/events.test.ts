// Events carry the object (model/directory.ts): each event's `data` equals what the directory
// returns for the resource right after the change, an update's `previous` holds the changed fields'
// former values, and `actor` says who acted. Plus the feed's `types=` filter and its pruning.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { pruneEvents } from '../../../src/jobs/scheduled'
import { admin, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, patch, send, ROLE_URN, type Json } from '../../helpers/resources'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

async function events(org: TestOrg, query = ''): Promise<Json[]> {
  const res = await admin(`/orgs/${org.orgId}/events?limit=1000${query}`, OPERATOR_KEY)
  return ((await res.json()) as { data: Json[] }).data
}

const read = async (org: TestOrg, path: string) =>
  (await admin(`/orgs/${org.orgId}${path}`, OPERATOR_KEY)).json() as Promise<Json>

/** The events a step appended, in order. */
async function step(org: TestOrg, run: () => Promise<unknown>): Promise<Json[]> {
  const before = (await events(org)).length
  await run()
  return (await events(org)).slice(before)
}

describe('events carry the object as of the change', () => {
  it('create, update, deactivate, membership, rename, delete: data = the resource read back', async () => {
    const org = await createTestOrg()
    const scim = { kind: 'scim', tokenId: org.tokenId }

    let g: Json = {}
    const [created] = await step(org, async () => (g = await createGroup(org, 'Engineering')))
    expect(created).toMatchObject({ type: 'team.created', actor: scim, orgId: org.orgId })
    expect(created.data).toEqual(await read(org, `/teams/${g.id}`))
    expect(created.previous).toBeUndefined()

    let u: Json = {}
    const userCreated = await step(org, async () => {
      u = await createUser(org, 'ada@x.test', {
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        emails: [{ value: 'ada@work.test', type: 'work', primary: true }],
        [ROLE_URN]: { role: 'team_admin' },
        [ENTERPRISE]: { department: 'R&D' },
        groups: [{ value: g.id }],
      })
    })
    const ada = await read(org, `/users/${u.id}`)
    const team = await read(org, `/teams/${g.id}`)
    expect(userCreated.map((e) => e.type)).toEqual([
      'user.created',
      'role.assigned',
      'team.member_added',
    ])
    expect(userCreated[0].data).toEqual(ada)
    expect(ada).toMatchObject({
      userName: 'ada@x.test',
      email: 'ada@work.test',
      role: 'team_admin',
      roles: ['team_admin'],
      teams: [{ id: g.id, name: 'Engineering' }],
      enterprise: { department: 'R&D' },
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: null },
    })
    expect(userCreated[1].data).toEqual({ user: ada, role: 'team_admin' })
    expect(userCreated[2].data).toEqual({ team, user: ada })

    const [updated] = await step(org, () =>
      patch(org, `/Users/${u.id}`, { op: 'replace', path: 'displayName', value: 'Countess' }),
    )
    expect(updated.type).toBe('user.updated')
    expect(updated.data).toEqual(await read(org, `/users/${u.id}`))
    expect(updated.previous).toEqual({ displayName: null })

    const [deactivated] = await step(org, () =>
      patch(org, `/Users/${u.id}`, { op: 'replace', value: { active: false } }),
    )
    expect(deactivated.type).toBe('user.deactivated')
    expect(deactivated.previous).toEqual({ active: true })
    expect(deactivated.data).toEqual(await read(org, `/users/${u.id}`))

    const other = await createUser(org, 'bob@x.test')
    const [added] = await step(org, () =>
      patch(org, `/Groups/${g.id}`, { op: 'add', path: 'members', value: [{ value: other.id }] }),
    )
    expect(added.type).toBe('team.member_added')
    expect(added.data).toEqual({
      team: await read(org, `/teams/${g.id}`),
      user: await read(org, `/users/${other.id}`),
    })

    const [renamed] = await step(org, () =>
      patch(org, `/Groups/${g.id}`, { op: 'replace', path: 'displayName', value: 'R&D' }),
    )
    expect(renamed.type).toBe('team.updated')
    expect(renamed.previous).toEqual({ name: 'Engineering' })
    expect(renamed.data).toEqual(await read(org, `/teams/${g.id}`))

    const [removed] = await step(org, () =>
      patch(org, `/Groups/${g.id}`, { op: 'remove', path: `members[value eq "${u.id}"]` }),
    )
    expect(removed.type).toBe('team.member_removed')
    expect(removed.data).toEqual({
      team: await read(org, `/teams/${g.id}`),
      user: await read(org, `/users/${u.id}`),
    })

    const bobBefore = await read(org, `/users/${other.id}`)
    const deleted = await step(org, () => send(org, 'DELETE', `/Users/${other.id}`))
    expect(deleted.map((e) => e.type)).toEqual(['team.member_removed', 'user.deleted'])
    expect(deleted[0].data.team).toEqual(await read(org, `/teams/${g.id}`))
    expect(deleted[1].data).toEqual(bobBefore)

    const teamBefore = await read(org, `/teams/${g.id}`)
    const [teamDeleted] = await step(org, () => send(org, 'DELETE', `/Groups/${g.id}`))
    expect(teamDeleted).toMatchObject({ type: 'team.deleted', data: teamBefore })
  })

  it('actor: an org admin key, the operator (the app), a SCIM token', async () => {
    const org = await createTestOrg()
    await admin(`/orgs/${org.orgId}/teams`, org.adminKey, { method: 'POST', json: { name: 'A' } })
    await admin(`/orgs/${org.orgId}/teams`, OPERATOR_KEY, { method: 'POST', json: { name: 'B' } })
    await createGroup(org, 'C')
    const created = await events(org, '&types=team.created')
    expect(created.map((e) => e.actor)).toEqual([
      { kind: 'admin', keyId: org.adminKeyId },
      { kind: 'app' },
      { kind: 'scim', tokenId: org.tokenId },
    ])
    expect(created.map((e) => e.data.source)).toEqual(['app', 'app', 'idp'])
  })

  it('types= filters; next is the last seq shown, and paging by it loses nothing', async () => {
    const org = await createTestOrg()
    for (let i = 0; i < 3; i++) await createUser(org, `u${i}@x.test`)
    const all = await events(org)
    const users = await events(org, '&types=user.created,user.deleted')
    expect(users.map((e) => e.type)).toEqual(['user.created', 'user.created', 'user.created'])
    const res = await admin(`/orgs/${org.orgId}/events?limit=2&types=user.created`, OPERATOR_KEY)
    const first = (await res.json()) as { data: Json[]; next: number }
    expect(first.data).toEqual(users.slice(0, 2))
    const rest = (await (
      await admin(`/orgs/${org.orgId}/events?after=${first.next}&types=user.created`, OPERATOR_KEY)
    ).json()) as { data: Json[] }
    expect(rest.data).toEqual(users.slice(2))
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1))
    const bad = await admin(`/orgs/${org.orgId}/events?types=Users!`, OPERATOR_KEY)
    expect(bad.status).toBe(400)
  })
})

describe('retention', () => {
  it("events older than the org's window are pruned by the scheduled job; others stay", async () => {
    const short = await createTestOrg('short', { eventRetentionDays: 1 })
    const long = await createTestOrg('long', { eventRetentionDays: 30 })
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString()
    for (const org of [short, long]) {
      await createUser(org, 'x@x.test')
      await env.DB.prepare('UPDATE events SET created_at = ? WHERE org_id = ? AND seq <= 2')
        .bind(old, org.orgId)
        .run()
    }
    const counts = async (org: TestOrg) => (await events(org)).map((e) => e.seq)
    const shortBefore = await counts(short)
    const longBefore = await counts(long)
    expect(await pruneEvents(env)).toBeGreaterThanOrEqual(2)
    expect(await counts(short)).toEqual(shortBefore.filter((s) => s > 2))
    expect(await counts(long)).toEqual(longBefore)
  })
})
