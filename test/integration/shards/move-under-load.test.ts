// A move under a continuous stream of concurrent SCIM writes and reads (issue #16's "done when"):
// clients keep creating, reading back, patching, grouping and deleting users while the org moves
// from `main` to `second`. Every acknowledged write is there afterwards, every read-back of a
// client's own acknowledged write saw it (a read from a stale shard would miss it), nothing but
// 503 + Retry-After is ever answered besides success, and the outbox stays gap-free.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'
import { seedUsers } from '../../helpers/seed'
import { createGroup, getJson, PATCH_OP } from '../../helpers/resources'
import { finished, moveOf, startMove } from './move-helpers'
import { scim } from '../../helpers/api'

const CLIENTS = 4
/** Bounds the test whatever the move does: iterations per client. */
const MAX_ROUNDS = 80

interface Outcome {
  status: number
  body: Record<string, unknown> | null
}

/** A SCIM call, retried (a bounded number of times) only on 503 with Retry-After. */
async function call(org: TestOrg, method: string, path: string, body?: unknown): Promise<Outcome> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await scim(path, org.token, {
      method,
      headers: { 'Content-Type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status === 503 && res.headers.get('Retry-After')) {
      retried503++
      continue
    }
    const text = await res.text()
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null }
  }
  throw new Error(`${method} ${path}: still 503 after 50 attempts`)
}

let retried503 = 0

describe('a move under concurrent SCIM writes and reads', () => {
  it('loses no acknowledged write, never reads stale, keeps events gap-free', async () => {
    const org = await createTestOrg('Busy mover', {
      writesPerSecond: 200,
      readsPerSecond: 500,
    })
    // Enough rows that the copy takes many pages while the clients write.
    await seedUsers(org.orgId, 1500, 'bulk')
    const group = await createGroup(org, 'Everyone new')

    const live = new Map<string, string>() // id → displayName acknowledged last
    const deleted = new Set<string>()
    const members = new Set<string>()
    let writesDuringMove = 0
    let moving = false
    let done = false
    const problems: string[] = []
    const expectStatus = (what: string, got: Outcome, ...wanted: number[]) => {
      if (!wanted.includes(got.status))
        problems.push(`${what}: ${got.status} ${JSON.stringify(got.body)}`)
      return wanted.includes(got.status)
    }

    async function client(c: number) {
      for (let i = 0; i < MAX_ROUNDS && !(done && i >= 3); i++) {
        const created = await call(org, 'POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `c${c}-${i}@load.test`,
          displayName: 'v0',
        })
        if (!expectStatus('create', created, 201)) continue
        const id = created.body!.id as string
        live.set(id, 'v0')
        if (moving) writesDuringMove++
        const read = await call(org, 'GET', `/Users/${id}`)
        if (
          expectStatus(`read-back ${id}`, read, 200) &&
          read.body!.userName !== `c${c}-${i}@load.test`
        ) {
          problems.push(`read-back ${id}: ${JSON.stringify(read.body)}`)
        }
        const patched = await call(org, 'PATCH', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'displayName', value: `v1-${i}` }],
        })
        if (expectStatus(`patch ${id}`, patched, 200)) live.set(id, `v1-${i}`)
        const again = await call(org, 'GET', `/Users/${id}`)
        if (
          expectStatus(`read-back ${id}`, again, 200) &&
          again.body!.displayName !== live.get(id)
        ) {
          problems.push(`stale read of ${id}: ${again.body!.displayName} after ${live.get(id)}`)
        }
        const added = await call(org, 'PATCH', `/Groups/${group.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
        })
        if (expectStatus(`add ${id}`, added, 200, 204)) members.add(id)
        const found = await call(
          org,
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "c${c}-${i}@load.test"`)}`,
        )
        if (expectStatus(`filter ${id}`, found, 200) && found.body!.totalResults !== 1) {
          problems.push(`filter for ${id} found ${found.body!.totalResults}`)
        }
        if (i % 3 === 2) {
          const gone = await call(org, 'DELETE', `/Users/${id}`)
          if (expectStatus(`delete ${id}`, gone, 204)) {
            live.delete(id)
            members.delete(id)
            deleted.add(id)
            expectStatus(`read after delete ${id}`, await call(org, 'GET', `/Users/${id}`), 404)
          }
        }
      }
    }

    async function mover() {
      // Let the clients get going, then move.
      while (live.size < CLIENTS * 2) await getJson(org, '/ServiceProviderConfig')
      expect((await startMove(org, 'second')).status).toBe(202)
      moving = true
      const move = await finished(org)
      moving = false
      done = true
      return move
    }

    const [move] = await Promise.all([
      mover(),
      ...Array.from({ length: CLIENTS }, (_, c) => client(c)),
    ])
    expect(problems).toEqual([])
    expect(move.phase, move.error ?? '').toBe('done')
    expect(move.changesReplayed).toBeGreaterThan(0)
    expect(writesDuringMove).toBeGreaterThan(0)
    expect((await moveOf(org))!.to).toBe('second')

    // Every acknowledged write is there, from the new shard.
    for (const [id, displayName] of live) {
      const user = await call(org, 'GET', `/Users/${id}`)
      expect(user.status).toBe(200)
      expect(user.body!.displayName).toBe(displayName)
    }
    for (const id of deleted) expect((await call(org, 'GET', `/Users/${id}`)).status).toBe(404)
    const team = await call(org, 'GET', `/Groups/${group.id}`)
    const listed = ((team.body!.members ?? []) as { value: string }[]).map((m) => m.value)
    expect(new Set(listed)).toEqual(members)
    const total = await call(org, 'GET', '/Users?count=1')
    expect(total.body!.totalResults).toBe(1500 + live.size)

    // The outbox: gap-free, one created event per acknowledged create, one deleted per delete.
    const events: { seq: number; type: string; resourceId?: string }[] = []
    for (let after = 0; ;) {
      const res = await admin(`/orgs/${org.orgId}/events?limit=1000&after=${after}`, OPERATOR_KEY)
      const page = ((await res.json()) as { data: typeof events }).data
      if (page.length === 0) break
      events.push(...page)
      after = page[page.length - 1].seq
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    const count = (type: string) => events.filter((e) => e.type === type).length
    expect(count('user.created')).toBe(live.size + deleted.size)
    expect(count('user.deleted')).toBe(deleted.size)
    console.log(
      JSON.stringify({
        msg: 'move under load',
        acknowledgedCreates: live.size + deleted.size,
        writesDuringMove,
        changesReplayed: move.changesReplayed,
        writesHeldMs: move.writesHeldMs,
        retried503,
      }),
    )
  })
})
