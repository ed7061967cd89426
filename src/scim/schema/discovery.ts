// Pure: no I/O. Discovery documents generated from the schema metadata: ServiceProviderConfig
// (RFC 7643 §5), ResourceType (§6), Schema (§7), and their ListResponses (RFC 7644 §4).
import { listResponse, type ListResponse } from '../list'
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from '../urns'
import { isCommonAttribute } from './common'
import { META_SCHEMAS } from './meta-schemas'
import type { AttributeDef, ResourceSchema, SchemaDef } from './types'

export interface AuthenticationScheme {
  type: string
  name: string
  description: string
  specUri?: string
  documentationUri?: string
  primary?: boolean
}

/** What the deployment implements; the document advertises exactly this (IDP-COMPAT: Discovery). */
export interface ServiceProviderFeatures {
  documentationUri?: string
  patch: boolean
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number }
  filter: { supported: boolean; maxResults: number }
  changePassword: boolean
  sort: boolean
  etag: boolean
  authenticationSchemes: readonly AuthenticationScheme[]
  /** RFC 9865 §4: which paging methods the list endpoints honour and their page sizes. */
  pagination?: {
    cursor: boolean
    index: boolean
    defaultPaginationMethod: 'cursor' | 'index'
    defaultPageSize: number
    maxPageSize: number
  }
}

export const BEARER_TOKEN_SCHEME: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'A bearer token issued by an organization administrator (RFC 6750).',
  specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
  primary: true,
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) with JWT client authentication (RFC 7523 §2.2):
 * the OpenID IPSIE SCIM profile's way in. `documentationUri`: the authorization server metadata
 * (RFC 8414), which names the token endpoint and what it accepts.
 */
export const clientCredentialsScheme = (documentationUri: string): AuthenticationScheme => ({
  type: 'oauthbearertoken',
  name: 'OAuth 2.0 client credentials',
  description:
    'An access token (RFC 6750 bearer) from the token endpoint: grant_type=client_credentials, the client authenticated by a JWT signed with one of its registered keys (private_key_jwt, RFC 7523), scope "scim".',
  specUri: 'https://www.rfc-editor.org/rfc/rfc6749',
  documentationUri,
})

const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, '')

export function serviceProviderConfig(features: ServiceProviderFeatures, baseUrl: string) {
  const { bulk, filter } = features
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(features.documentationUri ? { documentationUri: features.documentationUri } : {}),
    patch: { supported: features.patch },
    bulk: {
      supported: bulk.supported,
      maxOperations: bulk.maxOperations,
      maxPayloadSize: bulk.maxPayloadSize,
    },
    filter: { supported: filter.supported, maxResults: filter.maxResults },
    changePassword: { supported: features.changePassword },
    sort: { supported: features.sort },
    etag: { supported: features.etag },
    authenticationSchemes: features.authenticationSchemes.map((s) => ({ ...s })),
    ...(features.pagination ? { pagination: { ...features.pagination } } : {}),
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${trimBase(baseUrl)}/ServiceProviderConfig`,
    },
  }
}

/**
 * What discovery needs of a resource type: a ResourceSchema (User, Group), or a read-only
 * catalogue endpoint (scim/catalogue: Role, the org's entitlement types).
 */
export type DiscoverableResource = Pick<ResourceSchema, 'core' | 'extensions'> & {
  name: string
  endpoint: string
}

export function resourceTypeDocument(resource: DiscoverableResource, baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: resource.name,
    name: resource.name,
    endpoint: resource.endpoint,
    description: resource.core.description,
    schema: resource.core.id,
    schemaExtensions: resource.extensions.map((e) => ({
      schema: e.schema.id,
      required: e.required,
    })),
    meta: {
      resourceType: 'ResourceType',
      location: `${trimBase(baseUrl)}/ResourceTypes/${resource.name}`,
    },
  }
}

/** §7: every characteristic spelled out, optional ones only where they apply. */
export function publishAttribute(def: AttributeDef): Record<string, unknown> {
  return {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    ...(def.canonicalValues ? { canonicalValues: [...def.canonicalValues] } : {}),
    caseExact: def.caseExact,
    mutability: def.mutability,
    returned: def.returned,
    uniqueness: def.uniqueness,
    ...(def.referenceTypes ? { referenceTypes: [...def.referenceTypes] } : {}),
    ...(def.subAttributes ? { subAttributes: def.subAttributes.map(publishAttribute) } : {}),
  }
}

/** The common attributes (id, externalId, meta) are left out: RFC 7643 §3.1 puts them in no schema. */
export function schemaDocument(schema: SchemaDef, baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.filter((a) => !isCommonAttribute(a)).map(publishAttribute),
    meta: { resourceType: 'Schema', location: `${trimBase(baseUrl)}/Schemas/${schema.id}` },
  }
}

const eachIdOnce = (all: readonly SchemaDef[]) =>
  all.filter((s, i) => all.findIndex((t) => t.id === s.id) === i)

/** Core and extension schemas of the given resource types, each once, in order. */
export function discoverySchemas(resources: readonly DiscoverableResource[]): SchemaDef[] {
  return eachIdOnce(resources.flatMap((r) => [r.core, ...r.extensions.map((e) => e.schema)]))
}

/** What /Schemas publishes: the resource schemas, then those of the discovery documents (§8.7.2). */
const publishedSchemas = (resources: readonly DiscoverableResource[]) =>
  eachIdOnce([...discoverySchemas(resources), ...META_SCHEMAS])

export type SchemaDocument = ReturnType<typeof schemaDocument>
export type ResourceTypeDocument = ReturnType<typeof resourceTypeDocument>

export function schemasListResponse(
  resources: readonly DiscoverableResource[],
  baseUrl: string,
): ListResponse<SchemaDocument> {
  return listResponse(publishedSchemas(resources).map((s) => schemaDocument(s, baseUrl)))
}

export function resourceTypesListResponse(
  resources: readonly DiscoverableResource[],
  baseUrl: string,
): ListResponse<ResourceTypeDocument> {
  return listResponse(resources.map((r) => resourceTypeDocument(r, baseUrl)))
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** GET /Schemas/{id}; ids compare case-insensitively. undefined → the route answers 404. */
export function findSchemaDocument(
  resources: readonly DiscoverableResource[],
  id: string,
  baseUrl: string,
): SchemaDocument | undefined {
  const schema = publishedSchemas(resources).find((s) => sameId(s.id, id))
  return schema && schemaDocument(schema, baseUrl)
}

/** GET /ResourceTypes/{id}. */
export function findResourceTypeDocument(
  resources: readonly DiscoverableResource[],
  id: string,
  baseUrl: string,
): ResourceTypeDocument | undefined {
  const resource = resources.find((r) => sameId(r.name, id))
  return resource && resourceTypeDocument(resource, baseUrl)
}
