// Hot-path hygiene: each request type costs a known number of storage round trips, reported in
// X-IO-Trips. The revocation guard rides in the request's own batch (no extra D1 trip), and a
// token seen recently skips KV (src/auth/token-cache.ts). Below, tokens are warmed by an earlier
// request before the one measured.
import { describe, expect, it } from 'vitest'
import { createTestOrg, scim } from '../helpers/api'
import { createGroup, createUser, patch, send } from '../helpers/resources'

const trips = (res: Response) => res.headers.get('X-IO-Trips')

describe('storage round trips per request', () => {
  it('a token is read from KV once per isolate and minute; the D1 guard still runs every time', async () => {
    const org = await createTestOrg()
    const first = await scim('/ServiceProviderConfig', org.token)
    expect(trips(first)).toBe('kv=1;d1=1;do=0;do_d1=0')
    expect(trips(await scim('/ServiceProviderConfig', org.token))).toBe('kv=0;d1=1;do=0;do_d1=0')
  })

  it.each([
    ['GET /ServiceProviderConfig', 'kv=0;d1=1;do=0;do_d1=0'],
    ['GET /Users/{id}', 'kv=0;d1=1;do=0;do_d1=0'],
  ])('%s costs %s', async (name, expected) => {
    const org = await createTestOrg()
    const user = await createUser(org, 'io@x.test')
    const path = name.endsWith('{id}') ? `/Users/${user.id}` : '/ServiceProviderConfig'
    expect(trips(await scim(path, org.token))).toBe(expected)
  })

  it('a filtered list is one consistent batch for count and page (settings come from KV)', async () => {
    const org = await createTestOrg()
    await scim('/ServiceProviderConfig', org.token)
    const one = 'kv=0;d1=1;do=0;do_d1=0'
    expect(trips(await scim('/Users?filter=userName%20eq%20%22a%22', org.token))).toBe(one)
    expect(trips(await scim('/Groups?filter=displayName%20eq%20%22a%22', org.token))).toBe(one)
  })

  it('a create costs one writer call: one read batch and one commit once the writer is warm', async () => {
    const org = await createTestOrg()
    await createUser(org, 'warm@x.test')
    const res = await send(org, 'POST', '/Users', { userName: 'io2@x.test' })
    expect(trips(res)).toBe('kv=0;d1=0;do=1;do_d1=2')
  })

  it('a group add-member PATCH costs one read (group + O(k) member probe) and one commit', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'm@x.test')
    const group = await createGroup(org, 'G')
    const res = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    expect(trips(res)).toBe('kv=0;d1=0;do=1;do_d1=2')
  })

  it.each([
    ['POST /Users', 'POST', '/Users', { userName: 42 }],
    ['POST /Users', 'POST', '/Users', { name: { givenName: 'no userName' } }],
    ['PUT /Users/{id}', 'PUT', '/Users/x', { userName: 'a@x.test', active: 'maybe' }],
    ['POST /Groups', 'POST', '/Groups', { displayName: '  ' }],
    ['PUT /Groups/{id}', 'PUT', '/Groups/x', { displayName: 'G', members: 'everyone' }],
  ])(
    'an invalid %s body is refused in the Worker: no writer call',
    async (_, method, path, body) => {
      const org = await createTestOrg()
      await scim('/ServiceProviderConfig', org.token)
      const res = await send(org, method, path, body)
      expect(res.status).toBe(400)
      expect(trips(res)).toMatch(/;do=0;do_d1=0$/)
    },
  )
})
