// Pure: no I/O. Operations on elements of multi-valued attributes (RFC 7644 §3.5.2.1-3)
import { noTarget } from '../errors'
import type { AttributeDef } from '../schema/types'
import { coerceAttribute, coerceOne } from './coerce'
import {
  enforceSinglePrimary,
  isHollow,
  listOf,
  matchesListed,
  mergeEqual,
  mergeInto,
  primaryElements,
  sameElement,
  storeList,
} from './elements'
import { isPlainObject, type JsonObject } from './json'
import type { AttributeTarget } from './target'
import { elementFromFilter, elementMatches } from './value-filter'

export const labelOf = (t: AttributeTarget): string =>
  (t.urn ? `${t.urn}:` : '') + t.attribute.name + (t.sub ? `.${t.sub.name}` : '')

/** RFC 7644 §3.5.2.1: new values are appended; a value already there is merged, not repeated. */
export function appendElements(container: JsonObject, attribute: AttributeDef, items: unknown[]) {
  const list = listOf(container, attribute)
  const wasPrimary = primaryElements(list)
  for (const item of items) {
    const same = list.find((e) => sameElement(e, item, attribute))
    if (same === undefined) list.push(item)
    else if (isPlainObject(same) && isPlainObject(item)) mergeEqual(same, item, attribute)
  }
  enforceSinglePrimary(list, wasPrimary, attribute.name)
  storeList(container, attribute, list)
}

/**
 * add / replace aimed at elements: `emails[type eq "work"].value`, `addresses[type eq "work"]`,
 * or `emails.value` (every element). With no matching element the element is created from the
 * filter's `eq` terms plus the value — RFC 7644 §3.5.2.3 says noTarget, but Entra ID and Okta
 * send these for attributes the user does not have yet and drop the whole PATCH on a 400
 * (IDP-COMPAT; fixtures entra-user-emails-work-value.json, entra-user-phone-mobile.json,
 * entra-user-address-work-created.json). A filter that is not a conjunction of `eq` → noTarget.
 */
export function setInElements(
  container: JsonObject,
  t: AttributeTarget,
  mode: 'add' | 'replace',
  value: unknown,
): void {
  const { attribute, filter, sub } = t
  if (value === null) return removeFromElements(container, t)
  const label = labelOf(t)
  const coerced = sub
    ? coerceAttribute(value, sub, label)
    : (coerceAttribute(value, { ...attribute, multiValued: false }, label) as JsonObject)
  const list = listOf(container, attribute)
  const wasPrimary = primaryElements(list)
  let selected = filter ? list.filter((e) => elementMatches(filter, e, attribute)) : list.slice()
  const seed = filter ? elementFromFilter(filter) : {}
  if (selected.length === 0) {
    if (!seed) throw noTarget(`No "${attribute.name}" value matches the filter of "${label}"`)
    const created = coerceOne(seed, attribute, attribute.name) as JsonObject
    list.push(created)
    selected = [created]
  }
  for (const element of selected) {
    if (!isPlainObject(element)) continue
    if (sub) element[sub.name] = coerced
    else if (mode === 'add') mergeInto(element, coerced as JsonObject)
    else {
      // RFC 7644 §3.5.2.3: matching records are replaced. The filter's `eq` terms are kept so
      // the element still answers to the path that addressed it.
      for (const key of Object.keys(element)) delete element[key]
      mergeInto(element, { ...(seed ?? {}), ...(coerced as JsonObject) })
    }
  }
  enforceSinglePrimary(list, wasPrimary, attribute.name)
  storeList(container, attribute, list)
}

/**
 * remove aimed at elements. No matching element is a success: RFC 7644 §3.5.2.2 sets noTarget only
 * for a missing path, and IdPs retry removals of what is already gone.
 */
export function removeFromElements(container: JsonObject, t: AttributeTarget): void {
  const { attribute, filter, sub } = t
  const list = listOf(container, attribute)
  const selected = new Set(filter ? list.filter((e) => elementMatches(filter, e, attribute)) : list)
  if (sub) for (const e of selected) if (isPlainObject(e)) delete e[sub.name]
  const kept = list.filter(
    (e) => !selected.has(e) || (sub !== undefined && !isHollow(e, attribute)),
  )
  storeList(container, attribute, kept)
}

/**
 * `remove` with a path to a multi-valued attribute AND a value removes only the listed values.
 * Entra ID does this for group members (members.ts; fixture entra-group-remove-member-value.json);
 * the same reading is applied to every multi-valued attribute rather than wiping it
 * (test/unit/patch/semantics.test.ts "removes only the listed values").
 */
export function removeListed(container: JsonObject, attribute: AttributeDef, value: unknown) {
  const items = (Array.isArray(value) ? value : [value]).map((item) =>
    coerceOne(item, attribute, attribute.name),
  )
  const list = listOf(container, attribute)
  const kept = list.filter((e) => !items.some((item) => matchesListed(e, item, attribute)))
  storeList(container, attribute, kept)
}
