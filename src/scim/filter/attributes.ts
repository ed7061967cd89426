// Pure: no I/O. Where a filter path lands in a ResourceSchema (RFC 7643 §2.1, §3.1; RFC 7644 §3.10).
import { findAttribute, resolvePath } from '../schema/resolve'
import type { AttributeDef, AttributeType, ResolvedAttribute, ResourceSchema } from '../schema/types'
import type { AttrPath } from './ast'

function common(name: string, type: AttributeType, more: Partial<AttributeDef> = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: `RFC 7643 §3.1 common attribute "${name}".`,
    required: false,
    caseExact: true,
    mutability: 'readOnly',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  }
}

/**
 * RFC 7643 §3.1 attributes every resource has, which /Schemas documents need not list (the
 * RFC's own §8.7.1 User schema lists none of them), plus `schemas` (§3), which RFC 7644's
 * filter examples query. Consulted only when the resource schema does not define the name, so a
 * schema that does define them wins. `schemas` holds URNs, compared case-insensitively.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  common('id', 'string', { returned: 'always', uniqueness: 'server' }),
  common('externalId', 'string', { mutability: 'readWrite' }),
  common('schemas', 'reference', { multiValued: true, caseExact: false, returned: 'always' }),
  common('meta', 'complex', {
    subAttributes: [
      common('resourceType', 'string'),
      common('created', 'dateTime'),
      common('lastModified', 'dateTime'),
      common('location', 'reference'),
      common('version', 'string'),
    ],
  }),
]

/** resolvePath, falling back to the common attributes for unqualified or core-qualified paths. */
export function resolveFilterPath(
  schema: ResourceSchema,
  path: AttrPath,
): ResolvedAttribute | undefined {
  const found = resolvePath(schema, path)
  if (found) return found
  if (path.uri !== undefined && path.uri.toLowerCase() !== schema.core.id.toLowerCase()) {
    return undefined
  }
  const attribute = findAttribute(COMMON_ATTRIBUTES, path.attr)
  if (!attribute) return undefined
  if (path.sub === undefined) return { attribute }
  const subAttribute = findAttribute(attribute.subAttributes, path.sub)
  return subAttribute ? { attribute, subAttribute } : undefined
}

/**
 * Inside `attr[…]` and in PATCH value filters a path names one sub-attribute of `parent`, with
 * no URN and no further sub-attribute. For a simple multi-valued parent (a string array) the
 * element itself is its `value`. Sub-attributes are never complex (RFC 7643 §2.3.8).
 */
export function resolveElementPath(parent: AttributeDef, path: AttrPath): AttributeDef | undefined {
  if (path.uri !== undefined || path.sub !== undefined) return undefined
  if (parent.type !== 'complex') {
    return path.attr.toLowerCase() === 'value' ? elementValueDef(parent) : undefined
  }
  const def = findAttribute(parent.subAttributes, path.attr)
  return def && def.type !== 'complex' ? def : undefined
}

/** The `value` of one element of a simple multi-valued attribute. */
export function elementValueDef(parent: AttributeDef): AttributeDef {
  return { ...parent, name: 'value', multiValued: false }
}
