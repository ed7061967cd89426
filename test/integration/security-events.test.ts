// Security event tokens (RFC 8417) in the SCIM profile (RFC 9967), delivered by poll (RFC 8936):
// every provisioning change is a SET signed ES256 and verifiable with the published JWK Set (checked
// here with `jose`), handed out until acknowledged.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY, scim, type TestOrg } from '../helpers/api'
import { createGroup, createUser, patch, send, type Json } from '../helpers/resources'

const PROV = 'urn:ietf:params:scim:event:prov'

const poll = (org: TestOrg, body: Json = { returnImmediately: true }) =>
  admin(`/orgs/${org.orgId}/security-events/poll`, org.adminKey, { method: 'POST', json: body })

async function pollOk(org: TestOrg, body: Json = { returnImmediately: true }) {
  const res = await poll(org, body)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as { sets: Record<string, string>; moreAvailable: boolean }
}

async function verified(org: TestOrg, sets: Record<string, string>) {
  const jwks = await call('/security-events/jwks.json')
  expect(jwks.status).toBe(200)
  const keys = createLocalJWKSet((await jwks.json()) as { keys: [] })
  const out: Json[] = []
  for (const [jti, token] of Object.entries(sets)) {
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'secevent+jwt' })
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['ES256'],
      typ: 'secevent+jwt',
      issuer: 'https://scim.test/scim/v2',
      audience: `urn:scim-edge:org:${org.orgId}`,
    })
    expect(payload.jti).toBe(jti)
    out.push(payload as Json)
  }
  return out
}

describe('security event tokens by poll', () => {
  it('each change of users and groups is a verifiable SET with the RFC 9967 event and subject (org on shard eu)', async () => {
    const org = await createTestOrg('SET org', undefined, { shard: 'eu' })
    const user = await createUser(org, 'set@x.test', { externalId: 'ext-1' })
    await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'displayName', value: 'Set' })
    await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'active', value: false })
    await patch(org, `/Users/${user.id}`, { op: 'replace', path: 'active', value: true })
    const group = await createGroup(org, 'SET group')
    await patch(org, `/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: user.id }],
    })
    expect((await send(org, 'DELETE', `/Users/${user.id}`)).status).toBe(204)

    const { sets } = await pollOk(org)
    const payloads = await verified(org, sets)
    const summary = payloads.map((p) => [Object.keys(p.events as Json)[0], (p.sub_id as Json).uri])
    const u = `/Users/${user.id}`
    const g = `/Groups/${group.id}`
    expect(summary).toEqual(
      expect.arrayContaining([
        [`${PROV}:create:notice`, u],
        [`${PROV}:patch:notice`, u],
        [`${PROV}:deactivate`, u],
        [`${PROV}:activate`, u],
        [`${PROV}:create:notice`, g],
        [`${PROV}:patch:notice`, g],
        [`${PROV}:delete`, u],
      ]),
    )
    const created = payloads.find((p) => `${PROV}:create:notice` in (p.events as Json))!
    expect(created.sub_id).toEqual({ format: 'scim', uri: u, externalId: 'ext-1' })
    expect(created).toMatchObject({ txn: expect.any(String), toe: expect.any(Number) })
    const members = payloads.find(
      (p) => (p.sub_id as Json).uri === g && `${PROV}:patch:notice` in (p.events as Json),
    )!
    expect((members.events as Json)[`${PROV}:patch:notice`]).toEqual({ attributes: ['members'] })
    const renamed = payloads.find(
      (p) => (p.sub_id as Json).uri === u && `${PROV}:patch:notice` in (p.events as Json),
    )!
    expect(
      ((renamed.events as Json)[`${PROV}:patch:notice`] as Json).attributes as string[],
    ).toContain('displayName')
  })

  it('unacknowledged SETs come again; acknowledged and errored ones do not; moreAvailable pages', async () => {
    const org = await createTestOrg()
    for (let i = 0; i < 5; i++) await createUser(org, `p${i}@x.test`)
    const first = await pollOk(org, { maxEvents: 2, returnImmediately: true })
    expect(Object.keys(first.sets)).toHaveLength(2)
    expect(first.moreAvailable).toBe(true)
    const again = await pollOk(org, { maxEvents: 2, returnImmediately: true })
    expect(Object.keys(again.sets)).toEqual(Object.keys(first.sets))
    // Acknowledge the second out of order, report an error for the first: both are done.
    const [a, b] = Object.keys(first.sets)
    const next = await pollOk(org, {
      ack: [b],
      setErrs: { [a]: { err: 'invalid_request', description: 'could not parse' } },
      maxEvents: 10,
      returnImmediately: true,
    })
    expect(Object.keys(next.sets)).toHaveLength(3)
    expect(Object.keys(next.sets)).not.toContain(a)
    expect(next.moreAvailable).toBe(false)
    const drained = await pollOk(org, { ack: Object.keys(next.sets), returnImmediately: true })
    expect(drained).toEqual({ sets: {}, moreAvailable: false })
    // maxEvents 0 only acknowledges.
    expect(await pollOk(org, { maxEvents: 0 })).toEqual({ sets: {}, moreAvailable: false })
  })

  it('a feed is the org’s own; it needs that org’s admin key; a bad poll is 400', async () => {
    const one = await createTestOrg()
    const two = await createTestOrg()
    await createUser(one, 'only-one@x.test')
    expect(Object.keys((await pollOk(two)).sets)).toHaveLength(0)
    // Acknowledging another org's jti changes nothing there.
    const jti = Object.keys((await pollOk(one)).sets)[0]
    await pollOk(two, { ack: [jti], returnImmediately: true })
    expect(Object.keys((await pollOk(one)).sets)).toEqual([jti])
    const foreign = await admin(`/orgs/${one.orgId}/security-events/poll`, two.adminKey, {
      method: 'POST',
      json: {},
    })
    expect(foreign.status).toBe(403)
    const bad = await poll(one, { maxEvents: -1 })
    expect(bad.status).toBe(400)
  })

  it('rotation: a new key signs from then on; the former stays published until deleted', async () => {
    const org = await createTestOrg()
    await createUser(org, 'before@x.test')
    const before = await pollOk(org)
    const [oldToken] = Object.values(before.sets)
    const oldKid = decodeProtectedHeader(oldToken).kid
    const rotated = await admin('/security-events/keys', OPERATOR_KEY, { method: 'POST' })
    expect(rotated.status).toBe(201)
    const newKid = ((await rotated.json()) as Json).kid
    await createUser(org, 'after@x.test')
    const after = await pollOk(org, { ack: Object.keys(before.sets), returnImmediately: true })
    const [newToken] = Object.values(after.sets)
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid)
    // Both verify against the published set.
    await verified(org, { ...before.sets, ...after.sets })
    const keys = (await (await admin('/security-events/keys', OPERATOR_KEY)).json()) as Json
    expect(keys.data[0]).toMatchObject({ kid: newKid, signing: true })
    // The signing key cannot be deleted; a former one can, and is no longer published.
    expect(
      (await admin(`/security-events/keys/${newKid}`, OPERATOR_KEY, { method: 'DELETE' })).status,
    ).toBe(409)
    expect(
      (await admin(`/security-events/keys/${oldKid}`, OPERATOR_KEY, { method: 'DELETE' })).status,
    ).toBe(204)
    const jwks = (await (await call('/security-events/jwks.json')).json()) as { keys: Json[] }
    expect(jwks.keys.map((k) => k.kid)).not.toContain(oldKid)
    expect((await admin('/security-events/keys', org.adminKey)).status).toBe(403)
  })

  it('ServiceProviderConfig advertises the event URIs', async () => {
    const org = await createTestOrg()
    const spc = (await (await scim('/ServiceProviderConfig', org.token)).json()) as Json
    expect(spc.securityEvents).toEqual({
      eventUris: [
        `${PROV}:create:notice`,
        `${PROV}:patch:notice`,
        `${PROV}:delete`,
        `${PROV}:activate`,
        `${PROV}:deactivate`,
        'urn:ietf:params:scim:event:misc:asyncresp',
      ],
      asyncRequest: 'REQUEST',
    })
  })

  it('Prefer: respond-async on /Bulk → 202 + Set-Txn; the outcome arrives as misc:asyncresp with that txn', async () => {
    const org = await createTestOrg()
    const res = await scim('/Bulk', org.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/scim+json', Prefer: 'respond-async' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'a',
            data: {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
              userName: 'async@x.test',
            },
          },
        ],
      }),
    })
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('')
    expect(res.headers.get('Preference-Applied')).toBe('respond-async')
    const txn = res.headers.get('Set-Txn')!
    expect(txn).toMatch(/^[0-9a-f-]{36}$/)
    const done = await asyncResponse(org, txn)
    expect(done.status).toBe('200')
    expect((done.response as Json).Operations).toEqual([
      expect.objectContaining({ method: 'POST', bulkId: 'a', status: '201' }),
    ])
    const found = await scim('/Users?filter=userName%20eq%20%22async@x.test%22', org.token)
    expect(((await found.json()) as Json).totalResults).toBe(1)
  })

  it('a group PATCH with respond-async: 202, then its outcome (an error too) by txn; a bad body is 400 at once', async () => {
    const org = await createTestOrg()
    const group = await createGroup(org, 'Async')
    const user = await createUser(org, 'member@x.test')
    const asyncPatch = (ops: Json[]) =>
      scim(`/Groups/${group.id}`, org.token, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/scim+json', Prefer: 'respond-async' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: ops,
        }),
      })
    const ok = await asyncPatch([{ op: 'add', path: 'members', value: [{ value: user.id }] }])
    expect(ok.status).toBe(202)
    expect((await asyncResponse(org, ok.headers.get('Set-Txn')!)).status).toBe('204')
    const refused = await asyncPatch([{ op: 'add', path: 'members', value: [{ value: 'nobody' }] }])
    expect(refused.status).toBe(202)
    const outcome = await asyncResponse(org, refused.headers.get('Set-Txn')!)
    expect(outcome).toMatchObject({ status: '400', response: { scimType: 'invalidValue' } })
    const malformed = await asyncPatch([{ op: 'explode' }])
    expect(malformed.status).toBe(400)
    expect(malformed.headers.get('Set-Txn')).toBeNull()
  })
})

/** Polls (acknowledging as it goes) until the misc:asyncresp SET with this txn arrives. */
async function asyncResponse(org: TestOrg, txn: string): Promise<Json> {
  let ack: string[] = []
  for (let i = 0; i < 40; i++) {
    const { sets } = await pollOk(org, { ack, returnImmediately: true })
    for (const payload of await verified(org, sets)) {
      const event = (payload.events as Json)['urn:ietf:params:scim:event:misc:asyncresp']
      if (event && payload.txn === txn) return event as Json
    }
    ack = Object.keys(sets)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no asyncresp for ${txn}`)
}
