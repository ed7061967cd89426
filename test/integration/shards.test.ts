// GET /admin/v1/shards: the database orgs are stored in, with what it holds and how full it is
// (docs/scaling.md). Other test files share the database, so growth is asserted, not totals.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY } from '../helpers/api'
import { createGroup, createUser } from '../helpers/resources'

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

describe('GET /admin/v1/shards', () => {
  it('reports the one database with its orgs, users, teams and size, and grows with them', async () => {
    const [before] = await shards()
    const org = await createTestOrg()
    await createUser(org, 'one@shard.test')
    await createUser(org, 'two@shard.test')
    await createGroup(org, 'Shard team')
    const list = await shards()
    expect(list.map((s) => [s.id, s.binding, s.jurisdiction])).toEqual([['main', 'DB', null]])
    const [after] = list
    expect(after.orgs).toBeGreaterThanOrEqual(before.orgs + 1)
    expect(after.users).toBeGreaterThanOrEqual(before.users + 2)
    expect(after.teams).toBeGreaterThanOrEqual(before.teams + 1)
    expect(after.sizeBytes).toBeGreaterThan(0)
    expect(after.maxBytes).toBe(10 * 1024 ** 3)
    expect(after.usedFraction).toBeCloseTo(after.sizeBytes / after.maxBytes, 5)
  })
})
