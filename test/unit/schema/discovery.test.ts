// RFC 7643 §5 ServiceProviderConfig, §6 ResourceType, §7 Schema; RFC 7644 §4 discovery endpoints.
import { describe, expect, it } from 'vitest'
import {
  BEARER_TOKEN_SCHEME,
  findResourceTypeDocument,
  findSchemaDocument,
  groupResourceSchema,
  resourceTypesListResponse,
  schemasListResponse,
  serviceProviderConfig,
  userResourceSchema,
  type ServiceProviderFeatures,
} from '../../../src/scim/schema'
import {
  DEFAULT_ROLE_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_MESSAGE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/urns'

const BASE = 'https://scim.example.com/scim/v2'
const resources = [userResourceSchema(), groupResourceSchema()]
const schemaDocs = schemasListResponse(resources, BASE).Resources

type Published = Record<string, unknown>

/** Every attribute and sub-attribute of a /Schemas document, with a dotted name for messages. */
function walk(attributes: Published[], prefix = ''): [string, Published][] {
  return attributes.flatMap((a) => {
    const name = `${prefix}${String(a.name)}`
    const subs = (a.subAttributes as Published[] | undefined) ?? []
    return [[name, a] as [string, Published], ...walk(subs, `${name}.`)]
  })
}

const allAttributes = schemaDocs.flatMap((doc) =>
  walk(doc.attributes as Published[]).map(([name, a]) => [`${doc.id}:${name}`, a] as const),
)

describe('/Schemas attributes carry every characteristic (RFC 7643 §7)', () => {
  it('publishes a non-trivial number of attributes', () => {
    expect(allAttributes.length).toBeGreaterThan(60)
  })

  it.each(allAttributes)('%s', (_, a) => {
    expect(typeof a.name).toBe('string')
    expect([
      'string',
      'boolean',
      'decimal',
      'integer',
      'dateTime',
      'reference',
      'complex',
      'binary',
    ]).toContain(a.type)
    expect(typeof a.multiValued).toBe('boolean')
    expect(typeof a.description).toBe('string')
    expect(a.description).not.toBe('')
    expect(typeof a.required).toBe('boolean')
    expect(typeof a.caseExact).toBe('boolean')
    expect(['readOnly', 'readWrite', 'immutable', 'writeOnly']).toContain(a.mutability)
    expect(['always', 'never', 'default', 'request']).toContain(a.returned)
    expect(['none', 'server', 'global']).toContain(a.uniqueness)
    if (a.type === 'complex') expect(Array.isArray(a.subAttributes)).toBe(true)
    else expect(a.subAttributes).toBeUndefined()
    if (a.type === 'reference')
      expect(a.referenceTypes).toEqual(expect.arrayContaining([expect.any(String)]))
    if (a.canonicalValues !== undefined) expect(Array.isArray(a.canonicalValues)).toBe(true)
  })
})

describe('/Schemas documents', () => {
  it('lists the core, enterprise and role schemas once each', () => {
    expect(schemaDocs.map((d) => d.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      DEFAULT_ROLE_SCHEMA,
      GROUP_SCHEMA,
    ])
  })

  it.each(schemaDocs.map((d) => [d.id, d] as const))('%s has schemas, id and meta', (id, doc) => {
    expect(doc.schemas).toEqual([SCHEMA_SCHEMA])
    expect(doc.meta).toEqual({ resourceType: 'Schema', location: `${BASE}/Schemas/${id}` })
  })

  it.each([USER_SCHEMA, GROUP_SCHEMA])(
    '%s omits the common attributes id, externalId, meta (§3.1)',
    (id) => {
      const names = schemaDocs.find((d) => d.id === id)!.attributes.map((a) => a.name)
      expect(names).not.toContain('id')
      expect(names).not.toContain('externalId')
      expect(names).not.toContain('meta')
    },
  )

  it('publishes password as writeOnly and never returned', () => {
    const user = schemaDocs.find((d) => d.id === USER_SCHEMA)!
    expect(user.attributes.find((a) => a.name === 'password')).toMatchObject({
      mutability: 'writeOnly',
      returned: 'never',
    })
  })

  it('publishes the org role values as canonicalValues', () => {
    const custom = [userResourceSchema('urn:acme:Role', ['a', 'b'])]
    const doc = findSchemaDocument(custom, 'urn:acme:Role', BASE)
    expect(doc?.attributes).toEqual([
      expect.objectContaining({ name: 'role', canonicalValues: ['a', 'b'] }),
    ])
  })

  it('finds a schema by id case-insensitively, and nothing for an unknown id', () => {
    expect(findSchemaDocument(resources, USER_SCHEMA.toUpperCase(), BASE)?.id).toBe(USER_SCHEMA)
    expect(findSchemaDocument(resources, 'urn:nope', BASE)).toBeUndefined()
  })

  it('wraps the documents in a ListResponse with integer counters (RFC 7644 §4)', () => {
    const list = schemasListResponse(resources, `${BASE}/`)
    expect(list).toMatchObject({
      schemas: [LIST_RESPONSE_MESSAGE],
      totalResults: 4,
      startIndex: 1,
      itemsPerPage: 4,
    })
    expect(list.Resources[0].meta.location).toBe(`${BASE}/Schemas/${USER_SCHEMA}`)
  })
})

describe('/ResourceTypes (RFC 7643 §6)', () => {
  it('describes User with both extensions as optional', () => {
    expect(findResourceTypeDocument(resources, 'user', BASE)).toEqual({
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: DEFAULT_ROLE_SCHEMA, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
    })
  })

  it('lists User and Group', () => {
    const list = resourceTypesListResponse(resources, BASE)
    expect(list.Resources.map((r) => [r.id, r.endpoint, r.schema])).toEqual([
      ['User', '/Users', USER_SCHEMA],
      ['Group', '/Groups', GROUP_SCHEMA],
    ])
    expect(list.totalResults).toBe(2)
  })

  it('finds nothing for an unknown resource type', () => {
    expect(findResourceTypeDocument(resources, 'Device', BASE)).toBeUndefined()
  })
})

describe('/ServiceProviderConfig (RFC 7643 §5)', () => {
  const features: ServiceProviderFeatures = {
    patch: true,
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1048576 },
    filter: { supported: true, maxResults: 200 },
    changePassword: false,
    sort: false,
    etag: true,
    authenticationSchemes: [BEARER_TOKEN_SCHEME],
  }

  it('advertises exactly the features given, as booleans and integers', () => {
    expect(serviceProviderConfig(features, `${BASE}/`)).toEqual({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: expect.any(String),
          specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    })
  })

  it('includes documentationUri only when given', () => {
    const doc = serviceProviderConfig(
      { ...features, documentationUri: 'https://docs.example.com' },
      BASE,
    )
    expect(doc.documentationUri).toBe('https://docs.example.com')
    expect('documentationUri' in serviceProviderConfig(features, BASE)).toBe(false)
  })
})
