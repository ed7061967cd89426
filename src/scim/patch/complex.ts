// Pure: no I/O. Single-valued complex attributes: merge and sub-attribute edits (RFC 7644 §3.5.2)
import type { AttributeDef } from '../schema/types'
import { coerceAttribute } from './coerce'
import { isPlainObject, type JsonObject } from './json'
import { mergeInto } from './elements'

/**
 * Both add (§3.5.2.1) and replace (§3.5.2.3) of a complex attribute merge: sub-attributes not in
 * the value are left unchanged. An object left empty is unassigned and leaves no key.
 */
export function mergeComplex(container: JsonObject, attribute: AttributeDef, patch: JsonObject) {
  if (Object.keys(patch).length === 0) return
  const current = container[attribute.name]
  const next: JsonObject = isPlainObject(current) ? current : {}
  mergeInto(next, patch)
  if (Object.keys(next).length === 0) delete container[attribute.name]
  else container[attribute.name] = next
}

/** `name.givenName` on add/replace (value) or remove (null). */
export function setSubAttribute(
  container: JsonObject,
  attribute: AttributeDef,
  sub: AttributeDef,
  value: unknown,
  label: string,
): void {
  const coerced = value === null ? null : coerceAttribute(value, sub, label)
  mergeComplex(container, attribute, { [sub.name]: coerced })
}
