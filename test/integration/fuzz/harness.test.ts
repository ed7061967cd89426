// The fuzz properties are only as strong as their digest: each kind of write must change it.
import { describe, expect, it } from 'vitest'
import { admin } from '../../helpers/api'
import { createGroup, createUser, patch } from '../../helpers/resources'
import { assertUnchanged, fuzzOrg, orgDigest, type Exchange } from './harness'

const ROLE = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User:role'
const EX: Exchange = {
  request: 'self-check',
  status: 400,
  contentType: null,
  wwwAuthenticate: null,
  text: '',
}

describe('fuzz harness: orgDigest sees every write', () => {
  it.each<[string, string, (o: Awaited<ReturnType<typeof fixture>>) => Promise<Response>]>([
    [
      'users, events',
      'title',
      (o) => patch(o.org, `/Users/${o.user}`, { op: 'replace', path: 'title', value: 'x' }),
    ],
    [
      'team_members',
      'members',
      (o) =>
        patch(o.org, `/Groups/${o.group}`, {
          op: 'add',
          path: 'members',
          value: [{ value: o.user }],
        }),
    ],
    [
      'role_assignments',
      'role',
      (o) => patch(o.org, `/Users/${o.user}`, { op: 'replace', path: ROLE, value: 'org_admin' }),
    ],
    [
      'user_emails',
      'emails',
      (o) =>
        patch(o.org, `/Users/${o.user}`, {
          op: 'add',
          path: 'emails',
          value: [{ value: 'digest@x.test' }],
        }),
    ],
    [
      'orgs row',
      'settings',
      (o) =>
        admin(`/orgs/${o.org.orgId}/settings`, o.org.adminKey, {
          method: 'PATCH',
          json: { groupPolicy: 'link-only' },
        }),
    ],
    [
      'tokens',
      'token',
      (o) =>
        admin(`/orgs/${o.org.orgId}/tokens`, o.org.adminKey, {
          method: 'POST',
          json: { label: 'x' },
        }),
    ],
  ])('%s (%s)', async (parts, _what, write) => {
    const o = await fixture()
    const before = await orgDigest(o.org.orgId)
    const res = await write(o)
    expect(res.status).toBeLessThan(300)
    const after = await orgDigest(o.org.orgId)
    expect(() => assertUnchanged(before, after, EX)).toThrow(parts.split(', ')[0])
  })

  it('is stable when nothing is written', async () => {
    const o = await fixture()
    expect(await orgDigest(o.org.orgId)).toBe(await orgDigest(o.org.orgId))
  })
})

async function fixture() {
  const org = await fuzzOrg()
  const user = await createUser(org, 'ada@example.com')
  const group = await createGroup(org, 'Engineering')
  return { org, user: user.id as string, group: group.id as string }
}
