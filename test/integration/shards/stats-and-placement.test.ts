// Shards and placement (docs/scaling.md): GET /admin/v1/shards reports every shard; POST /orgs
// places an org on the shard it names, in its jurisdiction, or on the one with most room; the org's
// rows are written there and nowhere else. Other test files share the databases: growth is
// asserted, not totals.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY } from '../../helpers/api'
import { createGroup, createUser } from '../../helpers/resources'

interface Shard {
  id: string
  binding: string
  jurisdiction: string | null
  orgs: number
  users: number
  teams: number
  sizeBytes: number
  maxBytes: number
  usedFraction: number
}

const shards = async () =>
  ((await (await admin('/shards', OPERATOR_KEY)).json()) as { data: Shard[] }).data
const shard = (list: Shard[], id: string) => list.find((s) => s.id === id)!

const createOrg = (json: object) => admin('/orgs', OPERATOR_KEY, { method: 'POST', json })
const newId = () => `p-${crypto.randomUUID().slice(0, 13)}`

const usersIn = async (db: D1Database, orgId: string) =>
  (await db
    .prepare('SELECT count(*) AS n FROM users WHERE org_id = ?')
    .bind(orgId)
    .first<{ n: number }>())!.n

describe('GET /admin/v1/shards', () => {
  it('lists every shard with its binding and jurisdiction; an org grows its own shard only', async () => {
    const before = await shards()
    expect(before.map((s) => [s.id, s.binding, s.jurisdiction])).toEqual([
      ['main', 'DB', null],
      ['second', 'SHARD_2', null],
      ['eu', 'SHARD_EU', 'eu'],
    ])
    const org = await createTestOrg('Grows second', undefined, { shard: 'second' })
    await createUser(org, 'one@shard.test')
    await createUser(org, 'two@shard.test')
    await createGroup(org, 'Shard team')
    const after = await shards()
    const [b, a] = [shard(before, 'second'), shard(after, 'second')]
    expect(a.orgs).toBeGreaterThanOrEqual(b.orgs + 1)
    expect(a.users).toBeGreaterThanOrEqual(b.users + 2)
    expect(a.teams).toBeGreaterThanOrEqual(b.teams + 1)
    for (const s of after) {
      expect(s.sizeBytes).toBeGreaterThan(0)
      expect(s.maxBytes).toBe(10 * 1024 ** 3)
      expect(s.usedFraction).toBeCloseTo(s.sizeBytes / s.maxBytes, 5)
    }
    // The rows are on SHARD_2, not in the control database.
    expect(await usersIn(env.SHARD_2, org.orgId)).toBe(2)
    expect(await usersIn(env.DB, org.orgId)).toBe(0)
  })
})

describe('POST /admin/v1/orgs placement', () => {
  it('places the org on the shard named, answers and lists where it is', async () => {
    const id = newId()
    const res = await createOrg({ id, name: 'Named shard', shard: 'second' })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { placement: object }).placement).toEqual({
      shard: 'second',
      jurisdiction: null,
    })
    const row = await env.DB.prepare(
      'SELECT shard, jurisdiction FROM org_placements WHERE org_id = ?',
    )
      .bind(id)
      .first()
    expect(row).toEqual({ shard: 'second', jurisdiction: null })
    expect(await env.SHARD_2.prepare('SELECT id FROM orgs WHERE id = ?').bind(id).first()).toEqual({
      id,
    })
    expect(await env.DB.prepare('SELECT id FROM orgs WHERE id = ?').bind(id).first()).toBeNull()
    const list = (await (await admin('/orgs', OPERATOR_KEY)).json()) as {
      orgs: { id: string; placement: object }[]
    }
    expect(list.orgs.filter((o) => o.id === id)).toEqual([
      expect.objectContaining({ id, placement: { shard: 'second', jurisdiction: null } }),
    ])
  })

  it('a jurisdiction places the org on a shard of that jurisdiction, and only there', async () => {
    const id = newId()
    const res = await createOrg({ id, name: 'EU customer', jurisdiction: 'eu' })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { placement: object }).placement).toEqual({
      shard: 'eu',
      jurisdiction: 'eu',
    })
    expect(await env.SHARD_EU.prepare('SELECT id FROM orgs WHERE id = ?').bind(id).first()).toEqual(
      { id },
    )
  })

  it('without a jurisdiction, the org never lands on a jurisdiction shard', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await createOrg({ id: newId(), name: `Anywhere ${i}` })
      expect(res.status).toBe(201)
      const { placement } = (await res.json()) as { placement: { shard: string } }
      expect(['main', 'second']).toContain(placement.shard)
    }
  })

  it.each([
    [{ shard: 'nowhere' }, /no shard "nowhere"/],
    [{ shard: 'second', jurisdiction: 'eu' }, /not in jurisdiction "eu"/],
    [{ jurisdiction: 'us' }, /No shard is in jurisdiction "us"/],
  ])('refuses %j with 400 and leaves no trace', async (placement, message) => {
    const id = newId()
    const res = await createOrg({ id, name: 'Refused', ...placement })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message)
    expect(
      await env.DB.prepare('SELECT 1 FROM org_placements WHERE org_id = ?').bind(id).first(),
    ).toBeNull()
  })

  it('an id is unique across shards: the same id on another shard is 409', async () => {
    const id = newId()
    expect((await createOrg({ id, name: 'First', shard: 'main' })).status).toBe(201)
    const again = await createOrg({ id, name: 'Second', shard: 'second' })
    expect(again.status).toBe(409)
    expect(await env.SHARD_2.prepare('SELECT 1 FROM orgs WHERE id = ?').bind(id).first()).toBeNull()
  })

  it('a creation the writer refuses gives the id back', async () => {
    const id = newId()
    const res = await createOrg({
      id,
      name: 'Bad default team',
      shard: 'second',
      settings: { defaultTeamId: 'no-such-team' },
    })
    expect(res.status).toBe(400)
    expect(
      await env.DB.prepare('SELECT 1 FROM org_placements WHERE org_id = ?').bind(id).first(),
    ).toBeNull()
    expect((await createOrg({ id, name: 'Now fine', shard: 'second' })).status).toBe(201)
  })
})
