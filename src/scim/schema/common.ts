// Pure: no I/O. The common attributes every resource carries (RFC 7643 §3.1).
import { attribute, complex, text } from './define'
import type { AttributeDef } from './types'

export const ID_ATTRIBUTE = text(
  'id',
  'Unique identifier of the resource, issued by the service provider.',
  {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  },
)

export const EXTERNAL_ID_ATTRIBUTE = text(
  'externalId',
  'Identifier of the resource as defined by the provisioning client.',
  { caseExact: true },
)

const readOnly = { mutability: 'readOnly' } as const

export const META_ATTRIBUTE = complex(
  'meta',
  'Resource metadata maintained by the service provider.',
  [
    text('resourceType', 'Name of the resource type of the resource.', {
      ...readOnly,
      caseExact: true,
    }),
    attribute(
      'created',
      'dateTime',
      'When the resource was added to the service provider.',
      readOnly,
    ),
    attribute('lastModified', 'dateTime', 'When the resource was last updated.', readOnly),
    attribute('location', 'reference', 'URI of the resource being returned.', {
      ...readOnly,
      referenceTypes: ['uri'],
    }),
    text('version', 'Entity tag (RFC 7232) of the version returned.', {
      ...readOnly,
      caseExact: true,
    }),
  ],
  readOnly,
)

/**
 * id, externalId and meta sit in each core schema's attribute list so that path resolution
 * finds them, but §3.1 says they belong to no schema: /Schemas omits them (as §8.7.1 does).
 */
export const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  ID_ATTRIBUTE,
  EXTERNAL_ID_ATTRIBUTE,
  META_ATTRIBUTE,
]

export const isCommonAttribute = (def: AttributeDef): boolean => COMMON_ATTRIBUTES.includes(def)
