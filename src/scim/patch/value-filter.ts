// Pure: no I/O. valuePath filters of PATCH paths: matching and creating elements (RFC 7644 §3.5.2)
import type { FilterNode } from '../filter/ast'
import { evaluateElementFilter } from '../filter'
import type { AttributeDef } from '../schema/types'
import { assertNever } from '../assert-never'
import type { JsonObject } from './json'

/** `filter` must come from validateElementFilter(…, parent) (target.ts does that). */
export const elementMatches = (filter: FilterNode, element: unknown, parent: AttributeDef) =>
  evaluateElementFilter(filter, element, parent)

/**
 * The element a filter describes when it is a conjunction of `eq` terms: `type eq "work"` →
 * `{type: "work"}`. undefined when the filter says anything else (or, not, co, pr…).
 */
export function elementFromFilter(filter: FilterNode): JsonObject | undefined {
  switch (filter.kind) {
    case 'compare':
      return filter.op === 'eq' && filter.value !== null
        ? { [filter.path.attr]: filter.value }
        : undefined
    case 'and': {
      const left = elementFromFilter(filter.left)
      const right = elementFromFilter(filter.right)
      if (!left || !right) return undefined
      const clash = Object.keys(right).some((k) => k in left && left[k] !== right[k])
      return clash ? undefined : { ...left, ...right }
    }
    case 'or':
    case 'not':
    case 'present':
    case 'valuePath':
      return undefined
    default:
      return assertNever(filter)
  }
}
