// Pure: no I/O. Request bodies to canonical attribute names (RFC 7643 §2.1: attribute names and
// schema URNs are case-insensitive) and the string-boolean IdP quirk.
import { invalidSyntax } from '../errors'
import { isPlainObject } from '../json'
import { findAttribute, findSchema, splitUrn } from './resolve'
import type { AttributeDef, ResourceSchema } from './types'

type Json = Record<string, unknown>

export { isPlainObject }

/**
 * Maps attribute names in a resource body to their canonical spelling, recursively through complex
 * and multi-valued attributes and extension objects (keyed by URN, matched case-insensitively).
 * Microsoft's SCIM test collection sends `"Primary"`, `"Department"`, `"Manager": {"Value": …}`
 * (replayed in test/unit/schema/canonicalize.test.ts).
 *
 * Also accepted: a URN-qualified attribute as a top-level key (`"urn:…:enterprise:2.0:User:department"`),
 * placed into its schema. Unknown attributes are DROPPED: they are not stored, so keeping them would
 * only let them reach validation; RFC 7644 §3.3 leaves unknown attributes to the service provider.
 * Only boolean-typed attributes have string booleans coerced (Entra sends `"primary": "False"`).
 * Anything not shaped as its definition expects is left as sent, for validation to report.
 *
 * Under the interop profile (`resource.strict`) an unknown attribute, an extension object or
 * `schemas` entry naming a schema the resource type does not declare is 400 invalidSyntax instead.
 */
export function canonicalizeKeys(body: unknown, resource: ResourceSchema): unknown {
  if (!isPlainObject(body)) return body
  const strict = resource.strict === true
  const unknown = (what: string) => {
    throw invalidSyntax(
      `${what} is not defined by the ${resource.name} resource type (interop profile).`,
    )
  }
  if (strict) checkSchemasListed(body, resource)
  const out: Json = {}
  const intoExtension = (urn: string, values: Json) => {
    out[urn] = isPlainObject(out[urn]) ? { ...out[urn], ...values } : values
  }
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') {
      out.schemas = value
      continue
    }
    const schema = findSchema(resource, key)
    if (schema === resource.core) {
      if (isPlainObject(value))
        Object.assign(out, canonicalizeObject(value, schema.attributes, strict && unknown))
    } else if (schema) {
      if (isPlainObject(value))
        intoExtension(schema.id, canonicalizeObject(value, schema.attributes, strict && unknown))
      else out[schema.id] = value
    } else {
      const { uri, rest } = splitUrn(key)
      const owner = uri === undefined ? resource.core : findSchema(resource, uri)
      const def = owner && findAttribute(owner.attributes, rest)
      if (!owner || !def) {
        if (strict) unknown(`"${key}"`)
        continue
      }
      const canonical = canonicalizeValue(value, def, strict && unknown)
      if (owner === resource.core) out[def.name] = canonical
      else intoExtension(owner.id, { [def.name]: canonical })
    }
  }
  return out
}

function canonicalizeObject(
  object: Json,
  defs: readonly AttributeDef[] | undefined,
  onUnknown: OnUnknown = false,
): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(object)) {
    const def = findAttribute(defs, key)
    if (def) out[def.name] = canonicalizeValue(value, def, onUnknown)
    else if (onUnknown) onUnknown(`"${key}"`)
  }
  return out
}

/** Interop profile: every URN in `schemas` is the resource type's core schema or an extension. */
function checkSchemasListed(body: Json, resource: ResourceSchema): void {
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'schemas')
  const listed = key === undefined ? [] : body[key]
  for (const urn of Array.isArray(listed) ? listed : [listed]) {
    if (typeof urn !== 'string' || !findSchema(resource, urn)) {
      throw invalidSyntax(
        `schemas lists ${JSON.stringify(urn)}, which the ${resource.name} resource type does not declare (interop profile).`,
      )
    }
  }
}

type OnUnknown = ((what: string) => never) | false

function canonicalizeValue(
  value: unknown,
  def: AttributeDef,
  onUnknown: OnUnknown = false,
): unknown {
  if (Array.isArray(value))
    return def.multiValued ? value.map((v) => canonicalizeOne(v, def, onUnknown)) : value
  return canonicalizeOne(value, def, onUnknown)
}

function canonicalizeOne(value: unknown, def: AttributeDef, onUnknown: OnUnknown): unknown {
  if (def.type === 'complex' && isPlainObject(value)) {
    return canonicalizeObject(value, def.subAttributes, onUnknown)
  }
  if (def.type === 'boolean') return coerceBoolean(value)
  return value
}

/** `"True"`, `"false"`, `"False"` → booleans (Entra, Microsoft's test collection); else unchanged. */
export function coerceBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const folded = value.toLowerCase()
  return folded === 'true' ? true : folded === 'false' ? false : value
}

/** Renames keys of a message envelope (PatchOp, SearchRequest) to their canonical spelling. */
export function canonicalKeyNames(names: readonly string[]) {
  return (input: unknown): unknown => {
    if (!isPlainObject(input)) return input
    const out: Json = {}
    for (const [key, value] of Object.entries(input)) {
      out[names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key] = value
    }
    return out
  }
}
