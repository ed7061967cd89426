// Pure: no I/O. Attribute names as written in `attributes`, `excludedAttributes` and `sortBy`
// (RFC 7644 §3.10 `[URI ":"] ATTRNAME ["." subAttr]`, §3.4.2.5, §3.4.2.3).
import { invalidValue } from '../errors'
import type { AttrPath } from '../filter/ast'
import { findSchema, resolvePath, splitUrn } from './resolve'
import type { ResolvedAttribute, ResourceSchema } from './types'

/** ATTRNAME = ALPHA *(nameChar); `$ref` is the one reserved name that starts with "$" (§2.4). */
const ATTR_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/

/** `name.givenName`, `urn:…:enterprise:2.0:User:manager.value`; undefined when malformed. */
export function parseAttrPath(text: string): AttrPath | undefined {
  const { uri, rest } = splitUrn(text.trim())
  const parts = rest.split('.')
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p))) return undefined
  const path: AttrPath = { attr: parts[0] }
  if (uri !== undefined) path.uri = uri
  if (parts.length === 2) path.sub = parts[1]
  return path
}

/** What one name selects: a whole schema (an extension URN alone) or one (sub-)attribute. */
export type AttributeSelector =
  { kind: 'schema'; schemaUrn?: string } | ({ kind: 'attribute' } & ResolvedAttribute)

/** Resolves a name case-insensitively; undefined when it names nothing in this resource type. */
export function resolveAttributeName(
  resource: ResourceSchema,
  text: string,
): AttributeSelector | undefined {
  const schema = findSchema(resource, text.trim())
  if (schema) {
    return schema === resource.core ? { kind: 'schema' } : { kind: 'schema', schemaUrn: schema.id }
  }
  const path = parseAttrPath(text)
  const resolved = path && resolvePath(resource, path)
  return resolved && { kind: 'attribute', ...resolved }
}

/**
 * `attributes`/`excludedAttributes` name attributes (§3.4.2.5); a value filter there
 * (`emails[type eq "work"]`, sent by Microsoft's validator) is not part of the grammar. Rather than
 * silently dropping what was asked for, it is refused.
 */
export function rejectValueFilters(names: readonly string[], parameter: string): void {
  const filtered = names.find((name) => name.includes('['))
  if (filtered !== undefined) {
    throw invalidValue(
      `"${parameter}" names attributes without value filters: use "${filtered.slice(0, filtered.indexOf('['))}" or one of its sub-attributes, and a filter to choose resources.`,
    )
  }
}

/** `attributes=userName,name.givenName` (§3.4.2.5): comma-separated, blanks dropped. */
export function parseAttributeList(text: string | null | undefined): string[] {
  if (!text) return []
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
