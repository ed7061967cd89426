// Pure: no I/O. Case-insensitive attribute resolution (RFC 7643 §2.1: attribute names are
// case-insensitive; RFC 7644 §3.10: a fully qualified name is `<schema URN>:<attr>[.<sub>]`).
import type { AttrPath } from '../filter/ast'
import type { AttributeDef, ResolvedAttribute, ResourceSchema, SchemaDef } from './types'

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

export function findAttribute(
  attributes: readonly AttributeDef[] | undefined,
  name: string,
): AttributeDef | undefined {
  return attributes?.find((a) => sameName(a.name, name))
}

/** The schema (core or extension) whose id equals `urn`, compared case-insensitively. */
export function findSchema(resource: ResourceSchema, urn: string): SchemaDef | undefined {
  if (sameName(resource.core.id, urn)) return resource.core
  return resource.extensions.find((e) => sameName(e.schema.id, urn))?.schema
}

/**
 * Splits `urn:…:User:name.givenName` into `{uri, rest}` at the last colon. Attribute names never
 * contain a colon (ATTRNAME = ALPHA *(nameChar)), so the last colon always ends the URN.
 */
export function splitUrn(text: string): { uri?: string; rest: string } {
  if (!/^urn:/i.test(text)) return { rest: text }
  const at = text.lastIndexOf(':')
  return { uri: text.slice(0, at), rest: text.slice(at + 1) }
}

/**
 * Resolves a path against the resource type. An unqualified name is looked up in the core schema
 * first, then in the extensions (IdPs send `employeeNumber` bare as well as qualified).
 * Returns undefined when nothing matches; callers choose the error (invalidFilter, invalidPath…).
 */
export function resolvePath(
  resource: ResourceSchema,
  path: AttrPath,
): ResolvedAttribute | undefined {
  const candidates: { urn?: string; schema: SchemaDef }[] = []
  if (path.uri !== undefined) {
    const schema = findSchema(resource, path.uri)
    if (!schema) return undefined
    candidates.push({ urn: schema === resource.core ? undefined : schema.id, schema })
  } else {
    candidates.push({ schema: resource.core })
    for (const e of resource.extensions) candidates.push({ urn: e.schema.id, schema: e.schema })
  }
  for (const { urn, schema } of candidates) {
    const attribute = findAttribute(schema.attributes, path.attr)
    if (!attribute) continue
    if (path.sub === undefined) return { schemaUrn: urn, attribute }
    const subAttribute = findAttribute(attribute.subAttributes, path.sub)
    return subAttribute ? { schemaUrn: urn, attribute, subAttribute } : undefined
  }
  return undefined
}
