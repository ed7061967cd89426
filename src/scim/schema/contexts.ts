// Pure: no I/O. One zod schema per message context: resource create (RFC 7644 §3.3), replace
// (§3.5.1) and SearchRequest (§3.4.3). Run canonicalizeKeys before these.
import { z } from 'zod'
import { parseAttributeList } from './attribute-name'
import { canonicalKeyNames } from './canonicalize'
import { SEARCH_REQUEST_MESSAGE } from '../urns'
import type { AttributeDef, ResourceSchema } from './types'

/** Non-empty after trimming: a blank userName or displayName cannot name anything. */
const nonEmptyString = z.string().regex(/\S/)
const schemasList = z.array(z.string()).optional()

function singleValue(def: AttributeDef): z.ZodType {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
    case 'dateTime':
      return z.string()
    case 'boolean':
      return z.boolean()
    case 'integer':
      return z.number().int()
    case 'decimal':
      return z.number()
    case 'complex':
      return z.looseObject(attributeShape(def.subAttributes ?? []))
  }
}

/**
 * readOnly values in a request "SHALL be ignored" (§3.3, §3.5.1) and password is never kept
 * (IDP-COMPAT: ignore password/meta), so they are accepted as anything. Okta sends `groups`,
 * `id` and `meta` back on PUT. Optional attributes may be null (§3.5.1: null clears).
 */
function attributeShape(defs: readonly AttributeDef[]): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const def of defs) {
    if (def.mutability === 'readOnly' || def.returned === 'never') {
      shape[def.name] = z.unknown().optional()
      continue
    }
    const single = def.required && def.type === 'string' ? nonEmptyString : singleValue(def)
    const value = def.multiValued ? z.array(single) : single
    shape[def.name] = def.required ? value : value.nullish()
  }
  return shape
}

/**
 * `schemas` is not checked against the resource type: Entra adds its legacy ADSCIM Group URN and
 * an extension URN may be listed without its object (IDP-COMPAT: Create).
 */
function resourceShape(resource: ResourceSchema): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {
    schemas: schemasList,
    ...attributeShape(resource.core.attributes),
  }
  for (const { schema, required } of resource.extensions) {
    const object = z.looseObject(attributeShape(schema.attributes))
    shape[schema.id] = required ? object : object.nullish()
  }
  return shape
}

/** Drops what is never stored from a request: the server owns id and meta; password is ignored. */
const withoutIgnored = <T extends Record<string, unknown>>({ id, meta, password, ...rest }: T) =>
  rest as Omit<T, 'id' | 'meta' | 'password'>

/**
 * One zod schema per resource schema object: building one costs ~2 ms (zod compiles object
 * parsers), parsing with it ~30 µs. Resource schemas are memoized per org setting (index.ts), so
 * this cache holds one entry per role extension in use.
 */
function memoized<T>(build: (resource: ResourceSchema) => T) {
  const cache = new WeakMap<ResourceSchema, T>()
  return (resource: ResourceSchema): T => {
    let schema = cache.get(resource)
    if (!schema) cache.set(resource, (schema = build(resource)))
    return schema
  }
}

export const userCreateSchema = memoized((resource) =>
  z
    .looseObject({ ...resourceShape(resource), schemas: schemasList, userName: nonEmptyString })
    .transform(withoutIgnored),
)

export const groupCreateSchema = memoized((resource) =>
  z
    .looseObject({ ...resourceShape(resource), schemas: schemasList, displayName: nonEmptyString })
    .transform(withoutIgnored),
)

/** PatchOp envelopes are read by src/scim/patch/normalize.ts (IdP dialects live there). */

/** A list of names, or the comma-separated form the query string uses. */
const attributeNames = z.union([z.array(z.string()), z.string().transform(parseAttributeList)])

/**
 * The list parameters (§3.4.2 query string, §3.4.3 SearchRequest body, RFC 9865 `cursor`): the one
 * list of their names, shared by the query-string reader, this schema and the error mapping.
 */
export const SEARCH_PARAMETERS = [
  'attributes',
  'excludedAttributes',
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'cursor',
] as const

/**
 * §3.4.3 POST /.search. sortOrder, startIndex and count are checked by list.ts. `schemas`, when
 * sent, must name the SearchRequest message (§3.4.3; URNs compare case-insensitively).
 */
export const searchRequestSchema = z.preprocess(
  canonicalKeyNames(['schemas', ...SEARCH_PARAMETERS]),
  z.object({
    schemas: z
      .array(z.string())
      .refine((list) => list.some((urn) => urn.toLowerCase() === SEARCH_REQUEST_URN), {
        message: `must list ${SEARCH_REQUEST_MESSAGE}`,
      })
      .optional(),
    attributes: attributeNames.optional(),
    excludedAttributes: attributeNames.optional(),
    filter: z.string().optional(),
    sortBy: z.string().optional(),
    sortOrder: z.string().optional(),
    startIndex: z.number().int().optional(),
    count: z.number().int().optional(),
    /** RFC 9865 §2.1: '' asks for the first page. */
    cursor: z.string().optional(),
  }) satisfies z.ZodType<Partial<Record<(typeof SEARCH_PARAMETERS)[number], unknown>>>,
)

const SEARCH_REQUEST_URN = SEARCH_REQUEST_MESSAGE.toLowerCase()

export type SearchRequest = z.output<typeof searchRequestSchema>
