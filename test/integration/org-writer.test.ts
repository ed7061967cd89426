// The OrgWriter is the only writer of an org's rows: writes are serialized, each commits as one
// batch with its events, and RPC answers are plain data.
import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import type { OrgWriter } from '../../src/do/org-writer'
import { createTestOrg } from '../helpers/api'
import { behindWriter } from '../helpers/behind-writer'

type EventRow = { seq: number; type: string; resource_id: string; token_id: string | null }

async function eventsOf(orgId: string) {
  const { results } = await env.DB.prepare(
    'SELECT seq, type, resource_id, token_id FROM events WHERE org_id = ? ORDER BY seq',
  )
    .bind(orgId)
    .all<EventRow>()
  return results
}

describe('OrgWriter', () => {
  it('60 concurrent writes to one org: none lost, none interleaved, events gap-free', async () => {
    const org = await createTestOrg()
    const before = await eventsOf(org.orgId)
    const stub = orgWriterStub(env, org.orgId)
    const actor = { tokenId: org.adminKeyId, kind: 'admin' as const }
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stub.createToken(org.orgId, actor, { kind: 'scim', label: `burst ${i}`, expiresAt: null }),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)

    const { results: tokens } = await env.DB.prepare(
      "SELECT id, label FROM tokens WHERE org_id = ? AND label LIKE 'burst %'",
    )
      .bind(org.orgId)
      .all<{ id: string; label: string }>()
    expect(tokens).toHaveLength(60)

    const events = (await eventsOf(org.orgId)).slice(before.length)
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: 60 }, (_, i) => before.length + i + 1),
    )
    expect(new Set(events.map((e) => e.resource_id))).toEqual(new Set(tokens.map((t) => t.id)))
    expect(events.every((e) => e.type === 'token.created' && e.token_id === org.adminKeyId)).toBe(
      true,
    )
  })

  it('writes to different orgs run in different objects and do not share a sequence', async () => {
    const [a, b] = await Promise.all([createTestOrg(), createTestOrg()])
    const seqA = (await eventsOf(a.orgId)).map((e) => e.seq)
    const seqB = (await eventsOf(b.orgId)).map((e) => e.seq)
    expect(seqA).toEqual([1, 2, 3])
    expect(seqB).toEqual([1, 2, 3])
    expect(orgWriterStub(env, a.orgId).id.equals(orgWriterStub(env, b.orgId).id)).toBe(false)
  })

  it('reports failures as plain data that survives RPC', async () => {
    const org = await createTestOrg()
    const stub = orgWriterStub(env, org.orgId)
    const result = await stub.revokeToken(
      org.orgId,
      { operator: true },
      { tokenId: 'nope', kind: 'scim' },
    )
    expect(result).toEqual({
      ok: false,
      error: { status: 404, detail: 'Token nope not found.' },
      // Planned from the writer's own copy; before refusing, it checks that copy against D1 (one trip).
      trips: 1,
      rows: expect.objectContaining({ written: 0 }),
    })
  })

  it('refuses a write whose credential was revoked, re-checked in the write itself', async () => {
    const org = await createTestOrg()
    await behindWriter(
      org.orgId,
      env.DB.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').bind(
        new Date().toISOString(),
        org.adminKeyId,
      ),
    )
    const stub = orgWriterStub(env, org.orgId)
    const result = await stub.createToken(
      org.orgId,
      { tokenId: org.adminKeyId, kind: 'admin' },
      {
        kind: 'scim',
        label: 'late',
        expiresAt: null,
      },
    )
    expect(result).toMatchObject({ ok: false, error: { status: 401 } })
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM tokens WHERE org_id = ? AND label = 'late'",
    )
      .bind(org.orgId)
      .first<{ n: number }>()
    expect(count?.n).toBe(0)
  })

  it('re-reads the event sequence after a failed commit (a stale cache never sticks)', async () => {
    const org = await createTestOrg()
    const stub = orgWriterStub(env, org.orgId)
    await runInDurableObject(stub, async (instance: OrgWriter) => {
      expect(instance.queueDepth()).toBe(0)
    })
    const actor = { operator: true as const }
    await stub.createToken(org.orgId, actor, { kind: 'scim', label: 'a', expiresAt: null })
    // A write made behind the cached seq's back (as after a restart elsewhere) must not collide.
    await env.DB.prepare(
      "INSERT INTO events (org_id, seq, id, type, data, created_at) VALUES (?, (SELECT max(seq)+1 FROM events WHERE org_id = ?), ?, 'test.marker', '{}', ?)",
    )
      .bind(org.orgId, org.orgId, crypto.randomUUID(), new Date().toISOString())
      .run()
    const collided = await stub.createToken(org.orgId, actor, {
      kind: 'scim',
      label: 'b',
      expiresAt: null,
    })
    expect(collided.ok).toBe(false) // the cached seq is stale: the batch fails as a whole …
    const retried = await stub.createToken(org.orgId, actor, {
      kind: 'scim',
      label: 'b',
      expiresAt: null,
    })
    expect(retried.ok).toBe(true) // … and the writer re-reads the sequence for the next write.
    const labels = await env.DB.prepare(
      "SELECT label FROM tokens WHERE org_id = ? AND label IN ('a','b')",
    )
      .bind(org.orgId)
      .all<{ label: string }>()
    expect(labels.results.map((r) => r.label).sort()).toEqual(['a', 'b'])
    const seqs = (await eventsOf(org.orgId)).map((e) => e.seq)
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
  })
})
