// Pure: no I/O. JSON value helpers shared by the PATCH operations (RFC 7644 §3.5.2)

import { isPlainObject, type JsonObject } from '../json'

export { isPlainObject, type JsonObject }

/** RFC 7643 §2.5: unassigned, null and an empty array are the same state. */
export const isUnassigned = (value: unknown): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0)

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => deepEqual(item, b[i]))
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  const keys = Object.keys(a).filter((k) => a[k] !== undefined)
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
}

/** Deep copy of a JSON value, so an operation never mutates its caller's resource. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T
  if (!isPlainObject(value)) return value
  const copy: JsonObject = {}
  for (const [k, v] of Object.entries(value)) copy[k] = cloneJson(v)
  return copy as T
}

/** The key of `obj` equal to `name` ignoring case (RFC 7643 §2.1), if any. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  const folded = name.toLowerCase()
  return Object.keys(obj).find((k) => k.toLowerCase() === folded)
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`
}
