// Pure: no I/O. Where a filter path lands in a ResourceSchema (RFC 7643 §2.1; RFC 7644 §3.10).
import { findAttribute, resolvePath } from '../schema/resolve'
import type { AttributeDef, ResolvedAttribute, ResourceSchema } from '../schema/types'
import type { AttrPath } from './ast'

/**
 * `schemas` (RFC 7643 §3) is on every resource but in no schema's attribute list, yet RFC 7644
 * §3.4.2.2's own examples filter on it (`schemas eq "urn:…:enterprise:2.0:User"`). It holds
 * URNs, which compare case-insensitively. Consulted only when the resource schema lacks it.
 */
export const SCHEMAS_ATTRIBUTE: AttributeDef = {
  name: 'schemas',
  type: 'reference',
  multiValued: true,
  description: 'The schema URNs the resource conforms to (RFC 7643 §3).',
  required: true,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'none',
}

/** resolvePath, falling back to `schemas` when unqualified or qualified by the core schema. */
export function resolveFilterPath(
  schema: ResourceSchema,
  path: AttrPath,
): ResolvedAttribute | undefined {
  const found = resolvePath(schema, path)
  if (found) return found
  if (path.uri !== undefined && path.uri.toLowerCase() !== schema.core.id.toLowerCase()) {
    return undefined
  }
  const attribute = findAttribute([SCHEMAS_ATTRIBUTE], path.attr)
  return attribute && path.sub === undefined ? { attribute } : undefined
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
