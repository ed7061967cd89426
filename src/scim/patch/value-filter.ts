// Pure: no I/O. valuePath filters of PATCH paths: canonical names, matching, creation (RFC 7644 §3.5.2)
import { invalidFilter } from '../errors'
import type { FilterNode, Literal } from '../filter/ast'
import { evaluateElementFilter } from '../filter'
import { findAttribute } from '../schema/resolve'
import type { AttributeDef } from '../schema/types'
import type { JsonObject } from './json'

/**
 * Names inside the brackets are sub-attributes of `parent`; they get their canonical spelling.
 * Entra ID sends `roles[primary eq "True"].value` — a string literal for a boolean sub-attribute
 * (fixture entra-user-roles-primary-true.json) — so "true"/"false" literals compared with a boolean
 * sub-attribute become booleans. No other literal is coerced.
 */
export function canonicalFilter(node: FilterNode, parent: AttributeDef): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        left: canonicalFilter(node.left, parent),
        right: canonicalFilter(node.right, parent),
      }
    case 'not':
      return { kind: 'not', filter: canonicalFilter(node.filter, parent) }
    case 'present':
      return { kind: 'present', path: { attr: subOf(parent, node.path).name } }
    case 'compare': {
      const sub = subOf(parent, node.path)
      return { ...node, path: { attr: sub.name }, value: coerceLiteral(node.value, sub) }
    }
    case 'valuePath':
      throw invalidFilter(`A value filter on "${parent.name}" cannot nest another value filter`)
  }
}

function subOf(parent: AttributeDef, path: { uri?: string; attr: string; sub?: string }) {
  const sub = path.uri === undefined && path.sub === undefined
  const found = sub ? findAttribute(parent.subAttributes, path.attr) : undefined
  if (!found) {
    const name = [path.uri, path.attr].filter(Boolean).join(':') + (path.sub ? `.${path.sub}` : '')
    throw invalidFilter(`"${parent.name}" has no sub-attribute "${name}"`)
  }
  return found
}

function coerceLiteral(value: Literal, sub: AttributeDef): Literal {
  if (sub.type !== 'boolean' || typeof value !== 'string') return value
  const folded = value.toLowerCase()
  return folded === 'true' ? true : folded === 'false' ? false : value
}

export const elementMatches = (filter: FilterNode, element: unknown, parent: AttributeDef) =>
  evaluateElementFilter(filter, element as JsonObject, parent)

/**
 * The element a filter describes when it is a conjunction of `eq` terms: `type eq "work"` →
 * `{type: "work"}`. undefined when the filter says anything else (or, not, co, pr…).
 */
export function elementFromFilter(filter: FilterNode): JsonObject | undefined {
  switch (filter.kind) {
    case 'compare':
      return filter.op === 'eq' && filter.value !== null ? { [filter.path.attr]: filter.value } : undefined
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
  }
}
