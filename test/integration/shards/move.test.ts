// Online moves between shards (POST/GET /admin/v1/orgs/{org}/move, do/move/): everything the org
// has arrives, verified; reads and writes go on during and after the move — including requests
// whose token record or isolate still names the old shard — and the old shard keeps only the
// pointer. Failures at any step, and the writer dying mid-move, roll back to the org intact where
// it was.
import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../../src/do/client'
import type { OrgWriter } from '../../../src/do/org-writer'
import { admin, createTestOrg, OPERATOR_KEY, scim, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, getJson, patch, send } from '../../helpers/resources'
import {
  countOn,
  finished,
  moveOf,
  moveTriggers,
  orgRow,
  placedOn,
  rowsOn,
  startMove,
} from './move-helpers'

async function populate(org: TestOrg) {
  const users = []
  for (let i = 0; i < 6; i++) {
    users.push(
      await createUser(org, `mover${i}@move.test`, {
        emails: [{ value: `mover${i}@work.test`, type: 'work', primary: true }],
      }),
    )
  }
  const team = await createGroup(org, 'Movers', {
    members: users.slice(0, 4).map((u) => ({ value: u.id })),
  })
  await createGroup(org, 'Stayers', { members: [{ value: users[5].id }] })
  expect(
    (await patch(org, `/Users/${users[1].id}`, { op: 'replace', path: 'active', value: false }))
      .status,
  ).toBe(200)
  expect((await send(org, 'DELETE', `/Users/${users[2].id}`)).status).toBe(204)
  return { users, team }
}

const userNames = async (org: TestOrg) =>
  ((await getJson(org, '/Users?count=100')).Resources as { userName: string }[]).map(
    (u) => u.userName,
  )

const eventSeqs = async (org: TestOrg) => {
  const res = await admin(`/orgs/${org.orgId}/events?limit=1000`, OPERATOR_KEY)
  return ((await res.json()) as { data: { seq: number; type: string }[] }).data
}

describe('moving an org to another shard', () => {
  it('moves every row, verified; the org answers as before from its new shard', async () => {
    const org = await createTestOrg('Moving house')
    const { users, team } = await populate(org)
    const before = await rowsOn(env.DB, org.orgId)
    const listed = await userNames(org)
    const events = await eventSeqs(org)

    const res = await startMove(org, 'second')
    expect(res.status).toBe(202)
    expect(res.headers.get('Location')).toBe(`/admin/v1/orgs/${org.orgId}/move`)
    expect(((await res.json()) as { phase: string }).phase).toBe('copying')
    const move = await finished(org)
    expect(move).toMatchObject({ phase: 'done', from: 'main', to: 'second', error: null })
    expect(move.verified!.find((v) => v.table === 'users')).toMatchObject({ rows: 5, rechecked: 0 })
    expect(move.writesHeldMs).toBeGreaterThanOrEqual(0)
    expect(move.rowsCleaned).toBeGreaterThan(0)

    // Every row is on the new shard, as it was; the old one keeps only the org row, a pointer.
    expect(await rowsOn(env.SHARD_2, org.orgId)).toEqual(before)
    expect(await countOn(env.DB, org.orgId)).toBe(0)
    expect(await orgRow(env.DB, org.orgId)).toEqual({ movedTo: 'second', moves: 0 })
    expect(await orgRow(env.SHARD_2, org.orgId)).toEqual({ movedTo: null, moves: 1 })
    expect(await placedOn(org.orgId)).toBe('second')
    expect(await moveTriggers(env.DB)).toEqual([])

    // The same answers: list order, members, events (gap-free, same seqs).
    expect(await userNames(org)).toEqual(listed)
    const group = await getJson(org, `/Groups/${team.id}`)
    expect((group.members as { value: string }[]).map((m) => m.value).sort()).toEqual(
      [users[0].id, users[1].id, users[3].id].sort(),
    )
    expect(await eventSeqs(org)).toEqual(events)

    // Writes land on the new shard, after the old events.
    const late = await createUser(org, 'after@move.test')
    const row = await env.SHARD_2.prepare('SELECT id FROM users WHERE org_id = ? AND id = ?')
      .bind(org.orgId, late.id)
      .first()
    expect(row).toEqual({ id: late.id })
    const after = await eventSeqs(org)
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1))
    expect(after.at(-1)).toMatchObject({ seq: events.length + 1, type: 'user.created' })

    // The token's KV record learned the new shard from the redirect.
    const hash = [
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(org.token))),
    ]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
    let record: { placement?: { shard: string } } | null = null
    for (let i = 0; i < 50 && record?.placement?.shard !== 'second'; i++) {
      await scim(`/Users/${late.id}`, org.token)
      record = await env.TOKENS.get(`token:${hash}`, 'json')
    }
    expect(record?.placement?.shard).toBe('second')
  })

  it('refuses a move to the shard it is on (409), to no shard or across a jurisdiction (400)', async () => {
    const org = await createTestOrg('Stays')
    expect((await startMove(org, 'main')).status).toBe(409)
    expect((await startMove(org, 'nowhere')).status).toBe(400)
    const eu = await startMove(org, 'eu')
    expect(eu.status).toBe(400)
    expect(((await eu.json()) as { error: { message: string } }).error.message).toMatch(
      /never cross a jurisdiction/,
    )
    expect((await admin(`/orgs/${org.orgId}/move`, OPERATOR_KEY)).status).toBe(404)
    expect((await admin(`/orgs/no-such-org/move`, OPERATOR_KEY)).status).toBe(404)
    expect(
      (
        await admin(`/orgs/${org.orgId}/move`, org.adminKey, {
          method: 'POST',
          json: { shard: 'second' },
        })
      ).status,
    ).toBe(403)
  })

  it('moves back again: the pointer left behind is replaced by the org', async () => {
    const org = await createTestOrg('Round trip')
    await populate(org)
    const before = await rowsOn(env.DB, org.orgId)
    expect((await startMove(org, 'second')).status).toBe(202)
    expect((await finished(org)).phase).toBe('done')
    expect((await startMove(org, 'main')).status).toBe(202)
    const back = await finished(org)
    expect(back).toMatchObject({ phase: 'done', from: 'second', to: 'main' })
    expect(await rowsOn(env.DB, org.orgId)).toEqual(before)
    expect(await orgRow(env.DB, org.orgId)).toEqual({ movedTo: null, moves: 2 })
    expect(await orgRow(env.SHARD_2, org.orgId)).toEqual({ movedTo: 'main', moves: 1 })
    expect(await countOn(env.SHARD_2, org.orgId)).toBe(0)
    expect((await createUser(org, 'home@move.test')).id).toBeTruthy()
  })
})

describe('a move that fails is undone', () => {
  const writer = (org: TestOrg) => orgWriterStub(env, org.orgId)

  it.each(['copy:users', 'catching-up', 'verify', 'target-live', 'source-moved'])(
    'a failure at %s: the org stays where it was, intact; the target holds nothing of it',
    async (step) => {
      const org = await createTestOrg(`Fails at ${step}`)
      await populate(org)
      const before = await rowsOn(env.DB, org.orgId)
      await runInDurableObject(writer(org), (instance: OrgWriter) => {
        instance.moves.failAt = step
      })
      expect((await startMove(org, 'second')).status).toBe(202)
      const move = await finished(org)
      expect(move.phase).toBe('failed')
      expect(move.error).toBe(`failure injected at ${step}`)
      await expectIntactOnMain(org, before)
    },
  )

  it('a failure after the source was marked moved: writes waiting on the hold succeed on the source', async () => {
    const org = await createTestOrg('Fails while writing', { writesPerSecond: 200 })
    await populate(org)
    await runInDurableObject(writer(org), (instance: OrgWriter) => {
      instance.moves.failAt = 'source-moved'
    })
    expect((await startMove(org, 'second')).status).toBe(202)
    const statuses: number[] = []
    let ended: Awaited<ReturnType<typeof finished>> | undefined
    const watching = finished(org).then((m) => (ended = m))
    for (let i = 0; i < 40 && !ended; i++) {
      const res = await send(org, 'POST', '/Users', { userName: `during${i}@move.test` })
      statuses.push(res.status)
    }
    const move = await watching
    expect(move.phase).toBe('failed')
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s !== 201)).toEqual([])
    const listed = await getJson(org, '/Users?filter=userName sw "during"&count=100')
    expect(listed.totalResults).toBe(statuses.length)
    expect(await placedOn(org.orgId)).toBe('main')
    expect(await countOn(env.SHARD_2, org.orgId)).toBe(0)
  })

  it('the writer dying mid-copy (evicted, redeployed) is undone by its next instance', async () => {
    const org = await createTestOrg('Dies mid-move')
    await populate(org)
    const before = await rowsOn(env.DB, org.orgId)
    await runInDurableObject(writer(org), (instance: OrgWriter) => {
      instance.moves.failAt = 'abort@copy:users'
    })
    expect((await startMove(org, 'second')).status).toBe(202)
    const move = await finished(org)
    expect(move.phase).toBe('failed')
    expect(move.error).toMatch(/writer restarted during the move/)
    await expectIntactOnMain(org, before)
  })
})

async function expectIntactOnMain(org: TestOrg, before: Record<string, unknown[]>) {
  expect(await placedOn(org.orgId)).toBe('main')
  expect(await rowsOn(env.DB, org.orgId)).toEqual(before)
  expect(await orgRow(env.DB, org.orgId)).toEqual({ movedTo: null, moves: 0 })
  expect(await orgRow(env.SHARD_2, org.orgId)).toBeNull()
  expect(await countOn(env.SHARD_2, org.orgId)).toBe(0)
  expect(await moveTriggers(env.DB)).toEqual([])
  expect(
    (await env.DB.prepare('SELECT count(*) AS n FROM org_move_changes WHERE org_id = ?')
      .bind(org.orgId)
      .first<{ n: number }>())!.n,
  ).toBe(0)
  // It still reads and writes, where it was.
  const user = await createUser(org, `still-${crypto.randomUUID().slice(0, 6)}@move.test`)
  expect(
    await env.DB.prepare('SELECT 1 AS one FROM users WHERE org_id = ? AND id = ?')
      .bind(org.orgId, user.id)
      .first(),
  ).toEqual({ one: 1 })
  expect((await scim(`/Users/${user.id}`, org.token)).status).toBe(200)
}
