// Pure: no I/O. Element-level rules for multi-valued attributes (RFC 7643 §2.4, RFC 7644 §3.5.2)
import { invalidValue } from '../errors'
import { findAttribute } from '../schema/resolve'
import type { AttributeDef } from '../schema/types'
import { foldCase } from '../text'
import { deepEqual, isPlainObject, type JsonObject } from './json'

/** The current elements of a multi-valued attribute (a lone non-array value counts as one). */
export function listOf(container: JsonObject, attribute: AttributeDef): unknown[] {
  const current = container[attribute.name]
  if (current === undefined || current === null) return []
  return Array.isArray(current) ? current : [current]
}

/** Writes the list back; an empty list is unassigned (RFC 7643 §2.5) and leaves no key. */
export function storeList(container: JsonObject, attribute: AttributeDef, list: unknown[]): void {
  if (list.length === 0) delete container[attribute.name]
  else container[attribute.name] = list
}

function sameScalar(a: unknown, b: unknown, def: AttributeDef | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string' && def && !def.caseExact) {
    return foldCase(a) === foldCase(b)
  }
  return deepEqual(a, b)
}

/**
 * RFC 7644 §3.5.2.1: "If the target location already contains the value specified, no changes
 * SHOULD be made". Complex elements with a `value` sub-attribute are the same element when their
 * values agree and their types do not conflict; other elements when they are deep-equal.
 */
export function sameElement(a: unknown, b: unknown, attribute: AttributeDef): boolean {
  if (attribute.type !== 'complex') return sameScalar(a, b, attribute)
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  const valueDef = findAttribute(attribute.subAttributes, 'value')
  if (!valueDef || a.value === undefined || b.value === undefined) return deepEqual(a, b)
  const typeDef = findAttribute(attribute.subAttributes, 'type')
  const typesAgree =
    a.type === undefined || b.type === undefined || sameScalar(a.type, b.type, typeDef)
  return sameScalar(a.value, b.value, valueDef) && typesAgree
}

/**
 * Entra-style removal by value (`remove` + path + value list): an element goes when every
 * sub-attribute the listed item names has the same value in it (`[{"value": id}]` matches
 * `{value: id, display: …}`).
 */
export function matchesListed(element: unknown, item: unknown, attribute: AttributeDef): boolean {
  if (attribute.type !== 'complex' || !isPlainObject(item))
    return sameScalar(element, item, attribute)
  if (!isPlainObject(element)) return false
  const named = Object.keys(item).filter((k) => item[k] !== null)
  return (
    named.length > 0 &&
    named.every((k) => sameScalar(element[k], item[k], findAttribute(attribute.subAttributes, k)))
  )
}

/**
 * Merges an added value into the element it equals (see sameElement): sub-attributes that are
 * already equal under their caseExact rule keep their stored spelling, so re-adding
 * `BJensen@example.com` over `bjensen@example.com` changes nothing.
 */
export function mergeEqual(element: JsonObject, item: JsonObject, attribute: AttributeDef): void {
  const changes: JsonObject = {}
  for (const [key, value] of Object.entries(item)) {
    const def = findAttribute(attribute.subAttributes, key)
    if (!(key in element) || !sameScalar(element[key], value, def)) changes[key] = value
  }
  mergeInto(element, changes)
}

/** Sub-attribute merge; a null sub-attribute unassigns it. */
export function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key]
    else target[key] = value
  }
}

const isPrimary = (e: unknown): e is JsonObject => isPlainObject(e) && e.primary === true

/** The elements that are primary now; taken before an operation to tell who it promoted. */
export const primaryElements = (list: unknown[]): Set<unknown> => new Set(list.filter(isPrimary))

/**
 * RFC 7643 §2.4: `primary: true` appears at most once. An element this operation made primary
 * (not in `wasPrimary`) wins and the others are cleared; two such elements in one operation are
 * an invalidValue. A list that already broke the rule is left as it was.
 */
export function enforceSinglePrimary(list: unknown[], wasPrimary: Set<unknown>, label: string) {
  const primaries = list.filter(isPrimary)
  const winners = primaries.filter((e) => !wasPrimary.has(e))
  if (winners.length > 1) throw invalidValue(`"${label}" may have only one primary value`)
  if (winners.length === 0) return
  for (const e of primaries) if (e !== winners[0]) e.primary = false
}

/**
 * After a sub-attribute is removed, an element that is empty, or that lost the `value` its
 * attribute is built around (`emails[type eq "work"].value`), is dropped rather than kept as junk.
 */
export function isHollow(element: unknown, attribute: AttributeDef): boolean {
  if (!isPlainObject(element)) return false
  if (Object.keys(element).length === 0) return true
  return (
    findAttribute(attribute.subAttributes, 'value') !== undefined && element.value === undefined
  )
}
