// Pure: no I/O. The "replace" operation on one attribute (RFC 7644 §3.5.2.3)
import { coerceAttribute } from './coerce'
import { mergeComplex, setSubAttribute } from './complex'
import { enforceSinglePrimary, storeList } from './elements'
import type { JsonObject } from './json'
import { labelOf, setInElements } from './multi'
import type { AttributeTarget } from './target'

/**
 * - single-valued simple: the value is set; null unassigns it;
 * - complex: sub-attributes in the value replace theirs, the others are left unchanged;
 * - multi-valued without a filter: the whole list is replaced (at most one primary);
 * - a value filter or `attr.sub` on a multi-valued attribute edits (or creates) elements.
 */
export function replaceAttribute(container: JsonObject, t: AttributeTarget, value: unknown): void {
  const { attribute, sub } = t
  if (t.filter || (sub && attribute.multiValued)) {
    return setInElements(container, t, 'replace', value)
  }
  if (sub) return setSubAttribute(container, attribute, sub, value, labelOf(t))
  const coerced = coerceAttribute(value, attribute, labelOf(t))
  if (coerced === null) {
    delete container[attribute.name]
  } else if (attribute.multiValued) {
    const list = coerced as unknown[]
    enforceSinglePrimary(list, new Set(), labelOf(t))
    storeList(container, attribute, list)
  } else if (attribute.type === 'complex') {
    mergeComplex(container, attribute, coerced as JsonObject)
  } else {
    container[attribute.name] = coerced
  }
}
