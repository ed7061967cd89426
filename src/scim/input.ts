// Pure: no I/O. Request bodies (POST, PUT; RFC 7644 §3.3, §3.5.1) to the canonical data the store
// keeps, plus the membership ids an IdP may send inline (Okta wizard apps: `groups` in a User,
// `members` in a Group — IDP-COMPAT: Create).
import { invalidValue } from './errors'
import { checkIdentity } from './identity'
import { checkMultiValued } from './size-limits'
import { canonicalData } from './resource'
import {
  canonicalizeKeys,
  groupCreateSchema,
  isPlainObject,
  parseRequest,
  userCreateSchema,
  type ResourceSchema,
} from './schema'

type Json = Record<string, unknown>

export interface ResourceInput {
  /** Canonical, cleaned attributes (resource.ts canonicalData). */
  data: Json
  /**
   * Ids from `groups` (User) or `members` (Group): undefined when the body has none, so a PUT
   * without them leaves memberships alone; an empty list on a User is ignored (IDP-COMPAT).
   */
  linkedIds: string[] | undefined
}

export function userInput(body: unknown, resource: ResourceSchema): ResourceInput {
  const canonical = canonicalizeKeys(body, resource)
  const parsed = parseRequest(userCreateSchema(resource), canonical) as Json
  const { groups: _readOnly, ...rest } = parsed
  const data = storedData({ ...rest, active: rest.active ?? true }, resource)
  const groups = isPlainObject(canonical) ? idsOf(canonical.groups, 'groups') : undefined
  return { data, linkedIds: groups && groups.length > 0 ? groups : undefined }
}

export function groupInput(body: unknown, resource: ResourceSchema): ResourceInput {
  const canonical = canonicalizeKeys(body, resource)
  const parsed = parseRequest(groupCreateSchema(resource), canonical) as Json
  const { members: _members, ...rest } = parsed
  const data = storedData(rest, resource)
  const members = isPlainObject(canonical) ? idsOf(canonical.members, 'members') : undefined
  return { data, linkedIds: members }
}

/**
 * What the store keeps of a resource's attributes, from a request body or a patched resource:
 * canonical data (resource.ts) whose identifying names pass checkIdentity and whose multi-valued
 * attributes stay within MAX_MULTI_VALUES.
 */
export function storedData(attributes: Json, resource: ResourceSchema): Json {
  const data = canonicalData(attributes, resource)
  checkIdentity(data, resource.name)
  checkMultiValued(data, resource)
  return data
}

/** `[{value: id, display?, $ref?}]` → ids, each once. */
function idsOf(list: unknown, name: string): string[] | undefined {
  if (list === undefined || list === null) return undefined
  if (!Array.isArray(list)) throw invalidValue(`"${name}" must be an array of {"value": id}.`)
  const ids = list.map((element, i) => {
    const value = isPlainObject(element) ? element.value : undefined
    if (typeof value !== 'string' || value === '') {
      throw invalidValue(`"${name}[${i}].value" must be a non-empty string id.`)
    }
    return value
  })
  return [...new Set(ids)]
}
