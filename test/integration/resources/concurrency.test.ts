// Writes for one org are serialized by its OrgWriter: concurrent requests never lose an update
// and uniqueness holds under a race (DESIGN: "one Durable Object per org serializing writes").
import { describe, expect, it } from 'vitest'
import { createTestOrg } from '../../helpers/api'
import { createGroup, createUser, getJson, memberIds, patch, send } from '../../helpers/resources'

describe('concurrent writes to one org', () => {
  it('50 concurrent add-member PATCHes on one group: all 50 members present', async () => {
    const org = await createTestOrg()
    const users = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createUser(org, `m${i}@x.test`)),
    )
    const group = await createGroup(org, 'Burst')
    const results = await Promise.all(
      users.map((u) =>
        patch(org, `/Groups/${group.id}`, { op: 'Add', path: 'members', value: [{ value: u.id }] }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(204))
    expect(await memberIds(org, group.id)).toEqual(users.map((u) => u.id).sort())
    const after = await getJson(org, `/Groups/${group.id}`)
    expect(after.meta.version).toBe('W/"51"')
  })

  it('50 concurrent POSTs of one userName in different letter case: one 201, 49 × 409 uniqueness', async () => {
    const org = await createTestOrg()
    const variants = Array.from({ length: 50 }, (_, i) =>
      [...'race.user@example.com']
        .map((ch, j) => ((i >> (j % 6)) & 1 ? ch.toUpperCase() : ch))
        .join(''),
    )
    const results = await Promise.all(
      variants.map((userName) => send(org, 'POST', '/Users', { userName })),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, ...Array(49).fill(409)])
    for (const res of results.filter((r) => r.status === 409)) {
      expect(((await res.json()) as { scimType: string }).scimType).toBe('uniqueness')
    }
    const list = await getJson(
      org,
      '/Users?filter=' + encodeURIComponent('userName eq "RACE.USER@example.com"'),
    )
    expect(list.totalResults).toBe(1)
  })

  it('concurrent PATCHes of different attributes of one user are both applied', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'both@x.test')
    const [a, b, c] = await Promise.all([
      patch(org, `/Users/${user.id}`, { op: 'replace', path: 'title', value: 'Engineer' }),
      patch(org, `/Users/${user.id}`, { op: 'replace', path: 'name.givenName', value: 'Bo' }),
      patch(org, `/Users/${user.id}`, {
        op: 'add',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        value: 'R&D',
      }),
    ])
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200])
    const after = await getJson(org, `/Users/${user.id}`)
    expect(after.title).toBe('Engineer')
    expect(after.name.givenName).toBe('Bo')
    expect(after['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].department).toBe(
      'R&D',
    )
    expect(after.meta.version).toBe('W/"4"')
  })
})
