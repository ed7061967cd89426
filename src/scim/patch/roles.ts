// Pure: no I/O. Entra ID's JSON-encoded app roles → RFC 7643 §4.1.2 `roles` (RFC 7644 §3.5.2)
import { USER_SCHEMA } from '../urns'
import { findKey, isPlainObject, type JsonObject } from './json'
import type { PatchPath } from './types'

const isRolesPath = (path: PatchPath): boolean =>
  path.filter === undefined &&
  path.attr.sub === undefined &&
  path.attr.attr.toLowerCase() === 'roles' &&
  (path.attr.uri === undefined || path.attr.uri.toLowerCase() === USER_SCHEMA.toLowerCase())

function parseJson(text: string): unknown {
  const trimmed = text.trim()
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return text
  try {
    return JSON.parse(trimmed)
  } catch {
    return text
  }
}

/**
 * Entra ID, `AppRoleAssignmentsComplex([appRoleAssignments])` mapped to `roles`, sends each role
 * as `{"value": "{\"id\":…,\"value\":\"Admin\",\"displayName\":\"Admin\"}"}`
 * (fixture entra-user-roles-complex-json-string.json). IDP-COMPAT also lists the whole `value`
 * as one JSON string, `"[{\"value\":\"Admin\"}]"`
 * (fixture entra-user-roles-value-json-string.json).
 * Both become `[{value, display?}]`; anything else is returned untouched for apply to type-check.
 */
function parseRoles(value: unknown): unknown {
  const parsed = typeof value === 'string' ? parseJson(value) : value
  if (!Array.isArray(parsed)) return isPlainObject(parsed) ? unwrapRole(parsed) : parsed
  return parsed.map((role) => (isPlainObject(role) ? unwrapRole(role) : role))
}

function unwrapRole(role: JsonObject): JsonObject {
  const key = findKey(role, 'value')
  const inner =
    key !== undefined && typeof role[key] === 'string' ? parseJson(role[key]) : undefined
  if (!isPlainObject(inner) || key === undefined) return role
  const innerValue = inner[findKey(inner, 'value') ?? 'value']
  if (typeof innerValue !== 'string') return role
  const { [key]: _encoded, ...rest } = role
  const display = inner[findKey(inner, 'displayName') ?? findKey(inner, 'display') ?? '']
  const hasDisplay = findKey(rest, 'display') !== undefined
  return {
    ...rest,
    value: innerValue,
    ...(typeof display === 'string' && !hasDisplay && { display }),
  }
}

/** Rewrites the value of an operation on core `roles`, with a path or inside a pathless object. */
export function unwrapEntraRoles(path: PatchPath | undefined, value: unknown): unknown {
  if (path) return isRolesPath(path) ? parseRoles(value) : value
  if (!isPlainObject(value)) return value
  const key = findKey(value, 'roles') ?? findKey(value, `${USER_SCHEMA}:roles`)
  return key === undefined ? value : { ...value, [key]: parseRoles(value[key]) }
}
