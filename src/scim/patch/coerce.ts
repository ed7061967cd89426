// Pure: no I/O. Type-checks PATCH values against the schema (RFC 7643 §2.3, RFC 7644 §3.5.2)
import { invalidValue } from '../errors'
import { parseDateTime } from '../filter'
import { findAttribute } from '../schema/resolve'
import type { AttributeDef } from '../schema/types'
import { assertNever } from '../assert-never'
import { describe, isPlainObject, type JsonObject } from './json'

const wrong = (label: string, expected: string, value: unknown) =>
  invalidValue(`"${label}" must be ${expected}, not ${describe(value)}`)

/**
 * The whole value of `attribute`: an array for multi-valued attributes (a single value is wrapped),
 * one value otherwise, or null for "unassigned" (RFC 7643 §2.5).
 */
export function coerceAttribute(value: unknown, attribute: AttributeDef, label: string): unknown {
  if (value === null) return null
  if (attribute.multiValued) {
    const items = Array.isArray(value) ? value : [value]
    return items.map((item) => {
      if (item === null) throw wrong(label, 'a list without nulls', value)
      return coerceOne(item, attribute, label)
    })
  }
  if (Array.isArray(value)) {
    // Entra ID sends the enterprise `manager` as `[{"value": id}]`
    // (fixture entra-user-manager-array.json).
    if (value.length !== 1) throw wrong(label, 'a single value', value)
    return coerceAttribute(value[0], attribute, label)
  }
  return coerceOne(value, attribute, label)
}

/** One value (one element, for multi-valued attributes) of `attribute`. */
export function coerceOne(value: unknown, attribute: AttributeDef, label: string): unknown {
  switch (attribute.type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string') throw wrong(label, 'a string', value)
      return value
    case 'dateTime':
      if (typeof value !== 'string' || parseDateTime(value) === undefined) {
        throw wrong(label, 'an RFC 3339 date-time string', value)
      }
      return value
    case 'boolean':
      return coerceBoolean(value, label)
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw wrong(label, 'an integer', value)
      return value
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw wrong(label, 'a number', value)
      return value
    case 'complex':
      return coerceComplex(value, attribute, label)
    default:
      return assertNever(attribute.type)
  }
}

/**
 * Entra ID sends booleans as strings: `"False"`, `"false"`, `"True"` for `active` and `primary`
 * (fixtures entra-user-replace-active-string.json, entra-user-case-insensitive-keys.json).
 * Only attributes typed boolean are coerced.
 */
function coerceBoolean(value: unknown, label: string): boolean {
  if (typeof value === 'boolean') return value
  const folded = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  if (folded === 'true') return true
  if (folded === 'false') return false
  throw wrong(label, 'a boolean', value)
}

/**
 * Keys are matched case-insensitively (RFC 7643 §2.1; Microsoft's validator sends
 * `"Manager": {"Value": …}` — fixture entra-user-case-insensitive-keys.json). Unknown keys and
 * readOnly sub-attributes of a writable attribute are dropped, as PUT ignores them (RFC 7644
 * §3.5.1). A null sub-attribute is kept: it means "unassign" to the operation that merges it.
 */
function coerceComplex(value: unknown, attribute: AttributeDef, label: string): JsonObject {
  const valueSub = findAttribute(attribute.subAttributes, 'value')
  if (!isPlainObject(value)) {
    // Entra ID addresses the enterprise `manager` with a bare id string
    // (fixture entra-user-manager-bare-string.json): a primitive is the `value` sub-attribute.
    if (valueSub && value !== null && typeof value !== 'object') {
      return { [valueSub.name]: coerceOne(value, valueSub, `${label}.${valueSub.name}`) }
    }
    throw wrong(label, 'an object', value)
  }
  const out: JsonObject = {}
  for (const [key, raw] of Object.entries(value)) {
    const sub = findAttribute(attribute.subAttributes, key)
    if (!sub || (sub.mutability === 'readOnly' && attribute.mutability !== 'readOnly')) continue
    out[sub.name] = raw === null ? null : coerceAttribute(raw, sub, `${label}.${sub.name}`)
  }
  return out
}
