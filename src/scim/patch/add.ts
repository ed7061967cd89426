// Pure: no I/O. The "add" operation on one attribute (RFC 7644 §3.5.2.1)
import { coerceAttribute } from './coerce'
import { mergeComplex, setSubAttribute } from './complex'
import type { JsonObject } from './json'
import { appendElements, labelOf, setInElements } from './multi'
import type { AttributeTarget } from './target'

/**
 * - single-valued simple: the value is set (replacing any old one);
 * - complex: sub-attributes are merged;
 * - multi-valued: values are appended, equal values are not repeated;
 * - a value filter or `attr.sub` on a multi-valued attribute edits (or creates) elements.
 * A null value adds nothing (RFC 7643 §2.5: null is unassigned).
 */
export function addToAttribute(container: JsonObject, t: AttributeTarget, value: unknown): void {
  const { attribute, sub } = t
  if (t.filter || (sub && attribute.multiValued)) return setInElements(container, t, 'add', value)
  if (value === null) return
  if (sub) return setSubAttribute(container, attribute, sub, value, labelOf(t))
  const coerced = coerceAttribute(value, attribute, labelOf(t))
  if (attribute.multiValued) return appendElements(container, attribute, coerced as unknown[])
  if (attribute.type === 'complex') return mergeComplex(container, attribute, coerced as JsonObject)
  container[attribute.name] = coerced
}
