// A walk by startIndex over an org's unfiltered list (Okta's import, Entra's account discovery)
// costs the same per page at any depth (bookmarks, src/http/list-bookmarks.ts; totals from
// org_counts, migration 0011) — and answers exactly what OFFSET paging answers, whatever is
// created or deleted between pages.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createTestOrg, scim, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, send, type Json } from '../../helpers/resources'
import { seedUsers } from '../../helpers/seed'

/** What OFFSET paging answers right now, straight from D1. */
async function offsetPage(org: TestOrg, table: string, startIndex: number, count: number) {
  const { results } = await env.DB.prepare(
    `SELECT id FROM ${table} WHERE org_id = ? ORDER BY seq LIMIT ? OFFSET ?`,
  )
    .bind(org.orgId, count, startIndex - 1)
    .all<{ id: string }>()
  const total = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE org_id = ?`)
    .bind(org.orgId)
    .first<{ n: number }>()
  return { ids: results.map((r) => r.id), total: total!.n }
}

async function page(org: TestOrg, path: string, startIndex: number, count: number) {
  const res = await scim(`${path}?startIndex=${startIndex}&count=${count}`, org.token)
  expect(res.status).toBe(200)
  const body = await res.json<Json>()
  const rowsRead = Number(/read=(\d+)/.exec(res.headers.get('X-D1-Rows') ?? '')?.[1])
  return {
    ids: ((body.Resources ?? []) as Json[]).map((r) => r.id as string),
    total: body.totalResults as number,
    rowsRead,
  }
}

describe('walking /Users by startIndex', () => {
  it('every page is what OFFSET answers, with creates and deletes between pages', async () => {
    const org = await createTestOrg('walk', { writesPerSecond: 10_000 })
    const seeded = await seedUsers(org.orgId, 120)
    const count = 20
    const seen: string[] = []
    for (let startIndex = 1, step = 0; startIndex <= 200; startIndex += count, step++) {
      if (step === 2) await createUser(org, `late-${step}@x.test`) // appended: positions hold
      if (step === 3) expect((await send(org, 'DELETE', `/Users/${seeded[5]}`)).status).toBe(204)
      if (step === 4) expect((await send(org, 'DELETE', `/Users/${seeded[90]}`)).status).toBe(204)
      const got = await page(org, '/Users', startIndex, count)
      const expected = await offsetPage(org, 'users', startIndex, count)
      expect(got.ids).toEqual(expected.ids)
      expect(got.total).toBe(expected.total)
      seen.push(...got.ids)
    }
    expect(seen.length).toBeGreaterThan(100)
  })

  it('deep pages read about a page of rows, not every row before them', async () => {
    const org = await createTestOrg('walk-cost', { writesPerSecond: 10_000 })
    await seedUsers(org.orgId, 1_200)
    const reads: number[] = []
    for (let startIndex = 1; startIndex <= 1_101; startIndex += 100) {
      reads.push((await page(org, '/Users', startIndex, 100)).rowsRead)
    }
    // The first page has no bookmark but starts at 0; every later page starts from the last one.
    for (const r of reads) expect(r).toBeLessThanOrEqual(110)
    // A jump past the bookmarks pays OFFSET (still exact): here, the skipped rows show.
    const fresh = await createTestOrg('walk-jump', { writesPerSecond: 10_000 })
    await seedUsers(fresh.orgId, 1_200)
    const jump = await page(fresh, '/Users', 1_150, 10)
    expect(jump.ids).toEqual((await offsetPage(fresh, 'users', 1_150, 10)).ids)
    expect(jump.rowsRead).toBeGreaterThan(1_000)
    // The same page again (an IdP's retry) starts just before its first row.
    const again = await page(fresh, '/Users', 1_150, 10)
    expect(again.ids).toEqual(jump.ids)
    expect(again.rowsRead).toBeLessThanOrEqual(20)
  })

  it('groups walk the same way; the total is the org count kept by triggers', async () => {
    const org = await createTestOrg('walk-groups', { writesPerSecond: 10_000 })
    const groups: string[] = []
    for (let i = 0; i < 7; i++) groups.push((await createGroup(org, `G${i}`)).id as string)
    expect((await send(org, 'DELETE', `/Groups/${groups[1]}`)).status).toBe(204)
    for (const startIndex of [1, 4, 7]) {
      const got = await page(org, '/Groups', startIndex, 3)
      const expected = await offsetPage(org, 'teams', startIndex, 3)
      expect(got).toMatchObject(expected)
    }
    const counts = await env.DB.prepare(
      'SELECT teams, teams_removed AS removed FROM org_counts WHERE org_id = ?',
    )
      .bind(org.orgId)
      .first<{ teams: number; removed: number }>()
    expect(counts).toEqual({ teams: (await offsetPage(org, 'teams', 1, 100)).total, removed: 1 })
  })

  it("a user's groups list in team creation order (not by id)", async () => {
    const org = await createTestOrg('walk-links', { writesPerSecond: 10_000 })
    const user = await createUser(org, 'member@x.test')
    const teams: string[] = []
    for (let i = 0; i < 6; i++) {
      const team = await createGroup(org, `Team ${i}`, { members: [{ value: user.id }] })
      teams.push(team.id as string)
    }
    // Six random ids come in creation order by chance once in 720 runs; the page must not care.
    const listed = await scim(`/Users?filter=userName%20eq%20%22member@x.test%22`, org.token)
    const [found] = (await listed.json<Json>()).Resources as Json[]
    expect((found.groups as Json[]).map((g) => g.value)).toEqual(teams)
  })
})
