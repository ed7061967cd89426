// The directory API's reads and the app's own teams (admin API). Pages are keyset-paged on
// insertion order: walking to the end while others insert shows no user twice and skips none of
// those present at the start. Each page is one D1 round trip (X-IO-Trips).
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY, scim, type TestOrg } from '../../helpers/api'
import { createGroup, createUser, getJson, patch, send, type Json } from '../../helpers/resources'
import { seedUsers } from '../../helpers/seed'

const get = async (org: TestOrg, path: string) => {
  const res = await admin(`/orgs/${org.orgId}${path}`, org.adminKey)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Json
}

async function walk(org: TestOrg, path: string, onPage?: () => Promise<void>) {
  const seen: string[] = []
  let after: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const sep = path.includes('?') ? '&' : '?'
    const page = await get(org, `${path}${after ? `${sep}after=${encodeURIComponent(after)}` : ''}`)
    seen.push(...page.data.map((item: Json) => item.id ?? item.userId))
    await onPage?.()
    if (!page.next) return seen
    after = page.next
  }
  throw new Error('paging did not end')
}

describe('users', () => {
  it('filters: email (any of the user’s, any case), externalId, active, teamId', async () => {
    const org = await createTestOrg()
    const team = await createGroup(org, 'Ops')
    const a = await createUser(org, 'a@x.test', {
      externalId: 'ext-a',
      emails: [
        { value: 'home@a.test', type: 'home' },
        { value: 'Work@A.test', type: 'work', primary: true },
      ],
      groups: [{ value: team.id }],
    })
    const b = await createUser(org, 'b@x.test', { active: false })
    const ids = async (q: string) => (await get(org, `/users?${q}`)).data.map((u: Json) => u.id)
    expect(await ids('email=home%40a.test')).toEqual([a.id])
    expect(await ids('email=WORK%40a.TEST')).toEqual([a.id])
    expect(await ids('externalId=ext-a')).toEqual([a.id])
    expect(await ids('active=false')).toEqual([b.id])
    expect(await ids('active=true')).toEqual([a.id])
    expect(await ids(`teamId=${team.id}`)).toEqual([a.id])
    expect(await ids('email=nobody%40x.test')).toEqual([])
    const user = await get(org, `/users/${a.id}`)
    expect(user.email).toBe('Work@A.test') // the primary
    expect(user.teams).toEqual([{ id: team.id, name: 'Ops' }])
  })

  it('email finds its users from the email index, not by walking the org (X-D1-Rows)', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 20_000)
    const last = await createUser(org, 'last@x.test', { emails: [{ value: 'Last@X.test' }] })
    const res = await admin(`/orgs/${org.orgId}/users?email=last%40x.test`, OPERATOR_KEY)
    expect(((await res.json()) as { data: Json[] }).data.map((u) => u.id)).toEqual([last.id])
    // The user's row, its email and role rows and the index entry: tens, not the 20,001 users.
    const read = Number(/read=(\d+)/.exec(res.headers.get('X-D1-Rows') ?? '')?.[1])
    expect(read).toBeLessThan(50)
  }, 60_000)

  it('search (q) by userName, displayName or email prefix, in any case; role; combined', async () => {
    const org = await createTestOrg()
    const ROLE = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User'
    const ada = await createUser(org, 'ada.lovelace@x.test', {
      displayName: 'Ada Lovelace',
      emails: [{ value: 'countess@analytical.test', primary: true }],
      [ROLE]: { role: 'team_admin' },
    })
    const zoe = await createUser(org, 'zoe@x.test', { displayName: 'Zoë Ångström', active: false })
    const bob = await createUser(org, 'bob@x.test', { [ROLE]: { role: 'member' } })
    const ids = async (q: string) => (await get(org, `/users?${q}`)).data.map((u: Json) => u.id)
    expect(await ids('q=ADA')).toEqual([ada.id]) // userName prefix
    expect(await ids(`q=${encodeURIComponent('ada love')}`)).toEqual([ada.id]) // displayName prefix
    expect(await ids('q=Countess')).toEqual([ada.id]) // an email prefix
    expect(await ids(`q=${encodeURIComponent('zoë å')}`)).toEqual([zoe.id]) // folded like names
    expect(await ids('q=lovelace')).toEqual([]) // a prefix, not a substring
    expect(await ids('q=%40x.test')).toEqual([])
    expect(await ids('role=team_admin')).toEqual([ada.id])
    expect(await ids('role=member')).toEqual([bob.id])
    expect(await ids('q=zoe&active=false')).toEqual([zoe.id])
    expect(await ids('q=zoe&active=true')).toEqual([])
    const blank = await admin(`/orgs/${org.orgId}/users?q=%20`, org.adminKey)
    expect(blank.status).toBe(400)
    const paged = await get(org, '/users?q=b&limit=1')
    expect(paged.data.map((u: Json) => u.id)).toEqual([bob.id])
    expect(paged.next).toBeNull()
  })

  it("a user's own events: resourceId= on the feed", async () => {
    const org = await createTestOrg()
    const a = await createUser(org, 'ev-a@x.test')
    await createUser(org, 'ev-b@x.test')
    await patch(org, `/Users/${a.id}`, { op: 'replace', path: 'active', value: false })
    const events = await get(org, `/events?resourceId=${a.id}`)
    expect(events.data.map((e: Json) => e.type)).toEqual(['user.created', 'user.deactivated'])
  })

  it('pages to the end with concurrent inserts: none twice, none present at the start skipped', async () => {
    const org = await createTestOrg('paging', { writesPerSecond: 10_000 })
    const initial = await seedUsers(org.orgId, 23)
    let n = 0
    const seen = await walk(org, '/users?limit=5', async () => {
      await createUser(org, `late${n++}@x.test`)
    })
    expect(new Set(seen).size).toBe(seen.length)
    for (const id of initial) expect(seen).toContain(id)
  })

  it('a page is one D1 round trip', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 3)
    await admin('/me', org.adminKey) // the key is in this isolate's cache: no KV read below
    const res = await admin(`/orgs/${org.orgId}/users?limit=2`, org.adminKey)
    expect(res.headers.get('X-IO-Trips')).toBe('kv=0;d1=1;do=0;do_d1=0')
    const operator = await admin(`/orgs/${org.orgId}/users?limit=2`, OPERATOR_KEY)
    expect(operator.headers.get('X-IO-Trips')).toBe('kv=0;d1=1;do=0;do_d1=0')
  })

  it.each([
    ['limit over 500', '?limit=501'],
    ['a limit of 0', '?limit=0'],
    ['a cursor this server did not issue', '?after=bm9wZQ'],
    ['active neither true nor false', '?active=maybe'],
  ])('400 for %s', async (_case, query) => {
    const org = await createTestOrg()
    expect((await admin(`/orgs/${org.orgId}/users${query}`, org.adminKey)).status).toBe(400)
  })

  it('a cursor from another org does not open', async () => {
    const org = await createTestOrg()
    const other = await createTestOrg()
    await seedUsers(org.orgId, 3)
    const { next } = await get(org, '/users?limit=1')
    const res = await admin(`/orgs/${other.orgId}/users?after=${next}`, other.adminKey)
    expect(res.status).toBe(400)
  })

  it('404 for an unknown user or org', async () => {
    const org = await createTestOrg()
    expect((await admin(`/orgs/${org.orgId}/users/nope`, org.adminKey)).status).toBe(404)
    expect((await admin('/orgs/no-such-org/users', OPERATOR_KEY)).status).toBe(404)
  })
})

describe('teams the app owns', () => {
  it('created by the app, linked by an IdP under link-only by its name (409), never deleted over SCIM', async () => {
    const org = await createTestOrg('linked', { groupPolicy: 'link-only' })
    const created = await admin(`/orgs/${org.orgId}/teams`, org.adminKey, {
      method: 'POST',
      json: { name: 'Engineering' },
    })
    expect(created.status).toBe(201)
    const team = (await created.json()) as Json
    expect(team).toMatchObject({ name: 'Engineering', source: 'app', memberCount: 0 })
    // Okta "Link Group" / Entra matching: the lookup finds it, a push of the name is 409.
    const found = await getJson(
      org,
      `/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`,
    )
    expect(found.Resources.map((g: Json) => g.id)).toEqual([team.id])
    const push = await send(org, 'POST', '/Groups', { displayName: 'ENGINEERING' })
    expect(push.status).toBe(409)
    const user = await createUser(org, 'm@x.test')
    const add = await patch(org, `/Groups/${team.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    expect(add.status).toBe(204)
    const members = await get(org, `/teams/${team.id}/members`)
    expect(members.data).toEqual([
      {
        userId: user.id,
        userName: 'm@x.test',
        email: null,
        role: null,
        addedAt: expect.any(String),
      },
    ])
    expect((await send(org, 'DELETE', `/Groups/${team.id}`)).status).toBe(403)
  })

  it('under full policy too, an IdP cannot delete an app team; the app cannot delete an IdP team', async () => {
    const org = await createTestOrg()
    const app = (await (
      await admin(`/orgs/${org.orgId}/teams`, OPERATOR_KEY, {
        method: 'POST',
        json: { name: 'App' },
      })
    ).json()) as Json
    const idp = await createGroup(org, 'Pushed')
    expect((await send(org, 'DELETE', `/Groups/${app.id}`)).status).toBe(403)
    const refused = await admin(`/orgs/${org.orgId}/teams/${idp.id}`, OPERATOR_KEY, {
      method: 'DELETE',
    })
    expect(refused.status).toBe(409)
    const deleted = await admin(`/orgs/${org.orgId}/teams/${app.id}`, OPERATOR_KEY, {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(204)
    expect((await scim(`/Groups/${app.id}`, org.token)).status).toBe(404)
  })

  it('names are unique as IdPs compare them; the name filter finds one', async () => {
    const org = await createTestOrg()
    await createGroup(org, 'Équipe')
    const dup = await admin(`/orgs/${org.orgId}/teams`, org.adminKey, {
      method: 'POST',
      json: { name: 'ÉQUIPE' },
    })
    expect(dup.status).toBe(409)
    const teams = await get(org, `/teams?name=${encodeURIComponent('équipe')}`)
    expect(teams.data.map((t: Json) => t.name)).toEqual(['Équipe'])
    const blank = await admin(`/orgs/${org.orgId}/teams`, org.adminKey, {
      method: 'POST',
      json: { name: ' ' },
    })
    expect(blank.status).toBe(400)
  })

  it('teams and members page to the end', async () => {
    const org = await createTestOrg('teams', { writesPerSecond: 10_000 })
    for (let i = 0; i < 7; i++) await createGroup(org, `T${i}`)
    expect(await walk(org, '/teams?limit=3')).toHaveLength(7)
    const users = await seedUsers(org.orgId, 9)
    const team = await createGroup(org, 'Big', { members: users.map((value) => ({ value })) })
    expect(await walk(org, `/teams/${team.id}/members?limit=4`)).toEqual(users)
  })
})
