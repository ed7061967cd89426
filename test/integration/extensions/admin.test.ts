// Declaring an org's own extension schemas through the admin API: PUT declares or replaces, GET
// reads, DELETE removes; a bad declaration is a 400 naming what is wrong and changes nothing; a
// change that leaves stored values undeclared says so; every change is an event.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY } from '../../helpers/api'
import { createUser } from '../../helpers/resources'
import { ACME, ACME_DECLARATION, declare, orgWithAcme } from './helpers'

const body = async (res: Response) => (await res.json()) as Record<string, any>

describe('extension declarations', () => {
  it('PUT declares, GET lists and reads it (any case of the URN), with defaults filled in', async () => {
    const org = await createTestOrg()
    const res = await declare(org, ACME, ACME_DECLARATION)
    expect(res.status).toBe(200)
    const declared = await body(res)
    expect(declared).toMatchObject({ urn: ACME, name: 'Acme', undeclaredValues: [] })
    expect(declared.attributes[0]).toEqual({
      name: 'costCenter',
      type: 'string',
      multiValued: false,
      caseExact: false,
    })
    const list = await body(await admin(`/orgs/${org.orgId}/extensions`, org.adminKey))
    expect(list.data.map((d: any) => d.urn)).toEqual([ACME])
    const one = await admin(
      `/orgs/${org.orgId}/extensions/${encodeURIComponent(ACME.toUpperCase())}`,
      org.adminKey,
    )
    expect((await body(one)).urn).toBe(ACME)
  })

  it.each([
    ['a URN that is no URN', 'acme-costs', ACME_DECLARATION],
    [
      'the enterprise extension',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ACME_DECLARATION,
    ],
    [
      'the org role extension',
      'urn:custom:params:scim:schemas:extension:scimedge:2.0:User',
      ACME_DECLARATION,
    ],
    ['no attributes', ACME, { name: 'Acme', attributes: [] }],
    [
      'an attribute name with a dot',
      ACME,
      { name: 'Acme', attributes: [{ name: 'cost.center', type: 'string' }] },
    ],
    [
      'an attribute declared twice',
      ACME,
      {
        name: 'Acme',
        attributes: [
          { name: 'site', type: 'string' },
          { name: 'Site', type: 'string' },
        ],
      },
    ],
    ['a complex type', ACME, { name: 'Acme', attributes: [{ name: 'x', type: 'complex' }] }],
    [
      'canonical values on a number',
      ACME,
      {
        name: 'Acme',
        attributes: [{ name: 'badge', type: 'integer', canonicalValues: ['1'] }],
      },
    ],
    [
      'a declaration over 16 KB (canonical values)',
      ACME,
      {
        name: 'Acme',
        attributes: [
          {
            name: 'site',
            type: 'string',
            canonicalValues: Array.from({ length: 100 }, (_, i) => `site-${i}-${'x'.repeat(200)}`),
          },
        ],
      },
    ],
    [
      'an unknown characteristic',
      ACME,
      {
        name: 'Acme',
        attributes: [{ name: 'x', type: 'string', mutability: 'readOnly' }],
      },
    ],
  ])('refuses %s with 400 and declares nothing', async (_, urn, declaration) => {
    const org = await createTestOrg()
    const res = await declare(org, urn as string, declaration)
    expect(res.status).toBe(400)
    expect((await body(res)).error.message).toBeTruthy()
    expect((await body(await admin(`/orgs/${org.orgId}/extensions`, org.adminKey))).data).toEqual(
      [],
    )
  })

  it('removing an attribute users hold values for keeps the values and says how many users hold them', async () => {
    const org = await orgWithAcme()
    await createUser(org, 'a@acme.test', { [ACME]: { costCenter: 'CC-1', badge: 7 } })
    await createUser(org, 'b@acme.test', { [ACME]: { costCenter: 'CC-2' } })
    const narrowed = await declare(org, ACME, {
      name: 'Acme',
      attributes: ACME_DECLARATION.attributes.filter(
        (a) => a.name !== 'costCenter' && a.name !== 'badge',
      ),
    })
    expect(narrowed.status).toBe(200)
    expect((await body(narrowed)).undeclaredValues).toEqual([
      { urn: ACME, attribute: 'costCenter', users: 2 },
      { urn: ACME, attribute: 'badge', users: 1 },
    ])
    const removed = await admin(
      `/orgs/${org.orgId}/extensions/${encodeURIComponent(ACME)}`,
      org.adminKey,
      {
        method: 'DELETE',
      },
    )
    expect(removed.status).toBe(200)
    // costCenter and badge were already undeclared; the rest held nothing.
    expect((await body(removed)).undeclaredValues).toEqual([])
    const again = await admin(
      `/orgs/${org.orgId}/extensions/${encodeURIComponent(ACME)}`,
      org.adminKey,
      {
        method: 'DELETE',
      },
    )
    expect(again.status).toBe(404)
  })

  it('every change is an org.extensions_updated event; the same declaration again is none', async () => {
    const org = await orgWithAcme()
    await declare(org, ACME, ACME_DECLARATION)
    const events = await body(
      await admin(`/orgs/${org.orgId}/events?types=org.extensions_updated`, OPERATOR_KEY),
    )
    expect(events.data).toHaveLength(1)
    expect(events.data[0].data.extensions[0].urn).toBe(ACME)
    expect(events.data[0].previous.extensions).toEqual([])
  })

  it("another org's admin key can neither read nor declare", async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const res = await admin(
      `/orgs/${own.orgId}/extensions/${encodeURIComponent(ACME)}`,
      other.adminKey,
      {
        method: 'PUT',
        json: ACME_DECLARATION,
      },
    )
    expect(res.status).toBe(403)
    expect((await admin(`/orgs/${own.orgId}/extensions`, other.adminKey)).status).toBe(403)
  })
})
