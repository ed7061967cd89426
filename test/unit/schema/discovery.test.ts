// RFC 7643 §5 ServiceProviderConfig, §6 ResourceType, §7 Schema; RFC 7644 §4 discovery endpoints.
import { describe, expect, it } from 'vitest'
import {
  BEARER_TOKEN_SCHEME,
  findResourceTypeDocument,
  findSchemaDocument,
  groupResourceSchema,
  publishAttribute,
  resourceTypeDocument,
  resourceTypesListResponse,
  SCHEMA_SCHEMA_DEF,
  schemaDocument,
  schemasListResponse,
  serviceProviderConfig,
  userResourceSchema,
  type ServiceProviderFeatures,
} from '../../../src/scim/schema'
import { attribute } from '../../../src/scim/schema/define'
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

const META_SCHEMA_IDS = [SERVICE_PROVIDER_CONFIG_SCHEMA, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA]

describe('/Schemas attributes carry every characteristic (RFC 7643 §7)', () => {
  it('publishes a non-trivial number of attributes', () => {
    expect(allAttributes.length).toBeGreaterThan(60)
  })

  it.each(META_SCHEMA_IDS)('walks the attributes of %s too', (id) => {
    expect(allAttributes.filter(([name]) => name.startsWith(`${id}:`)).length).toBeGreaterThan(5)
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
  it('lists the core, enterprise and role schemas once each, then the discovery schemas', () => {
    expect(schemaDocs.map((d) => d.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      DEFAULT_ROLE_SCHEMA,
      GROUP_SCHEMA,
      SERVICE_PROVIDER_CONFIG_SCHEMA,
      RESOURCE_TYPE_SCHEMA,
      SCHEMA_SCHEMA,
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

  it.each(META_SCHEMA_IDS)('finds %s by id in any case, whatever the resource types', (id) => {
    for (const asked of [id, id.toUpperCase(), id.toLowerCase()]) {
      expect(findSchemaDocument(resources, asked, BASE)).toEqual(
        schemaDocs.find((d) => d.id === id),
      )
      expect(findSchemaDocument([groupResourceSchema()], asked, BASE)?.id).toBe(id)
    }
  })

  it('wraps the documents in a ListResponse with integer counters (RFC 7644 §4)', () => {
    const list = schemasListResponse(resources, `${BASE}/`)
    expect(list).toMatchObject({
      schemas: [LIST_RESPONSE_MESSAGE],
      totalResults: 7,
      startIndex: 1,
      itemsPerPage: 7,
    })
    expect(list.Resources[0].meta.location).toBe(`${BASE}/Schemas/${USER_SCHEMA}`)
    expect(list.Resources[6].meta.location).toBe(`${BASE}/Schemas/${SCHEMA_SCHEMA}`)
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

const features: ServiceProviderFeatures = {
  patch: true,
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: false,
  sort: false,
  etag: true,
  authenticationSchemes: [BEARER_TOKEN_SCHEME],
}

describe('/ServiceProviderConfig (RFC 7643 §5)', () => {
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

const IS_TYPE: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  reference: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  complex: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
}

/**
 * Where a document and the published attributes meant to describe it disagree: a key with no
 * attribute, a value of another type or plurality, a value outside canonicalValues, a required
 * attribute missing. Empty when the attributes describe the document.
 */
function mismatches(attributes: Published[], doc: Record<string, unknown>, at = ''): string[] {
  const missing = attributes
    .filter((a) => a.required && !(String(a.name) in doc))
    .map((a) => `${at}${String(a.name)} is required but absent`)
  return Object.entries(doc)
    .flatMap(([key, value]) => {
      const path = `${at}${key}`
      const a = attributes.find((x) => x.name === key)
      if (!a) return [`${path} is not described`]
      if (a.multiValued !== Array.isArray(value)) return [`${path} has the wrong plurality`]
      return (a.multiValued ? (value as unknown[]) : [value]).flatMap((v) => {
        if (!IS_TYPE[String(a.type)]?.(v)) return [`${path} is not a ${String(a.type)}`]
        const canonical = a.canonicalValues as unknown[] | undefined
        if (canonical && !canonical.includes(v)) return [`${path} ${String(v)} is not canonical`]
        if (a.type !== 'complex') return []
        return mismatches(a.subAttributes as Published[], v as Record<string, unknown>, `${path}.`)
      })
    })
    .concat(missing)
}

/** The document's own attributes: `schemas` and `meta` are common to all resources (§3). */
function body(doc: Record<string, unknown>): Record<string, unknown> {
  const { schemas: _schemas, meta: _meta, ...rest } = doc
  return rest
}

const metaSchema = (id: string) => schemaDocs.find((d) => d.id === id)!.attributes as Published[]

describe('the discovery schemas describe the discovery documents (RFC 7643 §8.7.2)', () => {
  const everyFeature: ServiceProviderFeatures = {
    ...features,
    documentationUri: 'https://docs.example.com/scim',
    authenticationSchemes: [
      { ...BEARER_TOKEN_SCHEME, documentationUri: 'https://docs.example.com/auth' },
      { type: 'httpbasic', name: 'HTTP Basic', description: 'Basic', primary: false },
    ],
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 100,
      maxPageSize: 200,
    },
  }

  it.each([
    ['every optional feature', everyFeature],
    ['no optional feature', features],
  ])('ServiceProviderConfig, with %s', (_, given) => {
    const doc = serviceProviderConfig(given, BASE)
    expect(mismatches(metaSchema(SERVICE_PROVIDER_CONFIG_SCHEMA), body(doc))).toEqual([])
  })

  it('ServiceProviderConfig, every top-level key it can emit', () => {
    const keys = Object.keys(body(serviceProviderConfig(everyFeature, BASE)))
    expect(metaSchema(SERVICE_PROVIDER_CONFIG_SCHEMA).map((a) => a.name)).toEqual(
      expect.arrayContaining(keys),
    )
    expect(keys).toContain('pagination')
    expect(keys).toContain('documentationUri')
  })

  it('(the check itself reports what is undescribed, missing, mistyped or not canonical)', () => {
    const { name: _name, ...doc } = body(resourceTypeDocument(groupResourceSchema(), BASE))
    const bad = { ...doc, endpoint: 3, schemaExtensions: {}, extra: 1 }
    expect(mismatches(metaSchema(RESOURCE_TYPE_SCHEMA), bad)).toEqual([
      'endpoint is not a reference',
      'schemaExtensions has the wrong plurality',
      'extra is not described',
      'name is required but absent',
    ])
    const spc = body(serviceProviderConfig(features, BASE))
    const scheme = { ...BEARER_TOKEN_SCHEME, type: 'kerberos' }
    expect(
      mismatches(metaSchema(SERVICE_PROVIDER_CONFIG_SCHEMA), {
        ...spc,
        authenticationSchemes: [scheme],
      }),
    ).toEqual(['authenticationSchemes.type kerberos is not canonical'])
  })

  it.each(resources.map((r) => [r.name, r] as const))('ResourceType %s', (_, resource) => {
    const doc = resourceTypeDocument(resource, BASE)
    expect(mismatches(metaSchema(RESOURCE_TYPE_SCHEMA), body(doc))).toEqual([])
  })

  it.each(schemaDocs.filter((d) => d.id !== SCHEMA_SCHEMA).map((d) => [d.id, d] as const))(
    'Schema %s, down to every published attribute and sub-attribute',
    (_, doc) => {
      expect(mismatches(metaSchema(SCHEMA_SCHEMA), body(doc))).toEqual([])
    },
  )

  it('Schema, every key a published attribute can have, at both levels', () => {
    const every = { canonicalValues: ['a'], referenceTypes: ['User'] }
    const sub = attribute('sub', 'reference', 'A sub-attribute.', every)
    const published = publishAttribute(
      attribute('top', 'complex', 'An attribute.', { ...every, subAttributes: [sub] }),
    )
    const attributes = metaSchema(SCHEMA_SCHEMA).find((a) => a.name === 'attributes')!
    expect(mismatches(attributes.subAttributes as Published[], published)).toEqual([])
    expect(Object.keys(published).sort()).toEqual(
      (attributes.subAttributes as Published[]).map((a) => a.name).sort(),
    )
  })

  it('Schema, describing itself: all but the third level of nesting that §2.3.8 rules out', () => {
    const self = schemaDocument(SCHEMA_SCHEMA_DEF, BASE)
    expect(mismatches(metaSchema(SCHEMA_SCHEMA), body(self))).toEqual([
      'attributes.subAttributes.subAttributes is not described',
    ])
  })

  it('every attribute of the discovery schemas is readOnly', () => {
    const names = allAttributes.filter(([name]) =>
      META_SCHEMA_IDS.some((id) => name.startsWith(`${id}:`)),
    )
    expect(names.filter(([, a]) => a.mutability !== 'readOnly')).toEqual([])
  })

  it('applies the verified errata 7522 and 5607: both lists are multi-valued', () => {
    const at = (id: string, path: string) =>
      allAttributes.find(([name]) => name === `${id}:${path}`)?.[1]
    expect(at(RESOURCE_TYPE_SCHEMA, 'schemaExtensions')?.multiValued).toBe(true)
    expect(at(SCHEMA_SCHEMA, 'attributes.referenceTypes')?.multiValued).toBe(true)
    expect(at(SCHEMA_SCHEMA, 'attributes.subAttributes.referenceTypes')?.multiValued).toBe(true)
    expect(at(SERVICE_PROVIDER_CONFIG_SCHEMA, 'authenticationSchemes.type')).toMatchObject({
      required: true,
      canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
    })
  })
})
