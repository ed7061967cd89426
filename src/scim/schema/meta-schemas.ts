// Pure: no I/O. The schemas of the discovery documents themselves: ServiceProviderConfig (RFC 7643
// §5), ResourceType (§6) and Schema (§7), characteristics as in §8.7.2 with the verified errata
// 5607 and 7522, plus authenticationSchemes.type/primary (§5, §8.5; erratum 8011), etag (§5) and
// pagination (RFC 9865 §4). References stay case exact (§2.3.7, as everywhere in this core).
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from '../urns'
import { attribute, type AttributeOptions } from './define'
import type { AttributeDef, AttributeType, SchemaDef } from './types'

/** Every attribute of a discovery document is set by the service provider alone. */
const readOnly = (
  name: string,
  type: AttributeType,
  description: string,
  options: AttributeOptions = {},
): AttributeDef => attribute(name, type, description, { ...options, mutability: 'readOnly' })

const group = (
  name: string,
  description: string,
  subAttributes: readonly AttributeDef[],
  options: AttributeOptions = {},
) => readOnly(name, 'complex', description, { ...options, subAttributes })

const required = { required: true } as const
const external = { referenceTypes: ['external'] } as const
const requiredUri = { required: true, referenceTypes: ['uri'] } as const

/** §5: patch, bulk, filter, changePassword, sort and etag each say whether they are supported. */
const feature = (name: string, what: string, more: readonly AttributeDef[] = []) =>
  group(
    name,
    `Whether and how ${what} is supported.`,
    [readOnly('supported', 'boolean', `True when ${what} is available.`, required), ...more],
    required,
  )

export const SERVICE_PROVIDER_CONFIG_SCHEMA_DEF: SchemaDef = {
  id: SERVICE_PROVIDER_CONFIG_SCHEMA,
  name: 'Service Provider Configuration',
  description: 'The SCIM features this service provider implements and how clients authenticate.',
  attributes: [
    readOnly('documentationUri', 'reference', 'Web page with help for this service.', external),
    feature('patch', 'the PATCH method'),
    feature('bulk', 'the /Bulk endpoint', [
      readOnly('maxOperations', 'integer', 'Most operations in one bulk request.', required),
      readOnly('maxPayloadSize', 'integer', 'Largest bulk request body, in bytes.', required),
    ]),
    feature('filter', 'filtering', [
      readOnly('maxResults', 'integer', 'Most resources returned in one response.', required),
    ]),
    feature('changePassword', 'changing a password'),
    feature('sort', 'sorting'),
    // §5 defines etag as REQUIRED; the §8.7.2 listing leaves it out.
    feature('etag', 'versioning with ETags'),
    group(
      'authenticationSchemes',
      'The ways a client can authenticate to this service.',
      [
        readOnly('type', 'string', 'Kind of authentication scheme.', {
          ...required,
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
        }),
        readOnly('name', 'string', 'Common name of the scheme.', required),
        readOnly('description', 'string', 'How the scheme works here.', required),
        readOnly('specUri', 'reference', 'Where the scheme is specified.', external),
        readOnly('documentationUri', 'reference', 'Where its use here is explained.', external),
        readOnly('primary', 'boolean', 'Marks the preferred scheme; true on one at most.'),
      ],
      { ...required, multiValued: true },
    ),
    group('pagination', 'The paging methods of list requests and their page sizes.', [
      readOnly('cursor', 'boolean', 'True when cursor paging is supported.', required),
      readOnly('index', 'boolean', 'True when startIndex paging is supported.', required),
      readOnly('defaultPaginationMethod', 'string', 'Method used when a request names none.', {
        canonicalValues: ['cursor', 'index'],
      }),
      readOnly('defaultPageSize', 'integer', 'Page size when a request gives no count.'),
      readOnly('maxPageSize', 'integer', 'Largest page size returned.'),
      readOnly('cursorTimeout', 'integer', 'Seconds during which a cursor stays usable.'),
    ]),
  ],
}

export const RESOURCE_TYPE_SCHEMA_DEF: SchemaDef = {
  id: RESOURCE_TYPE_SCHEMA,
  name: 'ResourceType',
  description: 'A kind of resource this service provider serves, and the schemas it carries.',
  attributes: [
    readOnly('id', 'string', 'Identifier of the resource type, often equal to its name.'),
    readOnly('name', 'string', "Name of the resource type, e.g. 'User'.", required),
    readOnly('description', 'string', 'Human-readable description of the resource type.'),
    readOnly('endpoint', 'reference', "Its path under the base URL, e.g. '/Users'.", requiredUri),
    readOnly('schema', 'reference', 'URI of its core schema.', requiredUri),
    // Erratum 7522 (verified): a list, so multi-valued.
    group(
      'schemaExtensions',
      'The extension schemas the resource type carries.',
      [
        readOnly('schema', 'reference', 'URI of the extension schema.', requiredUri),
        readOnly('required', 'boolean', 'True when every resource must carry it.', required),
      ],
      { ...required, multiValued: true },
    ),
  ],
}

const exact = { caseExact: true } as const
/** §8.7.2's values plus 'binary' (§2.3.6), which it forgets though §8.7.1 uses it. */
const TYPES = 'string complex boolean decimal integer dateTime reference binary'.split(' ')

/** §7: what describes one attribute; used for `attributes` and again for `subAttributes`. */
const CHARACTERISTICS: readonly AttributeDef[] = [
  readOnly('name', 'string', 'Name of the attribute.', { ...required, ...exact }),
  readOnly('type', 'string', 'Data type of the attribute.', {
    ...required,
    canonicalValues: TYPES,
  }),
  readOnly('multiValued', 'boolean', 'True when the attribute holds a list.', required),
  readOnly('description', 'string', 'What the attribute means.', exact),
  readOnly('required', 'boolean', 'True when a resource must have the attribute.'),
  readOnly('canonicalValues', 'string', 'Suggested values.', { ...exact, multiValued: true }),
  readOnly('caseExact', 'boolean', 'True when comparisons respect case.'),
  readOnly('mutability', 'string', 'When a client may set the value.', {
    ...exact,
    canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  }),
  readOnly('returned', 'string', 'When the value appears in responses.', {
    ...exact,
    canonicalValues: ['always', 'never', 'default', 'request'],
  }),
  readOnly('uniqueness', 'string', 'Scope within which a value must be unique.', {
    ...exact,
    canonicalValues: ['none', 'server', 'global'],
  }),
  // Erratum 5607 (verified): multi-valued at both levels.
  readOnly('referenceTypes', 'string', 'What a reference attribute may point to.', {
    ...exact,
    multiValued: true,
  }),
]

export const SCHEMA_SCHEMA_DEF: SchemaDef = {
  id: SCHEMA_SCHEMA,
  name: 'Schema',
  description: 'A schema: the attributes a resource or a part of one may have.',
  attributes: [
    readOnly('id', 'string', 'URI of the schema.', required),
    readOnly('name', 'string', "Short name of the schema, e.g. 'User'.", required),
    readOnly('description', 'string', 'Human-readable description of the schema.'),
    group(
      'attributes',
      'The attributes the schema defines.',
      [
        ...CHARACTERISTICS,
        group('subAttributes', 'The sub-attributes of a complex attribute.', CHARACTERISTICS, {
          multiValued: true,
        }),
      ],
      { ...required, multiValued: true },
    ),
  ],
}

/** The same for every org, published after the resource schemas (§8.7.2). */
export const META_SCHEMAS: readonly SchemaDef[] = [
  SERVICE_PROVIDER_CONFIG_SCHEMA_DEF,
  RESOURCE_TYPE_SCHEMA_DEF,
  SCHEMA_SCHEMA_DEF,
]
