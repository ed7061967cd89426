// An org's own extension over SCIM: advertised for that org only, accepted in Okta's namespace
// form and Entra's colon paths, checked, stored, returned, projected, filtered in SQL, evented and
// shown in the directory; values of attributes no longer declared are kept.
import { describe, expect, it } from 'vitest'
import {
  admin,
  createTestOrg,
  expectScimError,
  OPERATOR_KEY,
  scim,
  type TestOrg,
} from '../../helpers/api'
import { createUser, getJson, patch, send } from '../../helpers/resources'
import { ACME, ACME_DECLARATION, declare, orgWithAcme } from './helpers'

const filter = (text: string) => `/Users?filter=${encodeURIComponent(text)}`

describe('discovery', () => {
  it('/Schemas and /ResourceTypes advertise the extension for its org only', async () => {
    const org = await orgWithAcme()
    const schema = await getJson(org, `/Schemas/${ACME}`)
    expect(schema.attributes.map((a: any) => [a.name, a.type, a.multiValued, a.caseExact])).toEqual(
      [
        ['costCenter', 'string', false, false],
        ['clearance', 'string', false, false],
        ['badge', 'integer', false, false],
        ['hired', 'dateTime', false, false],
        ['sites', 'string', true, false],
        ['code', 'string', false, true],
      ],
    )
    expect(schema.attributes[1].canonicalValues).toEqual(['public', 'secret', 'top-secret'])
    const user = await getJson(org, '/ResourceTypes/User')
    expect(user.schemaExtensions).toContainEqual({ schema: ACME, required: false })
    const other = await createTestOrg()
    await expectScimError(await scim(`/Schemas/${ACME}`, other.token), 404)
  })
})

describe('values', () => {
  it("Okta's namespace form: stored, checked, canonical values respelled, returned", async () => {
    const org = await orgWithAcme()
    const user = await createUser(org, 'ada@acme.test', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ACME],
      [ACME]: {
        costCenter: 'CC-1',
        clearance: 'SECRET',
        badge: 42,
        hired: '2026-01-02T03:04:05Z',
        sites: ['London', 'Lyon'],
        code: 'Ab1',
      },
    })
    expect(user[ACME]).toEqual({
      costCenter: 'CC-1',
      clearance: 'secret',
      badge: 42,
      hired: '2026-01-02T03:04:05Z',
      sites: ['London', 'Lyon'],
      code: 'Ab1',
    })
    expect((await getJson(org, `/Users/${user.id}`))[ACME].clearance).toBe('secret')
  })

  it("Entra's colon paths: pathless URN-qualified keys and a path naming the attribute", async () => {
    const org = await orgWithAcme()
    const user = await createUser(org, 'grace@acme.test')
    const pathless = await patch(org, `/Users/${user.id}`, {
      op: 'Add',
      value: { [`${ACME}:costCenter`]: 'CC-9' },
    })
    expect(pathless.status).toBe(200)
    const pathed = await patch(org, `/Users/${user.id}`, {
      op: 'Replace',
      path: `${ACME}:badge`,
      value: 7,
    })
    expect(pathed.status).toBe(200)
    expect(((await pathed.json()) as any)[ACME]).toEqual({ costCenter: 'CC-9', badge: 7 })
    const removed = await patch(org, `/Users/${user.id}`, { op: 'Remove', path: `${ACME}:badge` })
    expect(((await removed.json()) as any)[ACME]).toEqual({ costCenter: 'CC-9' })
  })

  it.each([
    ['a string for an integer', { badge: 'forty-two' }],
    ['a value outside the canonical values', { clearance: 'cosmic' }],
    ['a dateTime that is not one', { hired: 'last Tuesday' }],
    ['a single value for a multi-valued attribute', { sites: 'London' }],
  ])('refuses %s with 400 and stores nothing', async (_, values) => {
    const org = await orgWithAcme()
    const res = await send(org, 'POST', '/Users', { userName: 'bad@acme.test', [ACME]: values })
    expect(res.status).toBe(400)
    expect((await getJson(org, filter('userName eq "bad@acme.test"'))).totalResults).toBe(0)
  })

  it('a required attribute must be there whenever the extension is', async () => {
    const org = await createTestOrg()
    await declare(org, ACME, {
      name: 'Acme',
      attributes: [
        { name: 'costCenter', type: 'string', required: true },
        { name: 'site', type: 'string' },
      ],
    })
    const without = await send(org, 'POST', '/Users', {
      userName: 'r@acme.test',
      [ACME]: { site: 'x' },
    })
    expect(without.status).toBe(400)
    expect((await send(org, 'POST', '/Users', { userName: 'r@acme.test' })).status).toBe(201)
  })

  it('attributes= and excludedAttributes= project extension attributes', async () => {
    const org = await orgWithAcme()
    const user = await createUser(org, 'proj@acme.test', {
      [ACME]: { costCenter: 'CC-3', badge: 3 },
    })
    const only = await getJson(org, `/Users/${user.id}?attributes=${ACME}:costCenter`)
    expect(only[ACME]).toEqual({ costCenter: 'CC-3' })
    expect(only.userName).toBeUndefined()
    const without = await getJson(org, `/Users/${user.id}?excludedAttributes=${ACME}:badge`)
    expect(without[ACME]).toEqual({ costCenter: 'CC-3' })
    expect(without.userName).toBe('proj@acme.test')
  })

  it('events and the directory API carry the extension', async () => {
    const org = await orgWithAcme()
    const user = await createUser(org, 'ev@acme.test', { [ACME]: { costCenter: 'CC-4' } })
    const dir = (await (
      await admin(`/orgs/${org.orgId}/users/${user.id}`, OPERATOR_KEY)
    ).json()) as any
    expect(dir.extensions).toEqual({ [ACME]: { costCenter: 'CC-4' } })
    const events = (await (
      await admin(
        `/orgs/${org.orgId}/events?types=user.created&resourceId=${user.id}`,
        OPERATOR_KEY,
      )
    ).json()) as any
    expect(events.data[0].data.extensions).toEqual({ [ACME]: { costCenter: 'CC-4' } })
  })

  it('another org does not know the URN: its object is dropped (lenient) or refused (interop)', async () => {
    await orgWithAcme()
    const lenient = await createTestOrg()
    const user = await createUser(lenient, 'x@other.test', { [ACME]: { costCenter: 'CC-1' } })
    expect(user[ACME]).toBeUndefined()
    const strict = await createTestOrg('Strict', { profile: 'interop' })
    const res = await send(strict, 'POST', '/Users', {
      userName: 'x@other.test',
      [ACME]: { costCenter: 'CC-1' },
    })
    expect(res.status).toBe(400)
  })
})

describe('filters', () => {
  async function population() {
    const org = await orgWithAcme()
    const ids: Record<string, string> = {}
    const people: [string, Record<string, unknown>][] = [
      ['p1', { costCenter: 'CC-1', badge: 10, sites: ['London', 'Lyon'], code: 'Ab1' }],
      ['p2', { costCenter: 'cc-1', badge: 20, sites: ['Paris'], code: 'ab1' }],
      ['p3', { costCenter: 'CC-2', badge: 30, hired: '2026-03-01T00:00:00Z' }],
      ['p4', {}],
    ]
    for (const [name, values] of people) {
      ids[name] = (await createUser(org, `${name}@acme.test`, { [ACME]: values })).id
    }
    return { org, ids }
  }

  const names = (list: any) => list.Resources.map((r: any) => r.userName.split('@')[0]).sort()

  it('eq on a string attribute: without regard to case, or exactly when caseExact', async () => {
    const { org } = await population()
    expect(names(await getJson(org, filter(`${ACME}:costCenter eq "cc-1"`)))).toEqual(['p1', 'p2'])
    expect(names(await getJson(org, filter(`${ACME}:code eq "Ab1"`)))).toEqual(['p1'])
    expect(names(await getJson(org, filter(`${ACME}:sites eq "lyon"`)))).toEqual(['p1'])
  })

  it('other operators and types are compiled to SQL over the stored JSON', async () => {
    const { org } = await population()
    expect(names(await getJson(org, filter(`${ACME}:badge gt 15`)))).toEqual(['p2', 'p3'])
    expect(names(await getJson(org, filter(`${ACME}:costCenter sw "CC"`)))).toEqual([
      'p1',
      'p2',
      'p3',
    ])
    expect(names(await getJson(org, filter(`${ACME}:hired pr`)))).toEqual(['p3'])
    expect(
      names(await getJson(org, filter(`${ACME}:costCenter eq "CC-1" and ${ACME}:badge lt 15`))),
    ).toEqual(['p1'])
  })

  it('a change of values moves the index with it; a deleted user leaves it', async () => {
    const { org, ids } = await population()
    await patch(org, `/Users/${ids.p1}`, {
      op: 'replace',
      path: `${ACME}:costCenter`,
      value: 'CC-7',
    })
    expect(names(await getJson(org, filter(`${ACME}:costCenter eq "CC-7"`)))).toEqual(['p1'])
    expect(names(await getJson(org, filter(`${ACME}:costCenter eq "CC-1"`)))).toEqual(['p2'])
    await send(org, 'DELETE', `/Users/${ids.p2}`)
    expect((await getJson(org, filter(`${ACME}:costCenter eq "CC-1"`))).totalResults).toBe(0)
  })
})

describe('a change of declarations reaches reads', () => {
  it("on the same token's next request, without waiting for its cached view to expire", async () => {
    const org = await orgWithAcme()
    await createUser(org, 'floor@acme.test', { [ACME]: { costCenter: 'CC-1' } })
    await declare(org, ACME, {
      name: 'Acme',
      attributes: [...ACME_DECLARATION.attributes, { name: 'floor', type: 'string' }],
    })
    await patchFloor(org)
    // The request that notices the org changed may still answer with the view it had…
    await scim(filter(`${ACME}:floor eq "3"`), org.token)
    // …the next one reads with the new declarations (the token's cached view lasts a minute).
    const found = await getJson(org, filter(`${ACME}:floor eq "3"`))
    expect(found.totalResults).toBe(1)
    expect((await getJson(org, `/Schemas/${ACME}`)).attributes.map((a: any) => a.name)).toContain(
      'floor',
    )
  })
})

/** Writes use the current declarations at once (the org's writer reads them). */
async function patchFloor(org: TestOrg) {
  const list = await getJson(org, filter('userName eq "floor@acme.test"'))
  const res = await patch(org, `/Users/${list.Resources[0].id}`, {
    op: 'add',
    path: `${ACME}:floor`,
    value: '3',
  })
  expect(res.status).toBe(200)
}

describe('attributes no longer declared', () => {
  it('are kept through a PUT, not returned or filterable, and back when declared again', async () => {
    const org = await orgWithAcme()
    const user = await createUser(org, 'kept@acme.test', {
      [ACME]: { costCenter: 'CC-1', badge: 5 },
    })
    await declare(org, ACME, {
      name: 'Acme',
      attributes: ACME_DECLARATION.attributes.filter((a) => a.name !== 'costCenter'),
    })
    // The read path takes the schema from the token's record (cached up to a minute per isolate,
    // docs/extensions.md): a token minted now reads with the new declarations at once.
    org.token = await freshToken(org)
    const now = await getJson(org, `/Users/${user.id}`)
    expect(now[ACME]).toEqual({ badge: 5 })
    await expectScimError(
      await scim(filter(`${ACME}:costCenter eq "CC-1"`), org.token),
      400,
      'invalidFilter',
    )
    // The IdP replaces the user without the attribute it no longer maps: the value stays stored.
    const put = await send(org, 'PUT', `/Users/${user.id}`, {
      userName: 'kept@acme.test',
      [ACME]: { badge: 6 },
    })
    expect(put.status).toBe(200)
    expect(((await put.json()) as any)[ACME]).toEqual({ badge: 6 })
    await declare(org, ACME, ACME_DECLARATION)
    org.token = await freshToken(org)
    const back = await getJson(org, `/Users/${user.id}`)
    expect(back[ACME]).toEqual({ costCenter: 'CC-1', badge: 6 })
    expect(names2(await getJson(org, filter(`${ACME}:costCenter eq "cc-1"`)))).toEqual(['kept'])
  })
})

async function freshToken(org: TestOrg): Promise<string> {
  const res = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
    method: 'POST',
    json: { label: 'after the change' },
  })
  return ((await res.json()) as { secret: string }).secret
}

const names2 = (list: any) => list.Resources.map((r: any) => r.userName.split('@')[0]).sort()
