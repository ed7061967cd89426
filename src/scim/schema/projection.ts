// Pure: no I/O. `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) against the
// `returned` characteristic (RFC 7643 §2.4: always / never / default / request).
import { resolveAttributeName } from './attribute-name'
import { isPlainObject } from '../json'
import { findAttribute, findSchema } from './resolve'
import type { AttributeDef, ResourceSchema } from './types'

type Json = Record<string, unknown>

export interface ProjectionOptions {
  attributes?: readonly string[]
  excludedAttributes?: readonly string[]
}

/** Top-level attribute → the whole of it, or only some of its sub-attributes. */
type Selection = Map<AttributeDef, 'all' | Set<AttributeDef>>

/** Names that resolve to nothing are ignored: §3.4.2.5 defines no error for them. */
function select(resource: ResourceSchema, names: readonly string[]): Selection {
  const selection: Selection = new Map()
  for (const name of names) {
    const selector = resolveAttributeName(resource, name)
    if (!selector) continue
    if (selector.kind === 'schema') {
      const schema = findSchema(resource, selector.schemaUrn ?? resource.core.id)
      for (const def of schema?.attributes ?? []) selection.set(def, 'all')
      continue
    }
    const current = selection.get(selector.attribute)
    if (!selector.subAttribute || current === 'all') selection.set(selector.attribute, 'all')
    else selection.set(selector.attribute, new Set([...(current ?? []), selector.subAttribute]))
  }
  return selection
}

/** Keeps the sub-attributes `keep` accepts; an element left empty disappears. */
function pick(value: unknown, def: AttributeDef, keep: (sub: AttributeDef) => boolean): unknown {
  if (def.type !== 'complex') return value
  const one = (element: unknown) => {
    if (!isPlainObject(element)) return element
    const out: Json = {}
    for (const [key, v] of Object.entries(element)) {
      const sub = findAttribute(def.subAttributes, key)
      if (sub && keep(sub)) out[sub.name] = v
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  if (!Array.isArray(value)) return one(value)
  const kept = value.map(one).filter((e) => e !== undefined)
  return kept.length > 0 ? kept : undefined
}

const shownByDefault = (def: AttributeDef) =>
  def.returned === 'always' || def.returned === 'default'

function projectAttribute(
  value: unknown,
  def: AttributeDef,
  include: Selection | undefined,
  exclude: Selection,
): unknown {
  if (def.returned === 'never') return undefined
  if (def.returned === 'always') return pick(value, def, (s) => s.returned !== 'never')
  if (include) {
    const chosen = include.get(def)
    if (!chosen) return undefined
    if (chosen === 'all') return pick(value, def, shownByDefault)
    return pick(
      value,
      def,
      (s) => s.returned === 'always' || (chosen.has(s) && s.returned !== 'never'),
    )
  }
  const excluded = exclude.get(def)
  if (def.returned === 'request' || excluded === 'all') return undefined
  return pick(
    value,
    def,
    (s) => s.returned === 'always' || (shownByDefault(s) && !excluded?.has(s)),
  )
}

function projectObject(
  object: Json,
  defs: readonly AttributeDef[],
  include: Selection | undefined,
  exclude: Selection,
): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(object)) {
    const def = findAttribute(defs, key)
    const projected = def && projectAttribute(value, def, include, exclude)
    if (def && projected !== undefined) out[def.name] = projected
  }
  return out
}

/**
 * Applies §3.4.2.5 to a rendered resource. When both lists are given `attributes` wins (the RFC
 * does not define combining them). `returned: always` (id) survives both; `never` (password) is always dropped;
 * `request` appears only when named. `schemas` is recomputed to list only the extensions still
 * present (RFC 7643 §3).
 */
export function projectResource(
  resource: Json,
  resourceSchema: ResourceSchema,
  { attributes = [], excludedAttributes = [] }: ProjectionOptions = {},
): Json {
  const include = attributes.length > 0 ? select(resourceSchema, attributes) : undefined
  const exclude = include ? new Map() : select(resourceSchema, excludedAttributes)
  const out: Json = { schemas: [] }
  const present: string[] = []
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') continue
    const schema = findSchema(resourceSchema, key)
    if (!schema) {
      const def = findAttribute(resourceSchema.core.attributes, key)
      const projected = def && projectAttribute(value, def, include, exclude)
      if (def && projected !== undefined) out[def.name] = projected
    } else if (schema !== resourceSchema.core && isPlainObject(value)) {
      const projected = projectObject(value, schema.attributes, include, exclude)
      if (Object.keys(projected).length === 0) continue
      out[schema.id] = projected
      present.push(schema.id)
    }
  }
  out.schemas = [resourceSchema.core.id, ...present]
  return out
}
