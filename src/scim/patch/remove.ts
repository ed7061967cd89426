// Pure: no I/O. The "remove" operation on one attribute (RFC 7644 §3.5.2.2)
import { setSubAttribute } from './complex'
import type { JsonObject } from './json'
import { labelOf, removeFromElements, removeListed } from './multi'
import type { AttributeTarget } from './target'

/**
 * - no filter, no sub-attribute: the attribute is unassigned — except a multi-valued attribute
 *   given a value, where only the listed values go (Entra ID; see multi.ts `removeListed`);
 * - `name.givenName`: the sub-attribute is unassigned;
 * - a value filter and/or `attr.sub` on a multi-valued attribute: matching elements (or their
 *   sub-attribute) go; no match is a success.
 * A single-valued attribute ignores any value sent with the remove.
 */
export function removeFromAttribute(container: JsonObject, t: AttributeTarget, value: unknown) {
  const { attribute, sub } = t
  if (t.filter || (sub && attribute.multiValued)) return removeFromElements(container, t)
  if (sub) return setSubAttribute(container, attribute, sub, null, labelOf(t))
  if (attribute.multiValued && value !== undefined && value !== null) {
    return removeListed(container, attribute, value)
  }
  delete container[attribute.name]
}
