// Pure: no I/O. Resolves a parsed PATCH path against the resource schema (RFC 7644 §3.5.2, §3.10)
import { invalidPath } from '../errors'
import type { FilterNode } from '../filter/ast'
import { findAttribute, findSchema, resolvePath } from '../schema/resolve'
import type { AttributeDef, ResolvedAttribute, ResourceSchema, SchemaDef } from '../schema/types'
import { canonicalFilter } from './value-filter'
import type { PatchPath } from './types'

export interface AttributeTarget {
  kind: 'attribute'
  /** The extension schema URN; undefined for core attributes. */
  urn?: string
  attribute: AttributeDef
  /** `name.givenName`, `emails.value` (every element) or `emails[type eq "work"].value`. */
  sub?: AttributeDef
  /** valuePath filter with canonical sub-attribute names and boolean literals coerced. */
  filter?: FilterNode
}

export type Target =
  | AttributeTarget
  /** The extension object itself: path `urn:…:enterprise:2.0:User`. */
  | { kind: 'extension'; schema: SchemaDef }
  /** Group `members`: never loaded, turned into a MemberDelta (patch/types.ts). */
  | { kind: 'members'; filter?: FilterNode; sub?: string }

const common = (
  name: string,
  type: AttributeDef['type'],
  mutability: AttributeDef['mutability'],
  extra: Partial<AttributeDef> = {},
): AttributeDef => ({
  name,
  type,
  multiValued: false,
  description: '',
  required: false,
  caseExact: true,
  mutability,
  returned: 'default',
  uniqueness: 'none',
  ...extra,
})

const metaSub = ['resourceType', 'created', 'lastModified', 'location', 'version'].map((n) =>
  common(n, n === 'created' || n === 'lastModified' ? 'dateTime' : 'string', 'readOnly'),
)

/** RFC 7643 §3.1 common attributes, for schemas that do not list them. */
const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  common('id', 'string', 'readOnly'),
  common('externalId', 'string', 'readWrite'),
  common('meta', 'complex', 'readOnly', { subAttributes: metaSub }),
  common('schemas', 'reference', 'readOnly', { multiValued: true }),
]

function resolveAttribute(schema: ResourceSchema, path: PatchPath): ResolvedAttribute | undefined {
  const found = resolvePath(schema, path.attr)
  if (found) return found
  const coreUri = path.attr.uri === undefined || findSchema(schema, path.attr.uri) === schema.core
  const attribute = coreUri ? findAttribute(COMMON_ATTRIBUTES, path.attr.attr) : undefined
  if (!attribute) return undefined
  if (path.attr.sub === undefined) return { attribute }
  const subAttribute = findAttribute(attribute.subAttributes, path.attr.sub)
  return subAttribute ? { attribute, subAttribute } : undefined
}

/** undefined when the path names no attribute of this resource type. */
export function resolveTarget(schema: ResourceSchema, path: PatchPath): Target | undefined {
  const { attr } = path
  if (attr.uri !== undefined && attr.sub === undefined && !path.filter) {
    const whole = findSchema(schema, `${attr.uri}:${attr.attr}`)
    if (whole && whole !== schema.core) return { kind: 'extension', schema: whole }
  }
  const found = resolveAttribute(schema, path)
  if (!found) return undefined
  const { attribute } = found
  const urn = found.schemaUrn
  if (schema.name === 'Group' && urn === undefined && attribute.name === 'members') {
    const sub = path.sub ?? attr.sub
    return { kind: 'members', ...(path.filter && { filter: path.filter }), ...(sub && { sub }) }
  }
  const target: AttributeTarget = { kind: 'attribute', attribute }
  if (urn !== undefined) target.urn = urn
  if (found.subAttribute) target.sub = found.subAttribute
  if (path.filter) {
    if (!attribute.multiValued || attribute.type !== 'complex') {
      throw invalidPath(`"${attribute.name}" is not multi-valued complex; it takes no value filter`)
    }
    target.filter = canonicalFilter(path.filter, attribute)
    if (path.sub !== undefined) {
      const sub = findAttribute(attribute.subAttributes, path.sub)
      if (!sub) throw invalidPath(`"${attribute.name}" has no sub-attribute "${path.sub}"`)
      target.sub = sub
    }
  }
  return target
}
