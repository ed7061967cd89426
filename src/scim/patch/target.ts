// Pure: no I/O. Resolves a parsed PATCH path against the resource schema (RFC 7644 §3.5.2, §3.10)
import { invalidPath } from '../errors'
import type { FilterNode } from '../filter/ast'
import { resolveFilterPath, validateElementFilter } from '../filter'
import { findAttribute, findSchema } from '../schema/resolve'
import type { AttributeDef, ResourceSchema, SchemaDef } from '../schema/types'
import type { PatchPath } from './types'

export interface AttributeTarget {
  kind: 'attribute'
  /** The extension schema URN; undefined for core attributes. */
  urn?: string
  attribute: AttributeDef
  /** `name.givenName`, `emails.value` (every element) or `emails[type eq "work"].value`. */
  sub?: AttributeDef
  /** The valuePath filter, validated: canonical sub-attribute names, boolean literals typed. */
  filter?: FilterNode
}

export type Target =
  | AttributeTarget
  /** The extension object itself: path `urn:…:enterprise:2.0:User`. */
  | { kind: 'extension'; schema: SchemaDef }
  /** Group `members`: never loaded, turned into a MemberDelta (patch/types.ts). */
  | { kind: 'members'; filter?: FilterNode; sub?: string }

/**
 * undefined when the path names no attribute of this resource type. Common attributes (`id`,
 * `meta`, `schemas`) resolve as the filter module resolves them (RFC 7643 §3.1).
 * The filter of `roles[primary eq "True"]` (Entra ID, fixture entra-user-roles-primary-true.json)
 * is validated against `roles`, which types the "True" literal as a boolean.
 */
export function resolveTarget(schema: ResourceSchema, path: PatchPath): Target | undefined {
  const { attr } = path
  if (attr.uri !== undefined && attr.sub === undefined && !path.filter) {
    const whole = findSchema(schema, `${attr.uri}:${attr.attr}`)
    if (whole && whole !== schema.core) return { kind: 'extension', schema: whole }
  }
  const found = resolveFilterPath(schema, attr)
  if (!found) return undefined
  const { attribute, schemaUrn: urn } = found
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
    target.filter = validateElementFilter(path.filter, attribute)
    if (path.sub !== undefined) {
      const sub = findAttribute(attribute.subAttributes, path.sub)
      if (!sub) throw invalidPath(`"${attribute.name}" has no sub-attribute "${path.sub}"`)
      target.sub = sub
    }
  }
  return target
}
