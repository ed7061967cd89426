// POST /Bulk (RFC 7644 §3.7): bulkId references in data and paths, request order, failOnErrors,
// refused requests, limits, and writes that share D1 batches through the org's writer.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import { createTestOrg, expectScimError, scim, type TestOrg } from '../helpers/api'
import { JSON_BODY, PATCH_OP, createUser, getJson, type Json } from '../helpers/resources'

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest'
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

const bulk = (org: TestOrg, Operations: Json[], extra: Json = {}) =>
  scim('/Bulk', org.token, {
    method: 'POST',
    headers: JSON_BODY,
    body: JSON.stringify({ schemas: [BULK], Operations, ...extra }),
  })

async function bulkOk(org: TestOrg, Operations: Json[], extra: Json = {}): Promise<Json[]> {
  const res = await bulk(org, Operations, extra)
  expect(res.status, await res.clone().text()).toBe(200)
  const body = await res.json<Json>()
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse'])
  return body.Operations as Json[]
}

const newUser = (bulkId: string, userName: string) => ({
  method: 'POST',
  path: '/Users',
  bulkId,
  data: { schemas: [USER], userName },
})

async function count(org: TestOrg, table: 'users' | 'teams' | 'events'): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE org_id = ?`)
    .bind(org.orgId)
    .first<{ n: number }>()
  return row!.n
}

describe('POST /Bulk', () => {
  it('creates users and a group whose members name them by bulkId; patches and deletes by bulkId path', async () => {
    const org = await createTestOrg()
    const ops = await bulkOk(org, [
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g',
        data: {
          schemas: [GROUP],
          displayName: 'Bulk team',
          members: [{ value: 'bulkId:ada' }, { value: 'bulkId:alan' }],
        },
      },
      newUser('ada', 'ada@bulk.test'),
      newUser('alan', 'alan@bulk.test'),
      {
        method: 'PATCH',
        path: '/Users/bulkId:alan',
        data: {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Alan T.' }],
        },
      },
      newUser('gone', 'gone@bulk.test'),
      { method: 'DELETE', path: '/Users/bulkId:gone' },
    ])
    // Listed in request order, whatever order they ran in (the group waits for its members).
    expect(ops.map((o) => [o.method, o.bulkId, o.status])).toEqual([
      ['POST', 'g', '201'],
      ['POST', 'ada', '201'],
      ['POST', 'alan', '201'],
      ['PATCH', undefined, '200'],
      ['POST', 'gone', '201'],
      ['DELETE', undefined, '204'],
    ])
    const ada = await getJson(org, new URL(ops[1].location).pathname.replace('/scim/v2', ''))
    expect(ops[1].location).toMatch(/^https:\/\/scim\.test\/scim\/v2\/Users\/.+/)
    expect(ops[1].version).toMatch(/^W\/"/)
    const group = await getJson(org, new URL(ops[0].location).pathname.replace('/scim/v2', ''))
    expect((group.members as Json[]).map((m) => m.value).sort()).toEqual(
      [ada.id, new URL(ops[2].location).pathname.split('/').pop()].sort(),
    )
    const alan = await getJson(org, new URL(ops[3].location).pathname.replace('/scim/v2', ''))
    expect(alan.displayName).toBe('Alan T.')
    const deleted = await scim(new URL(ops[5].location).pathname.replace('/scim/v2', ''), org.token)
    expect(deleted.status).toBe(404)
  })

  it('runs in request order: of two creates with one userName the first wins', async () => {
    const org = await createTestOrg()
    const ops = await bulkOk(org, [newUser('a', 'same@bulk.test'), newUser('b', 'SAME@bulk.test')])
    expect(ops.map((o) => o.status)).toEqual(['201', '409'])
    expect(ops[1].response).toMatchObject({ status: '409', scimType: 'uniqueness' })
  })

  it('answers 409 for a circular reference, an undeclared bulkId, and a reference to a failed operation', async () => {
    const org = await createTestOrg()
    await createUser(org, 'taken@bulk.test')
    const teams = await count(org, 'teams')
    const ops = await bulkOk(org, [
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'x',
        data: { schemas: [GROUP], displayName: 'X', members: [{ value: 'bulkId:y' }] },
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'y',
        data: { schemas: [GROUP], displayName: 'Y', members: [{ value: 'bulkId:x' }] },
      },
      { method: 'DELETE', path: '/Users/bulkId:nobody' },
      newUser('dup', 'taken@bulk.test'),
      { method: 'DELETE', path: '/Users/bulkId:dup' },
    ])
    expect(ops.map((o) => o.status)).toEqual(['409', '409', '409', '409', '409'])
    expect(ops[0].response.detail).toMatch(/circular/)
    expect(ops[2].response.detail).toMatch(/nobody/)
    expect(ops[3].response.scimType).toBe('uniqueness')
    expect(ops[4].response.detail).toMatch(/"dup" did not succeed/)
    expect(await count(org, 'teams')).toBe(teams)
  })

  it('failOnErrors: after that many errors, nothing more runs', async () => {
    const org = await createTestOrg()
    await createUser(org, 'taken@bulk.test')
    const users = await count(org, 'users')
    const ops = await bulkOk(
      org,
      [
        newUser('a', 'one@bulk.test'),
        newUser('b', 'taken@bulk.test'),
        newUser('c', 'three@bulk.test'),
      ],
      { failOnErrors: 1 },
    )
    expect(ops.map((o) => [o.bulkId, o.status])).toEqual([
      ['a', '201'],
      ['b', '409'],
    ])
    expect(await count(org, 'users')).toBe(users + 1)
  })

  it('an invalid operation body is that operation’s 400; the others still run', async () => {
    const org = await createTestOrg()
    const ops = await bulkOk(org, [
      { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER], userName: 42 } },
      { method: 'PATCH', path: '/Users/x', data: { Operations: 'nope' } },
      { method: 'PUT', path: '/Teams/x', data: { displayName: 'T' } },
      newUser('ok', 'fine@bulk.test'),
    ])
    expect(ops.map((o) => o.status)).toEqual(['400', '400', '400', '201'])
    expect(ops[0].response).toMatchObject({ schemas: [expect.stringMatching(/Error$/)] })
  })

  it.each([
    ['no BulkRequest schema', { Operations: [newUser('a', 'a@x.test')] }, 400, 'invalidSyntax'],
    ['no Operations', { schemas: [BULK] }, 400, 'invalidSyntax'],
    [
      'an unknown method',
      { schemas: [BULK], Operations: [{ method: 'GET', path: '/Users' }] },
      400,
      'invalidSyntax',
    ],
    [
      'a POST without bulkId',
      { schemas: [BULK], Operations: [{ method: 'POST', path: '/Users', data: {} }] },
      400,
      'invalidSyntax',
    ],
    [
      'one bulkId twice',
      { schemas: [BULK], Operations: [newUser('a', 'a@x.test'), newUser('a', 'b@x.test')] },
      400,
      'invalidValue',
    ],
    [
      'failOnErrors of 0',
      { schemas: [BULK], Operations: [], failOnErrors: 0 },
      400,
      'invalidSyntax',
    ],
    [
      'more than maxOperations (1,000)',
      {
        schemas: [BULK],
        Operations: Array.from({ length: 1001 }, (_, i) => newUser(`u${i}`, `u${i}@x.test`)),
      },
      413,
      undefined,
    ],
  ])('refuses %s: the whole request, nothing written', async (_, body, status, scimType) => {
    const org = await createTestOrg()
    const users = await count(org, 'users')
    const res = await scim('/Bulk', org.token, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify(body),
    })
    await expectScimError(res, status, scimType)
    expect(await count(org, 'users')).toBe(users)
  })

  it('a body over maxPayloadSize is 413; GET /Bulk is 405', async () => {
    const org = await createTestOrg()
    const huge = { schemas: [BULK], Operations: [newUser('a', 'x'.repeat(1_100_000))] }
    const res = await scim('/Bulk', org.token, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify(huge),
    })
    await expectScimError(res, 413)
    await expectScimError(await scim('/Bulk', org.token), 405)
  })

  it('a revoked token is 401 for the whole request', async () => {
    const org = await createTestOrg()
    const revoke = await orgWriterStub(env, org.orgId).revokeToken(
      org.orgId,
      { operator: true },
      { tokenId: org.tokenId, kind: 'scim' },
    )
    expect(revoke.ok).toBe(true)
    await expectScimError(await bulk(org, [newUser('a', 'a@bulk.test')]), 401)
  })

  it('a wave of creates shares D1 batches (group commit), each with its own event', async () => {
    const org = await createTestOrg('bulk-batch', { writesPerSecond: 10_000 })
    await createUser(org, 'warm@bulk.test')
    const stub = orgWriterStub(env, org.orgId)
    const before = await stub.commitStats()
    const events = await count(org, 'events')
    const res = await bulk(
      org,
      Array.from({ length: 100 }, (_, i) => newUser(`u${i}`, `user${i}@bulk.test`)),
    )
    const ops = (await res.json<Json>()).Operations as Json[]
    expect(ops.every((o) => o.status === '201')).toBe(true)
    const after = await stub.commitStats()
    expect(after.writes - before.writes).toBe(100)
    const batches = after.batches - before.batches
    expect(batches).toBeLessThan(100)
    // X-IO-Trips counts each shared batch once.
    expect(res.headers.get('X-IO-Trips')).toBe(`kv=0;d1=0;do=1;do_d1=${batches}`)
    expect(await count(org, 'events')).toBeGreaterThanOrEqual(events + 100)
  })
})
