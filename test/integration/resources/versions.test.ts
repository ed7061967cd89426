// meta.version and ETag (RFC 7644 §3.14): If-Match guards PUT/PATCH/DELETE (412 on mismatch),
// If-None-Match makes GET answer 304, and a write that changes nothing keeps the version.
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, scim } from '../../helpers/api'
import {
  createGroup,
  createUser,
  getJson,
  patch,
  patchBody,
  send,
  type Json,
} from '../../helpers/resources'

describe('versions and preconditions', () => {
  it('GET carries the ETag of meta.version; If-None-Match with it answers 304', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'etag@x.test')
    const res = await scim(`/Users/${user.id}`, org.token)
    expect(res.headers.get('ETag')).toBe('W/"1"')
    expect(user.meta.version).toBe('W/"1"')
    const cached = await scim(`/Users/${user.id}`, org.token, {
      headers: { 'If-None-Match': 'W/"1"' },
    })
    expect(cached.status).toBe(304)
    const stale = await scim(`/Users/${user.id}`, org.token, {
      headers: { 'If-None-Match': 'W/"0"' },
    })
    expect(stale.status).toBe(200)
  })

  it.each([
    ['PUT', { userName: 'etag2@x.test' }],
    ['PATCH', patchBody({ op: 'replace', path: 'title', value: 'x' })],
    ['DELETE', undefined],
  ] as [string, unknown][])(
    '%s with a stale If-Match is 412 and writes nothing',
    async (method, request) => {
      const org = await createTestOrg()
      const user = await createUser(org, 'etag@x.test')
      await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'title', value: 'v2' })
      const stale = { 'If-Match': 'W/"1"' }
      await expectScimError(await send(org, method, `/Users/${user.id}`, request, stale), 412)
      const after = await getJson(org, `/Users/${user.id}`)
      expect(after.meta.version).toBe('W/"2"')
      expect(after.title).toBe('v2')
      expect(after.userName).toBe('etag@x.test')
    },
  )

  it.each([['W/"1"'], ['"1"'], ['*'], ['W/"9", W/"1"']])(
    'a matching If-Match %s lets the write through and answers the new ETag',
    async (tag) => {
      const org = await createTestOrg()
      const user = await createUser(org, 'etag@x.test')
      const body = patchBody({ op: 'replace', path: 'title', value: 'new' })
      const res = await send(org, 'PATCH', `/Users/${user.id}`, body, { 'If-Match': tag })
      expect(res.status).toBe(200)
      expect(res.headers.get('ETag')).toBe('W/"2"')
    },
  )

  it('a PATCH or PUT that changes nothing keeps the version and lastModified', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'same@x.test', { title: 'Dev', active: true })
    const samePatch = await patch(org, `/Users/${user.id}`, {
      op: 'replace',
      value: { title: 'Dev', active: true },
    })
    expect(((await samePatch.json()) as Json).meta).toEqual(user.meta)
    const empty = await send(org, 'PATCH', `/Users/${user.id}`, patchBody())
    expect(((await empty.json()) as Json).meta.version).toBe('W/"1"')
    const samePut = await send(org, 'PUT', `/Users/${user.id}`, { ...user })
    expect(((await samePut.json()) as Json).meta).toEqual(user.meta)
  })

  it('group membership changes bump the group version; a no-op membership change does not', async () => {
    const org = await createTestOrg()
    const user = await createUser(org, 'member@x.test')
    const group = await createGroup(org, 'Versioned')
    const add = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    expect(add.headers.get('ETag')).toBe('W/"2"')
    const again = await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    expect(again.status).toBe(204)
    expect(again.headers.get('ETag')).toBe('W/"2"')
    const gone = await patch(org, `/Groups/${group.id}`, {
      op: 'remove',
      path: `members[value eq "${crypto.randomUUID()}"]`,
    })
    expect(gone.headers.get('ETag')).toBe('W/"2"')
  })
})
