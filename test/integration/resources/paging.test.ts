// Listing (RFC 7644 §3.4.2): index paging with a stable order (Okta imports with count=100,
// startIndex += 100), RFC 9865 cursor paging, sorting, count limits and projection.
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, type TestOrg } from '../../helpers/api'
import { createUser, getJson, send, type Json } from '../../helpers/resources'
import { seedUsers } from '../../helpers/seed'

const ids = (list: Json) => (list.Resources as { id: string }[]).map((r) => r.id)

async function walkCursor(org: TestOrg, query: string): Promise<string[]> {
  const seen: string[] = []
  let cursor = ''
  for (let pages = 0; pages < 100; pages++) {
    const page = await getJson(org, `/Users?${query}&cursor=${encodeURIComponent(cursor)}`)
    expect(page.startIndex).toBeUndefined()
    seen.push(...ids(page))
    if (!page.nextCursor) return seen
    cursor = page.nextCursor
  }
  throw new Error('cursor paging did not end')
}

describe('listing', () => {
  it('index pages cover every user once, in creation order', async () => {
    const org = await createTestOrg()
    const created = await seedUsers(org.orgId, 25)
    const pages = await Promise.all(
      [1, 11, 21].map((start) => getJson(org, `/Users?startIndex=${start}&count=10`)),
    )
    expect(pages.map((p) => [p.startIndex, p.itemsPerPage, p.totalResults])).toEqual([
      [1, 10, 25],
      [11, 10, 25],
      [21, 5, 25],
    ])
    expect(pages.flatMap(ids)).toEqual(created)
  })

  it.each([
    [
      'count=0 answers totalResults only',
      'count=0',
      { totalResults: 3, itemsPerPage: 0, Resources: [] },
    ],
    [
      'startIndex below 1 is read as 1',
      'startIndex=-4&count=1',
      { startIndex: 1, itemsPerPage: 1 },
    ],
    [
      'startIndex past the end is an empty page',
      'startIndex=10',
      { totalResults: 3, itemsPerPage: 0, Resources: [] },
    ],
  ])('%s', async (_name, query, expected) => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 3)
    expect(await getJson(org, `/Users?${query}`)).toMatchObject(expected)
  })

  it('count above the maximum is capped at 1000', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 1005)
    const page = await getJson(org, '/Users?count=5000&attributes=userName')
    expect(page.itemsPerPage).toBe(1000)
    expect(page.totalResults).toBe(1005)
  })

  it('cursor paging walks the same set as one big page, filtered and sorted', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 23, 'a')
    await seedUsers(org.orgId, 7, 'b')
    const filter = encodeURIComponent('userName sw "a"')
    const all = ids(
      await getJson(org, `/Users?filter=${filter}&count=1000&sortBy=userName&sortOrder=descending`),
    )
    expect(all).toHaveLength(23)
    expect(
      await walkCursor(org, `filter=${filter}&count=4&sortBy=userName&sortOrder=descending`),
    ).toEqual(all)
    expect(await walkCursor(org, 'count=7')).toHaveLength(30)
  })

  it('sortBy sorts case-insensitively with absent values last, ties by creation', async () => {
    const org = await createTestOrg()
    const b = await createUser(org, 'b@x.test', { displayName: 'beta' })
    const none = await createUser(org, 'n@x.test')
    const a = await createUser(org, 'a@x.test', { displayName: 'Alpha' })
    const c = await createUser(org, 'c@x.test', { displayName: 'Charlie' })
    expect(ids(await getJson(org, '/Users?sortBy=displayName'))).toEqual([
      a.id,
      b.id,
      c.id,
      none.id,
    ])
    expect(ids(await getJson(org, '/Users?sortBy=displayName&sortOrder=DESCENDING'))).toEqual([
      c.id,
      b.id,
      a.id,
      none.id,
    ])
  })

  it.each([
    ['a cursor that is not ours', 'cursor=bm9wZQ', 'invalidCursor'],
    ['startIndex and cursor together', 'cursor=&startIndex=1', 'invalidValue'],
    ['an unknown sortBy', 'sortBy=shoeSize', 'invalidValue'],
    ['a non-integer count', 'count=ten', 'invalidValue'],
  ])('400 for %s', async (_name, query, scimType) => {
    const org = await createTestOrg()
    await expectScimError(await send(org, 'GET', `/Users?${query}`), 400, scimType)
  })

  it('a cursor replayed with another filter is invalidCursor', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 3)
    const first = await getJson(org, '/Users?cursor=&count=1')
    const res = await send(
      org,
      'GET',
      `/Users?cursor=${first.nextCursor}&count=1&filter=${encodeURIComponent('userName pr')}`,
    )
    await expectScimError(res, 400, 'invalidCursor')
  })

  it('a cursor is opaque: it reveals no position, and opens only in the org that got it', async () => {
    const org = await createTestOrg()
    const other = await createTestOrg()
    await seedUsers(org.orgId, 3)
    await seedUsers(other.orgId, 3)
    const first = await getJson(org, '/Users?cursor=&count=1')
    const raw = atob(first.nextCursor.replace(/-/g, '+').replace(/_/g, '/'))
    expect(() => JSON.parse(raw)).toThrow() // sealed: not the JSON payload
    expect(raw).not.toContain('"seq"')
    // Another org: same shape of query, the cursor does not open there.
    const elsewhere = await send(other, 'GET', `/Users?cursor=${first.nextCursor}&count=1`)
    await expectScimError(elsewhere, 400, 'invalidCursor')
    // One character changed: refused, never a wrong page.
    const flip = first.nextCursor.at(-2) === 'A' ? 'B' : 'A'
    const tampered = `${first.nextCursor.slice(0, -2)}${flip}${first.nextCursor.at(-1)}`
    await expectScimError(
      await send(org, 'GET', `/Users?cursor=${tampered}&count=1`),
      400,
      'invalidCursor',
    )
    // And it still works where it belongs.
    const second = await getJson(org, `/Users?cursor=${first.nextCursor}&count=1`)
    expect(second.Resources).toHaveLength(1)
    expect(second.Resources[0].id).not.toBe(first.Resources[0].id)
  })

  it('attributes returns only what was asked (and id); excludedAttributes drops it', async () => {
    const org = await createTestOrg()
    await createUser(org, 'p@x.test', { displayName: 'P', title: 'Dev' })
    const only = (await getJson(org, '/Users?attributes=userName,title')).Resources[0]
    expect(Object.keys(only).sort()).toEqual(['id', 'schemas', 'title', 'userName'])
    const without = (await getJson(org, '/Users?excludedAttributes=title,meta')).Resources[0]
    expect(without).toMatchObject({ userName: 'p@x.test', displayName: 'P' })
    expect(without.title).toBeUndefined()
    expect(without.meta).toBeUndefined()
  })

  it('POST /Users/.search takes the same parameters in a SearchRequest body', async () => {
    const org = await createTestOrg()
    await createUser(org, 'one@x.test')
    const two = await createUser(org, 'two@x.test')
    const res = await send(org, 'POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "TWO@x.test"',
      attributes: ['userName'],
      startIndex: 1,
      count: 10,
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      totalResults: number
      Resources: { id: string; userName: string }[]
    }
    expect(body.totalResults).toBe(1)
    expect(body.Resources[0]).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: two.id,
      userName: 'two@x.test',
    })
  })
})
