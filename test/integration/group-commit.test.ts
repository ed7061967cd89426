// Group commit: writes that queue up for one org are committed in shared batches, and the result
// is indistinguishable from running them strictly one at a time — same statuses, same answers,
// same final state, same events. Two orgs get the same operations: one serially, one in a burst.
import { env, runInDurableObject } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import type { OrgWriter } from '../../src/do/org-writer'
import type { RpcResult } from '../../src/do/result'
import type { Plan } from '../../src/do/write-context'
import { write } from '../../src/repo/claims'
import { normalizePatchRequest } from '../../src/scim/patch'
import { createTestOrg, type TestOrg } from '../helpers/api'
import { createGroup, createUser } from '../helpers/resources'

type Ref = { users: string[]; groups: string[] }
type Op = (org: TestOrg, ref: Ref) => Promise<RpcResult<unknown>>

const patchOps = (...Operations: unknown[]) =>
  normalizePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations })

/** A burst that mixes independent writes with ones that must see each other. */
function operations(): Op[] {
  const w = (org: TestOrg) => ({
    stub: orgWriterStub(env, org.orgId),
    actor: { tokenId: org.tokenId, kind: 'scim' as const },
  })
  const ops: Op[] = []
  for (let i = 0; i < 12; i++) {
    // creates of distinct users, plus case-variants of the same name that must 409
    ops.push((org) =>
      w(org).stub.createUser(org.orgId, w(org).actor, {
        userName: `burst${i % 9}@X.test`.replace('X', i % 2 ? 'x' : 'X'),
      }),
    )
  }
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[0],
      patchOps({ op: 'add', path: 'members', value: r.users.map((value) => ({ value })) }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[0],
      patchOps({ op: 'remove', path: 'members', value: [{ value: r.users[0] }] }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchUser(
      org.orgId,
      w(org).actor,
      r.users[1],
      patchOps({ op: 'replace', value: { active: false } }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchUser(
      org.orgId,
      w(org).actor,
      r.users[1],
      patchOps({ op: 'replace', value: { title: 'Lead' } }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchUser(
      org.orgId,
      w(org).actor,
      r.users[2],
      patchOps({ op: 'replace', path: 'userName', value: 'BURST1@x.test' }),
    ),
  )
  ops.push((org, r) => w(org).stub.deleteUser(org.orgId, w(org).actor, r.users[3]))
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[1],
      patchOps({ op: 'add', path: 'members', value: [{ value: r.users[3] }] }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[1],
      patchOps({ op: 'replace', path: 'displayName', value: 'Base 0' }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[1],
      patchOps({ op: 'replace', path: 'displayName', value: 'Renamed' }),
    ),
  )
  ops.push((org, r) => w(org).stub.createGroup(org.orgId, w(org).actor, { displayName: 'renamed' }))
  ops.push((org, r) => w(org).stub.deleteGroup(org.orgId, w(org).actor, r.groups[0]))
  ops.push((org, r) =>
    w(org).stub.patchGroup(
      org.orgId,
      w(org).actor,
      r.groups[0],
      patchOps({ op: 'add', path: 'members', value: [{ value: r.users[4] }] }),
    ),
  )
  ops.push((org, r) =>
    w(org).stub.replaceUser(org.orgId, w(org).actor, r.users[4], {
      userName: 'base4@x.test',
      groups: [{ value: r.groups[1] }],
    }),
  )
  return ops
}

async function setUp(): Promise<{ org: TestOrg; ref: Ref }> {
  const org = await createTestOrg()
  const users: string[] = []
  for (let i = 0; i < 5; i++) users.push((await createUser(org, `base${i}@x.test`)).id)
  const groups = [(await createGroup(org, 'Base 0')).id, (await createGroup(org, 'Base 1')).id]
  return { org, ref: { users, groups } }
}

/** Ids differ between the two orgs; names do not. Replace each id by a stable label. */
function normalize(value: unknown, labels: Map<string, string>): unknown {
  const text = JSON.stringify(value, (key, v) =>
    ['created', 'lastModified', 'createdAt', 'updatedAt', 'addedAt', 'location', '$ref'].includes(
      key,
    )
      ? undefined
      : v,
  )
  return JSON.parse(
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!labels.has(id)) labels.set(id, `#${labels.size}`)
      return labels.get(id)!
    }),
  )
}

async function snapshot(orgId: string) {
  const q = (sql: string) =>
    env.DB.prepare(sql)
      .bind(orgId)
      .all()
      .then((r) => r.results)
  return {
    users: await q(
      'SELECT id, user_name, active, data, version FROM users WHERE org_id = ? ORDER BY user_name_key',
    ),
    teams: await q(
      'SELECT id, display_name, member_count, version FROM teams WHERE org_id = ? ORDER BY display_name_key',
    ),
    members: await q(
      'SELECT t.display_name AS team, u.user_name AS user FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY 1, 2',
    ),
    // data and previous are JSON: parsed, so normalize() drops their timestamps too.
    events: (
      await q(
        "SELECT seq, type, resource_type, resource_id, data, previous FROM events WHERE org_id = ? AND resource_type IN ('User', 'Group') ORDER BY seq",
      )
    ).map((e) => ({
      ...e,
      data: JSON.parse(e.data as string),
      previous: e.previous === null ? null : JSON.parse(e.previous as string),
    })),
  }
}

describe('group commit', () => {
  it('a burst gives exactly what strictly serial execution gives, in fewer batches', async () => {
    const serial = await setUp()
    const burst = await setUp()
    const ops = operations()

    const serialResults: RpcResult<unknown>[] = []
    for (const op of ops) serialResults.push(await op(serial.org, serial.ref))
    const burstResults = await Promise.all(ops.map((op) => op(burst.org, burst.ref)))

    const strip = (r: RpcResult<unknown>) => ({
      ...r,
      trips: undefined,
      rows: undefined,
      batch: undefined,
    })
    const serialLabels = new Map<string, string>()
    const burstLabels = new Map<string, string>()
    const seed = (labels: Map<string, string>, ref: Ref, org: TestOrg) =>
      [org.tokenId, ...ref.users, ...ref.groups].forEach((id, i) => labels.set(id, `base${i}`))
    seed(serialLabels, serial.ref, serial.org)
    seed(burstLabels, burst.ref, burst.org)

    expect(normalize(burstResults.map(strip), burstLabels)).toEqual(
      normalize(serialResults.map(strip), serialLabels),
    )
    expect(normalize(await snapshot(burst.org.orgId), burstLabels)).toEqual(
      normalize(await snapshot(serial.org.orgId), serialLabels),
    )
    const statuses = serialResults.map((r) => (r.ok ? 'ok' : r.error.status))
    expect(statuses).toContain(409)
    expect(statuses).toContain(404)

    const stats = await orgWriterStub(env, burst.org.orgId).commitStats()
    expect(stats.batches).toBeLessThan(stats.writes)
    const serialStats = await orgWriterStub(env, serial.org.orgId).commitStats()
    expect(serialStats.batches).toBe(serialStats.writes)
  })

  it('a write that fails inside a shared batch does not fail its neighbours', async () => {
    const org = await createTestOrg()
    const stub = orgWriterStub(env, org.orgId)
    const actor = { tokenId: org.tokenId, kind: 'scim' as const }
    // A plan whose statement passes every read-time check but violates a constraint at commit.
    const badPlan: Plan<string> = async (w) => {
      await w.read()
      const statement = w.db.run(
        sql`INSERT INTO events (org_id, seq, id, type, data, created_at) VALUES (${w.orgId}, 0, 'x', 'bad', '{}', '')`,
      )
      return { statements: [write(statement, [])], events: [], value: 'bad' }
    }
    const results = await runInDurableObject(stub, async (instance: OrgWriter) => {
      const writer = instance as unknown as {
        write: (orgId: string, a: typeof actor, plan: Plan<unknown>) => Promise<RpcResult<unknown>>
      }
      const create = (userName: string) => instance.createUser(org.orgId, actor, { userName })
      // The first write drains alone; the rest queue behind it and form one group.
      return Promise.all([
        create('a@x.test'),
        writer.write(org.orgId, actor, badPlan),
        create('b@x.test'),
        create('c@x.test'),
      ])
    })
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true])
    expect(results[1]).toMatchObject({ ok: false, error: { status: 500 } })
    const names = await env.DB.prepare('SELECT user_name FROM users WHERE org_id = ? ORDER BY seq')
      .bind(org.orgId)
      .all<{ user_name: string }>()
    expect(names.results.map((r) => r.user_name)).toEqual(['a@x.test', 'b@x.test', 'c@x.test'])
    const stats = await stub.commitStats()
    expect(stats.writes).toBe(stats.batches) // the shared batch failed; each committed alone
  })
})
