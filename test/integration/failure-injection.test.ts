// Failures in the middle of a write never leave partial state, and restarting the org's Durable
// Object (between or during requests) loses no acknowledged write.
import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import type { OrgWriter } from '../../src/do/org-writer'
import type { RpcResult } from '../../src/do/result'
import type { Plan } from '../../src/do/write-context'
import { write } from '../../src/repo/claims'
import { insertUser } from '../../src/repo/users'
import { createTestOrg, type TestOrg } from '../helpers/api'
import { ROLE_URN } from '../helpers/resources'
import { getJson, send } from '../helpers/resources'

async function digest(orgId: string) {
  const q = (table: string) =>
    env.DB.prepare(`SELECT * FROM ${table} WHERE org_id = ? ORDER BY 1, 2, 3`)
      .bind(orgId)
      .all()
      .then((r) => r.results)
  return JSON.stringify(
    await Promise.all(
      ['users', 'user_emails', 'teams', 'team_members', 'role_assignments', 'events'].map(q),
    ),
  )
}

async function consistent(org: TestOrg) {
  const users = await env.DB.prepare('SELECT id FROM users WHERE org_id = ?')
    .bind(org.orgId)
    .all<{ id: string }>()
  const created = await env.DB.prepare(
    "SELECT resource_id AS id FROM events WHERE org_id = ? AND type = 'user.created'",
  )
    .bind(org.orgId)
    .all<{ id: string }>()
  expect(new Set(users.results.map((u) => u.id))).toEqual(new Set(created.results.map((e) => e.id)))
  const seqs = await env.DB.prepare('SELECT seq FROM events WHERE org_id = ? ORDER BY seq')
    .bind(org.orgId)
    .all<{ seq: number }>()
  expect(seqs.results.map((r) => r.seq)).toEqual(seqs.results.map((_, i) => i + 1))
}

/**
 * Polls an asynchronous condition (each poll is an RPC, which yields to the runtime; no timers):
 * true once it holds, false after `tries` polls.
 */
async function waitFor(condition: () => Promise<boolean>, tries = 2000): Promise<boolean> {
  for (let i = 0; i < tries; i++) if (await condition()) return true
  return false
}

describe('failure injection', () => {
  it('a write whose last statement violates a constraint commits nothing, events included', async () => {
    const org = await createTestOrg()
    const before = await digest(org.orgId)
    const plan: Plan<string> = async (w) => {
      await w.read()
      const id = w.newId()
      return {
        statements: [
          ...insertUser(
            w.db,
            w.orgId,
            id,
            { userName: 'half@x.test', active: true },
            w.now,
            ROLE_URN,
          ),
          write(
            w.db.run(
              sql`INSERT INTO events (org_id, seq, id, type, data, created_at) VALUES (${w.orgId}, 0, 'x', 'bad', '{}', '')`,
            ),
            [],
          ),
        ],
        events: [{ type: 'user.created', resourceType: 'User', resourceId: id, data: {} }],
        value: id,
      }
    }
    const stub = orgWriterStub(env, org.orgId)
    const result = await runInDurableObject(stub, (instance: OrgWriter) =>
      (
        instance as unknown as {
          write: (o: string, a: unknown, p: Plan<string>) => Promise<RpcResult<string>>
        }
      ).write(org.orgId, { tokenId: org.tokenId, kind: 'scim' }, plan),
    )
    expect(result).toMatchObject({ ok: false, error: { status: 500 } })
    expect(await digest(org.orgId)).toBe(before)
    // … and the writer carries on normally afterwards.
    expect((await send(org, 'POST', '/Users', { userName: 'after@x.test' })).status).toBe(201)
    await consistent(org)
  })

  it('evicting the org writer between requests loses nothing and keeps the outbox gap-free', async () => {
    const org = await createTestOrg()
    const stub = orgWriterStub(env, org.orgId)
    for (let round = 0; round < 3; round++) {
      const res = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          send(org, 'POST', '/Users', { userName: `r${round}-${i}@x.test` }),
        ),
      )
      expect(res.map((r) => r.status)).toEqual(Array(5).fill(201))
      await evictDurableObject(stub)
    }
    expect((await getJson(org, '/Users?count=0')).totalResults).toBe(15)
    await consistent(org)
  })

  it('evicting the org writer during a burst loses no acknowledged write and half-writes none', async () => {
    const org = await createTestOrg()
    const stub = orgWriterStub(env, org.orgId)
    const burst = Array.from({ length: 30 }, (_, i) =>
      send(org, 'POST', '/Users', { userName: `b${i}@x.test` }),
    )
    // Evict only once writes are waiting in the writer's queue: the eviction is mid-burst.
    expect(await waitFor(async () => (await stub.queueDepth()) > 0)).toBe(true)
    await evictDurableObject(stub).catch(() => undefined)
    const responses = await Promise.all(burst)
    const acknowledged: string[] = []
    for (const res of responses) {
      expect([201, 503]).toContain(res.status)
      if (res.status === 503) expect(res.headers.get('Retry-After')).toBe('1')
      if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id)
    }
    for (const id of acknowledged) expect((await send(org, 'GET', `/Users/${id}`)).status).toBe(200)
    await consistent(org)
  })
})
