// The app's directory reads through D1 sessions (http/replica.ts): every operator GET answers a
// bookmark; a request may start from one (or from any replica); an app write answers a bookmark
// that has seen it; a malformed bookmark is a 400; org admin keys and SCIM never use replicas.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY, scim } from '../../helpers/api'
import { createUser } from '../../helpers/resources'

const HEADER = 'X-D1-Bookmark'

const withBookmark = (bookmark: string) => ({ headers: { [HEADER]: bookmark } })

describe('read replicas for the directory', () => {
  it('answers a bookmark; reads from any replica, or from a bookmark, see what it saw', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'replica@example.test')
    const first = await admin(
      `/orgs/${org.orgId}/users`,
      OPERATOR_KEY,
      withBookmark('first-unconstrained'),
    )
    expect(first.status).toBe(200)
    const bookmark = first.headers.get(HEADER)
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)*$/i)
    const again = await admin(
      `/orgs/${org.orgId}/users/${user.id}`,
      OPERATOR_KEY,
      withBookmark(bookmark!),
    )
    expect(again.status).toBe(200)
    expect(((await again.json()) as { id: string }).id).toBe(user.id)
    // Without the header the session starts at the primary, and still answers its bookmark.
    const primary = await admin(`/orgs/${org.orgId}/events?types=user.created`, OPERATOR_KEY)
    expect(primary.headers.get(HEADER)).toBeTruthy()
  })

  it('an app write answers a bookmark at least as fresh as the write', async () => {
    const org = await createTestOrg()
    const created = await admin(`/orgs/${org.orgId}/teams`, OPERATOR_KEY, {
      method: 'POST',
      json: { name: 'Replicated' },
    })
    expect(created.status).toBe(201)
    const bookmark = created.headers.get(HEADER)
    expect(bookmark).toBeTruthy()
    const team = (await created.json()) as { id: string }
    const read = await admin(
      `/orgs/${org.orgId}/teams/${team.id}`,
      OPERATOR_KEY,
      withBookmark(bookmark!),
    )
    expect(read.status).toBe(200)
    // Bookmarks only move forward: the read's is not older than the write's.
    expect(read.headers.get(HEADER)! >= bookmark!).toBe(true)
  })

  it.each(['yesterday', 'first-replica', '0000 0001', 'x'.repeat(300)])(
    'refuses the bookmark %s with 400 before reading anything',
    async (bookmark) => {
      const org = await createTestOrg()
      const res = await admin(`/orgs/${org.orgId}/users`, OPERATOR_KEY, withBookmark(bookmark))
      expect(res.status).toBe(400)
      expect(((await res.json()) as any).error.message).toMatch(/X-D1-Bookmark/)
    },
  )

  it('org admin keys and SCIM read the primary and answer no bookmark', async () => {
    const org = await createTestOrg()
    const own = await admin(
      `/orgs/${org.orgId}/users`,
      org.adminKey,
      withBookmark('first-unconstrained'),
    )
    expect(own.status).toBe(200)
    expect(own.headers.get(HEADER)).toBeNull()
    const viaScim = await scim('/Users', org.token, withBookmark('first-unconstrained'))
    expect(viaScim.status).toBe(200)
    expect(viaScim.headers.get(HEADER)).toBeNull()
  })
})
