// Discovery endpoints (RFC 7644 §4) generated from the schema metadata and the org's settings.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError, scim } from '../helpers/api'

const json = async (res: Response) => (await res.json()) as Record<string, any>

describe('discovery', () => {
  it('ServiceProviderConfig advertises what is implemented, with real booleans', async () => {
    const org = await createTestOrg()
    const res = await scim('/ServiceProviderConfig', org.token)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/scim\+json/)
    const body = await json(res)
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'])
    expect(body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      pagination: { cursor: true, index: true, defaultPageSize: 100, maxPageSize: 1000 },
    })
    expect(body.authenticationSchemes[0].type).toBe('oauthbearertoken')
    expect(body.meta.location).toBe('https://scim.test/scim/v2/ServiceProviderConfig')
  })

  it('ResourceTypes lists User (with both extensions), Group and the role catalogue', async () => {
    const org = await createTestOrg()
    const body = await json(await scim('/ResourceTypes', org.token))
    expect(body.Resources.map((r: any) => [r.id, r.endpoint, r.schema])).toEqual([
      ['User', '/Users', 'urn:ietf:params:scim:schemas:core:2.0:User'],
      ['Group', '/Groups', 'urn:ietf:params:scim:schemas:core:2.0:Group'],
      ['Role', '/Roles', 'urn:okta:scim:schemas:core:1.0:Role'],
    ])
    const user = body.Resources.find((r: any) => r.id === 'User')
    expect(user.endpoint).toBe('/Users')
    expect(user.schemaExtensions.map((e: any) => e.schema)).toEqual([
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:custom:params:scim:schemas:extension:scimedge:2.0:User',
    ])
    expect((await json(await scim('/ResourceTypes/Group', org.token))).endpoint).toBe('/Groups')
  })

  it('Schemas follow the org role settings', async () => {
    const org = await createTestOrg()
    await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
      method: 'PATCH',
      json: {
        roleSchema: 'urn:acme:params:scim:schemas:extension:acme:1.0:User',
        roleValues: ['viewer', 'editor'],
      },
    })
    const body = await json(await scim('/Schemas', org.token))
    expect(body.Resources.map((s: any) => s.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:acme:params:scim:schemas:extension:acme:1.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'urn:okta:scim:schemas:core:1.0:Role',
      // RFC 7643 §7, §8.7.2: the schemas of the discovery documents themselves.
      'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
      'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
      'urn:ietf:params:scim:schemas:core:2.0:Schema',
    ])
    const role = await json(
      await scim('/Schemas/urn:acme:params:scim:schemas:extension:acme:1.0:User', org.token),
    )
    expect(role.attributes[0]).toMatchObject({
      name: 'role',
      canonicalValues: ['viewer', 'editor'],
    })
    // Core `roles.value` is checked against the same values, so it publishes them too.
    const user = await json(
      await scim('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', org.token),
    )
    const roles = user.attributes.find((a: any) => a.name === 'roles')
    const value = roles.subAttributes.find((a: any) => a.name === 'value')
    expect(value.canonicalValues).toEqual(['viewer', 'editor'])
  })

  it("each org's /Schemas publishes its own role values", async () => {
    const a = await createTestOrg('a', { roleValues: ['alpha'] })
    const b = await createTestOrg('b', { roleValues: ['beta', 'gamma'] })
    const valuesOf = async (token: string) => {
      const user = await json(
        await scim('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', token),
      )
      const roles = user.attributes.find((x: any) => x.name === 'roles')
      return roles.subAttributes.find((x: any) => x.name === 'value').canonicalValues
    }
    expect(await valuesOf(a.token)).toEqual(['alpha'])
    expect(await valuesOf(b.token)).toEqual(['beta', 'gamma'])
  })

  it('unknown schema or resource type is a SCIM 404', async () => {
    const org = await createTestOrg()
    await expectScimError(await scim('/Schemas/urn:nope', org.token), 404)
    await expectScimError(await scim('/ResourceTypes/Device', org.token), 404)
  })
})
