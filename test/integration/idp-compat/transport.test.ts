// IDP-COMPAT "Transport and auth": the paths clients really send. Microsoft's validator collection
// requests `/users`, `/groups` (lower case) and `/Users/?filter=…` (trailing slash); they reach the
// same handlers. Resource ids stay exact.
import { describe, expect, it } from 'vitest'
import {
  createGroup,
  createTestOrg,
  createUser,
  filterQuery,
  scim,
  scimBody,
  send,
  uniqueName,
  USER_SCHEMA,
} from './helpers'

describe('endpoint names in any case, a trailing slash tolerated', () => {
  it.each([
    ['/users', 'Users'],
    ['/USERS/', 'Users'],
    ['/Users/', 'Users'],
    ['/groups', 'Groups'],
    ['/Groups/', 'Groups'],
  ])('GET %s lists %s', async (path, kind) => {
    const org = await createTestOrg()
    if (kind === 'Users') await createUser(org)
    else await createGroup(org)
    const body = await scimBody(await scim(path, org.token))
    expect(body.totalResults).toBe(1)
    expect(body.Resources[0].meta.resourceType).toBe(kind.slice(0, -1))
  })

  it('GET /Users/?filter=… (the validator’s form) filters', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    await createUser(org)
    const body = await scimBody(
      await scim(`/Users/?${filterQuery(`userName eq "${user.userName}"`)}`, org.token),
    )
    expect(body.Resources.map((r: { id: string }) => r.id)).toEqual([user.id])
  })

  it('POST /users creates, and the answer names the canonical location', async () => {
    const org = await createTestOrg()
    const res = await scim(
      '/users',
      org.token,
      send('POST', { schemas: [USER_SCHEMA], userName: uniqueName() }),
    )
    const body = await scimBody(res)
    expect(res.status).toBe(201)
    expect(res.headers.get('Location')).toBe(`https://scim.test/scim/v2/Users/${body.id}`)
  })

  it('GET, PATCH and DELETE /users/{id}/ reach the resource', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    expect((await scim(`/users/${user.id}/`, org.token)).status).toBe(200)
    const patch = await scim(
      `/users/${user.id}`,
      org.token,
      send('PATCH', { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }),
    )
    expect(patch.status).toBe(200)
    expect((await scim(`/users/${user.id}/`, org.token, { method: 'DELETE' })).status).toBe(204)
  })

  it('discovery endpoints in any case', async () => {
    const org = await createTestOrg()
    for (const path of ['/serviceproviderconfig', '/schemas/', '/resourcetypes/User']) {
      expect((await scim(path, org.token)).status, path).toBe(200)
    }
  })

  it('resource ids stay exact: another case is another (unknown) id', async () => {
    const org = await createTestOrg()
    const user = await createUser(org)
    const res = await scim(`/Users/${user.id.toUpperCase()}`, org.token)
    expect(res.status).toBe(404)
  })
})
