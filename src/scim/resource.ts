// Pure: no I/O, no clock. Renders a stored resource as its SCIM representation (RFC 7643 §3, §3.1
// meta; RFC 7644 §3.3.1) and projects it for `attributes` / `excludedAttributes` (§3.4.2.5).
import { formatEtag } from './etag'
import { isPlainObject } from './json'
import { findAttribute } from './schema/resolve'
import type { AttributeDef, ResourceSchema } from './schema/types'

export { parseAttributeList } from './schema/attribute-name'
export { projectResource, type ProjectionOptions } from './schema/projection'

type Json = Record<string, unknown>

export interface RenderInput {
  resourceSchema: ResourceSchema
  id: string
  /** Canonical attribute JSON; extension attributes under their schema URN key. */
  data: Json
  /** ISO 8601 timestamps, as stored. */
  created: string
  lastModified: string
  version: number
  /** e.g. `https://scim.example.com/scim/v2`; a trailing slash is tolerated. */
  baseUrl: string
}

/** Unassigned, null, empty-array and never-returned values are left out (RFC 7643 §2.5, §2.4). */
function cleanValue(value: unknown, def: AttributeDef): unknown {
  if (value === null || value === undefined || def.returned === 'never') return undefined
  if (Array.isArray(value)) {
    const elements = value.map((v) => cleanOne(v, def)).filter((v) => v !== undefined)
    return def.multiValued && elements.length > 0 ? elements : undefined
  }
  return def.multiValued ? undefined : cleanOne(value, def)
}

function cleanOne(value: unknown, def: AttributeDef): unknown {
  if (value === null || value === undefined) return undefined
  if (def.type !== 'complex') return value
  if (!isPlainObject(value)) return undefined
  const out = cleanObject(value, def.subAttributes ?? [])
  return Object.keys(out).length > 0 ? out : undefined
}

/** Emits attributes in schema order with canonical names; keys the schema does not know are left out. */
function cleanObject(object: Json, defs: readonly AttributeDef[]): Json {
  const out: Json = {}
  for (const def of defs) {
    const key =
      def.name in object ? def.name : Object.keys(object).find((k) => findAttribute([def], k))
    const value = key === undefined ? undefined : cleanValue(object[key], def)
    if (value !== undefined) out[def.name] = value
  }
  return out
}

/**
 * The attributes as they are stored and rendered: canonical names, schema order, no unassigned,
 * null, empty or never-returned values, no `id`/`meta`/`schemas` (the store owns those), and each
 * extension object under its URN only when it holds a value. The write path stores exactly this,
 * so an extension's presence in `data` is what `schemas` reports.
 */
export function canonicalData(data: Json, resourceSchema: ResourceSchema): Json {
  const { id: _id, meta: _meta, ...attributes } = cleanObject(data, resourceSchema.core.attributes)
  for (const { schema } of resourceSchema.extensions) {
    const raw = data[schema.id]
    const object = isPlainObject(raw) ? cleanObject(raw, schema.attributes) : {}
    if (Object.keys(object).length > 0) attributes[schema.id] = object
  }
  return attributes
}

/**
 * The full representation: `schemas` lists the core schema and each extension with at least one
 * value; `id` and `meta` come from the store, never from `data`. meta.location is
 * `<baseUrl><endpoint>/<id>` and meta.version the weak ETag of `version` (RFC 7644 §3.14).
 */
export function renderResource(input: RenderInput): Json {
  const { resourceSchema, id, data, baseUrl } = input
  const attributes = canonicalData(data, resourceSchema)
  const extensions = resourceSchema.extensions
    .map((e) => e.schema.id)
    .filter((urn) => urn in attributes)
  return {
    schemas: [resourceSchema.core.id, ...extensions],
    id,
    ...attributes,
    meta: {
      resourceType: resourceSchema.name,
      created: input.created,
      lastModified: input.lastModified,
      location: resourceLocation(baseUrl, resourceSchema, id),
      version: formatEtag(input.version),
    },
  }
}

export function resourceLocation(baseUrl: string, resourceSchema: ResourceSchema, id: string) {
  return `${baseUrl.replace(/\/+$/, '')}${resourceSchema.endpoint}/${encodeURIComponent(id)}`
}
