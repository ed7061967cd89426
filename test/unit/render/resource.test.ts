// RFC 7643 §3 (schemas), §3.1 (id, meta), §2.5 (unassigned values); RFC 7644 §3.14 (version).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderResource, type RenderInput } from '../../../src/scim/resource'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import {
  DEFAULT_ROLE_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/urns'

const user = userResourceSchema()
const group = groupResourceSchema()
const BASE = 'https://scim.example.com/scim/v2'
const rfcUser = JSON.parse(
  readFileSync(
    new URL('../../fixtures/rfc/rfc7643-8.3-enterprise_user.json', import.meta.url),
    'utf8',
  ),
)

const input = (over: Partial<RenderInput>): RenderInput => ({
  resourceSchema: user,
  id: 'u-1',
  data: { userName: 'bjensen' },
  created: '2026-01-02T03:04:05.000Z',
  lastModified: '2026-02-03T04:05:06.000Z',
  version: 3,
  baseUrl: BASE,
  ...over,
})

describe('renderResource', () => {
  it('adds schemas, id and meta around the stored attributes', () => {
    expect(renderResource(input({}))).toEqual({
      schemas: [USER_SCHEMA],
      id: 'u-1',
      userName: 'bjensen',
      meta: {
        resourceType: 'User',
        created: '2026-01-02T03:04:05.000Z',
        lastModified: '2026-02-03T04:05:06.000Z',
        location: `${BASE}/Users/u-1`,
        version: 'W/"3"',
      },
    })
  })

  it('serves the RFC 7643 §8.3 user with our id and meta, without its password', () => {
    const rendered = renderResource(input({ id: 'ours', data: rfcUser }))
    const { password: _p, id: _i, meta: _m, ...expected } = rfcUser
    expect(rendered).toEqual({
      ...expected,
      id: 'ours',
      meta: expect.objectContaining({ location: `${BASE}/Users/ours`, version: 'W/"3"' }),
    })
    expect(rendered).not.toHaveProperty('password')
  })

  it.each([
    ['no extension data', {}, [USER_SCHEMA]],
    [
      'an enterprise attribute',
      { [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } },
      [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    ],
    ['a role', { [DEFAULT_ROLE_SCHEMA]: { role: 'member' } }, [USER_SCHEMA, DEFAULT_ROLE_SCHEMA]],
    ['an empty enterprise object', { [ENTERPRISE_USER_SCHEMA]: {} }, [USER_SCHEMA]],
    [
      'an enterprise object of nulls',
      { [ENTERPRISE_USER_SCHEMA]: { department: null } },
      [USER_SCHEMA],
    ],
  ])('lists in schemas only the extensions present: %s', (_, extra, schemas) => {
    expect(renderResource(input({ data: { userName: 'b', ...extra } })).schemas).toEqual(schemas)
  })

  it('uses the org-configured role URN', () => {
    const custom = userResourceSchema('urn:acme:Role', ['x'])
    const rendered = renderResource(
      input({ resourceSchema: custom, data: { userName: 'b', 'urn:acme:Role': { role: 'x' } } }),
    )
    expect(rendered.schemas).toEqual([USER_SCHEMA, 'urn:acme:Role'])
    expect(rendered['urn:acme:Role']).toEqual({ role: 'x' })
  })

  it.each([
    ['null', { title: null }],
    ['an empty multi-valued attribute', { emails: [] }],
    ['an attribute the schema does not define', { shoeSize: 9 }],
    ['a stored id or meta', { id: 'spoof', meta: { version: 'W/"99"' } }],
  ])('leaves out %s', (_, extra) => {
    const rendered = renderResource(input({ data: { userName: 'b', ...extra } }))
    expect(Object.keys(rendered)).toEqual(['schemas', 'id', 'userName', 'meta'])
    expect(rendered.id).toBe('u-1')
  })

  it('drops null sub-attributes and unknown element keys', () => {
    const data = {
      userName: 'b',
      name: { givenName: 'B', familyName: null },
      emails: [{ value: 'b@x.y', label: 'x' }],
    }
    expect(renderResource(input({ data }))).toMatchObject({
      name: { givenName: 'B' },
      emails: [{ value: 'b@x.y' }],
    })
  })

  it.each([
    [BASE, `${BASE}/Groups/g-1`],
    [`${BASE}/`, `${BASE}/Groups/g-1`],
  ])('builds meta.location from baseUrl %s', (baseUrl, location) => {
    const rendered = renderResource(
      input({ resourceSchema: group, id: 'g-1', baseUrl, data: { displayName: 'G' } }),
    )
    expect(rendered).toMatchObject({
      schemas: [GROUP_SCHEMA],
      meta: { resourceType: 'Group', location },
    })
  })
})
