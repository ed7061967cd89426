// Membership at scale (Okta sends up to 1,000 member changes in one PATCH): applied atomically,
// unknown ids reject the whole request, and a 100,000-member group can still be read and changed.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, scim } from '../../helpers/api'
import { createGroup, getJson, patch } from '../../helpers/resources'
import { seedMembers, seedUsers } from '../../helpers/seed'

const count = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n

describe('membership at scale', () => {
  it('one PATCH with 1,000 member changes (500 adds, 500 removes) lands atomically', async () => {
    const org = await createTestOrg()
    const ids = await seedUsers(org.orgId, 1000)
    const group = await createGroup(org, 'Big push')
    await seedMembers(org.orgId, group.id, ids.slice(0, 500))
    const res = await patch(
      org,
      `/Groups/${group.id}`,
      { op: 'remove', path: 'members', value: ids.slice(0, 500).map((value) => ({ value })) },
      { op: 'add', path: 'members', value: ids.slice(500).map((value) => ({ value })) },
    )
    expect(res.status).toBe(204)
    const members = await count(
      'SELECT count(*) AS n FROM team_members WHERE org_id = ? AND team_id = ?',
      org.orgId,
      group.id,
    )
    expect(members).toBe(500)
    const kept = await count(
      'SELECT count(*) AS n FROM team_members WHERE org_id = ? AND team_id = ? AND user_id IN (SELECT value FROM json_each(?))',
      org.orgId,
      group.id,
      JSON.stringify(ids.slice(500)),
    )
    expect(kept).toBe(500)
    const events = await count(
      "SELECT count(*) AS n FROM events WHERE org_id = ? AND resource_id = ? AND type IN ('team.member_added', 'team.member_removed')",
      org.orgId,
      group.id,
    )
    expect(events).toBe(1000)
    expect(
      (await getJson(org, `/Groups/${group.id}?excludedAttributes=members`)).meta.version,
    ).toBe('W/"2"')
    const row = await env.DB.prepare('SELECT member_count AS n FROM teams WHERE id = ?')
      .bind(group.id)
      .first<{ n: number }>()
    expect(row?.n).toBe(500)
  })

  it('one unknown id among 1,000 rejects the whole PATCH with invalidValue and changes nothing', async () => {
    const org = await createTestOrg()
    const ids = await seedUsers(org.orgId, 999)
    const group = await createGroup(org, 'Strict')
    const stranger = crypto.randomUUID()
    const res = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [...ids, stranger].map((value) => ({ value })),
    })
    const body = await expectScimError(res, 400, 'invalidValue')
    expect(body.detail).toContain(stranger)
    expect(await count('SELECT count(*) AS n FROM team_members WHERE team_id = ?', group.id)).toBe(
      0,
    )
    expect((await getJson(org, `/Groups/${group.id}`)).meta.version).toBe('W/"1"')
  })

  it('a group with 100,000 members: read without members, changed by one, read with all members', async () => {
    const org = await createTestOrg()
    const ids = await seedUsers(org.orgId, 100_000)
    const group = await createGroup(org, 'Everyone')
    await seedMembers(org.orgId, group.id, ids.slice(0, 99_999))

    const light = await getJson(org, `/Groups/${group.id}?excludedAttributes=members`)
    expect(light.members).toBeUndefined()
    expect(light.displayName).toBe('Everyone')

    const add = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: ids[99_999] }],
    })
    expect(add.status).toBe(204)
    expect(await add.text()).toBe('')

    const filtered = await getJson(
      org,
      `/Groups?filter=${encodeURIComponent(`members[value eq "${ids[99_999]}"]`)}&excludedAttributes=members`,
    )
    expect(filtered.totalResults).toBe(1)

    const full = await scim(`/Groups/${group.id}`, org.token)
    expect(full.status).toBe(200)
    const body = (await full.json()) as { members: { value: string }[] }
    expect(body.members).toHaveLength(100_000)
    expect(body.members[99_999].value).toBe(ids[99_999])
  }, 120_000)
})
