// Who may call the directory routes: the operator (the SaaS backend) and that org's admin key;
// another org's admin key is 403; a SCIM token or nothing is 401.
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY, type TestOrg } from '../../helpers/api'
import { createGroup, createUser } from '../../helpers/resources'

type Who = 'operator' | 'own admin key' | 'other org admin key' | 'scim token' | 'none'

const credential = (who: Who, own: TestOrg, other: TestOrg) =>
  ({
    operator: OPERATOR_KEY,
    'own admin key': own.adminKey,
    'other org admin key': other.adminKey,
    'scim token': own.token,
    none: '',
  })[who]

const OK = {
  operator: 0,
  'own admin key': 0,
  'other org admin key': 403,
  'scim token': 401,
  none: 401,
}

// [method, path, expected success status, body]
const ROUTES: [string, string, number, unknown?][] = [
  ['GET', '/users', 200],
  ['GET', '/users/:user', 200],
  ['GET', '/teams', 200],
  ['GET', '/teams/:team', 200],
  ['GET', '/teams/:team/members', 200],
  ['GET', '/events?types=user.created', 200],
  ['POST', '/teams', 201, { name: 'New team :n' }],
  ['DELETE', '/teams/:appTeam', 204],
]

describe.each(ROUTES)('%s /orgs/{org}%s', (method, path, success, body) => {
  it.each(Object.keys(OK) as Who[])('%s', async (who) => {
    const own = await createTestOrg('Own', undefined, { shard: 'second' })
    const other = await createTestOrg('Other', undefined, { shard: 'eu' })
    const user = await createUser(own, 'u@x.test')
    const team = await createGroup(own, 'T')
    const appTeam = (await (
      await admin(`/orgs/${own.orgId}/teams`, OPERATOR_KEY, { method: 'POST', json: { name: 'A' } })
    ).json()) as { id: string }
    const url = path
      .replace(':user', user.id)
      .replace(':appTeam', appTeam.id)
      .replace(':team', team.id)
    const key = credential(who, own, other)
    const json =
      body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace(':n', who))
    const res =
      who === 'none'
        ? await call(`/admin/v1/orgs/${own.orgId}${url}`, { method })
        : await admin(`/orgs/${own.orgId}${url}`, key, { method, json })
    expect(res.status).toBe(OK[who] || success)
  })
})
