// The org writer plans from its own copy of the org's rows (src/do/mirror.ts) and commits in one
// D1 round trip, fenced on orgs.commit_seq (src/repo/fence.ts). The copy must never make the
// writer commit what D1 would not have allowed: a copy that missed a commit (the object died
// between D1 and its local update), a copy behind a change made elsewhere, a stale plan — each is
// caught, the copy rebuilt from D1, the write planned again.
import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import { createTestOrg, type TestOrg } from '../helpers/api'
import { behindWriter } from '../helpers/behind-writer'
import { createGroup, createUser, getJson, patch, send, type Json } from '../helpers/resources'

interface MirrorInternals {
  mirror: { apply: (statements: unknown[]) => void; rebuilds: number; commitSeq: number }
}

const writerOf = (org: TestOrg) => orgWriterStub(env, org.orgId)

/** Makes the writer's next commit reach D1 but not its copy (the object dies in between). */
async function loseNextLocalApply(org: TestOrg) {
  await runInDurableObject(writerOf(org), (writer) => {
    const { mirror } = writer as unknown as MirrorInternals
    const apply = mirror.apply.bind(mirror)
    mirror.apply = () => {
      mirror.apply = apply
    }
  })
}

const rebuilds = (org: TestOrg) =>
  runInDurableObject(
    writerOf(org),
    (writer) => (writer as unknown as MirrorInternals).mirror.rebuilds,
  )

async function d1CommitSeq(org: TestOrg): Promise<number> {
  const row = await env.DB.prepare('SELECT commit_seq AS n FROM orgs WHERE id = ?')
    .bind(org.orgId)
    .first<{ n: number }>()
  return row!.n
}

describe("the writer's copy of the org", () => {
  it('steady state: every commit advances commit_seq by one, and the copy follows', async () => {
    const org = await createTestOrg()
    await createUser(org, 'a@x.test')
    const before = await d1CommitSeq(org)
    await createUser(org, 'b@x.test')
    await createGroup(org, 'G')
    expect(await d1CommitSeq(org)).toBe(before + 2)
    const local = await runInDurableObject(
      writerOf(org),
      (writer) => (writer as unknown as MirrorInternals).mirror.commitSeq,
    )
    expect(local).toBe(before + 2)
  })

  it('died between the D1 commit and the local update: the next start rebuilds, nothing is lost', async () => {
    const org = await createTestOrg()
    await createUser(org, 'warm@x.test')
    await loseNextLocalApply(org)
    const ada = await createUser(org, 'ada@x.test') // in D1, not in the copy
    await evictDurableObject(writerOf(org))
    // The new instance finds its copy one commit behind D1 and rebuilds it before planning.
    const res = await patch(org, `/Users/${ada.id}`, {
      op: 'replace',
      path: 'displayName',
      value: 'Ada',
    })
    expect(res.status).toBe(200)
    expect(await rebuilds(org)).toBeGreaterThan(0)
    const dup = await send(org, 'POST', '/Users', { userName: 'ADA@x.test' })
    expect(dup.status).toBe(409)
  })

  it('the same, without a restart: the fence refuses the next commit, the copy is rebuilt, the write replanned', async () => {
    const org = await createTestOrg()
    await createUser(org, 'warm@x.test')
    await loseNextLocalApply(org)
    const grace = await createUser(org, 'grace@x.test')
    const group = await createGroup(org, 'Team') // planned on a copy without grace: fenced, redone
    expect(group.id).toEqual(expect.any(String))
    const add = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: grace.id }],
    })
    expect(add.status).toBe(204)
    const members = (await getJson(org, `/Groups/${group.id}`)).members as Json[]
    expect(members.map((m) => m.value)).toEqual([grace.id])
  })

  it('a change made behind the writer (seeding, another writer) is never overwritten by a stale plan', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'first@x.test')
    await createUser(org, 'warm@x.test')
    // Elsewhere, the first user is renamed to the name the next write wants.
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        "UPDATE users SET user_name = 'wanted@x.test', user_name_key = 'wanted@x.test' WHERE org_id = ? AND id = ?",
      ).bind(org.orgId, user.id),
    )
    // The copy says the name is free; D1 refuses the plan (fence), the replanned write sees the
    // truth and answers as it would have: 409.
    const res = await send(org, 'POST', '/Users', { userName: 'Wanted@x.test' })
    expect(res.status).toBe(409)
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM users WHERE org_id = ? AND user_name_key = 'wanted@x.test'",
    )
      .bind(org.orgId)
      .first<{ n: number }>()
    expect(rows!.n).toBe(1)
  })

  it('a write the copy would refuse is checked against D1 first: a member added behind the writer is found', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, 'Team')
    const id = `behind-${crypto.randomUUID()}`
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        `INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at)
         VALUES (?1, ?2, 'behind@x.test', 'behind@x.test', '{"userName":"behind@x.test","active":true}', ?3, ?3)`,
      ).bind(org.orgId, id, new Date().toISOString()),
    )
    // The copy does not know the user: the writer checks commit_seq before a 400, rebuilds, replans.
    const add = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: id }],
    })
    expect(add.status).toBe(204)
    expect(await rebuilds(org)).toBeGreaterThan(0)
    // A refusal that stands after the check is answered as before.
    const unknown = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: 'nobody' }],
    })
    expect(unknown.status).toBe(400)
  })

  it("a no-op write answers from D1's state, not a stale copy", async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'noop@x.test', { displayName: 'Old' })
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        "UPDATE users SET data = json_set(data, '$.displayName', 'New') WHERE org_id = ? AND id = ?",
      ).bind(org.orgId, user.id),
    )
    // Replacing with the value D1 already has changes nothing; the answer shows D1's row.
    const res = await patch(org, `/Users/${user.id}`, {
      op: 'replace',
      path: 'displayName',
      value: 'New',
    })
    expect(res.status).toBe(200)
    expect((await res.json<Json>()).displayName).toBe('New')
  })

  it('a writer whose commit_seq is behind cannot commit: D1 refuses the batch whole', async () => {
    const org = await createTestOrg()
    await createUser(org, 'warm@x.test')
    // Another instance committed (simulated by advancing commit_seq): this one's next batch is
    // refused — the user is created only by the replanned, fenced-in batch, once.
    await behindWriter(org.orgId)
    const res = await send(org, 'POST', '/Users', { userName: 'once@x.test' })
    expect(res.status).toBe(201)
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM users WHERE org_id = ? AND user_name = 'once@x.test'",
    )
      .bind(org.orgId)
      .first<{ n: number }>()
    expect(rows!.n).toBe(1)
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM events WHERE org_id = ? AND type = 'user.created'",
    )
      .bind(org.orgId)
      .first<{ n: number }>()
    expect(events!.n).toBe(2)
  })
})
