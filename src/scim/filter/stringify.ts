// Pure: no I/O. Canonical filter text from a FilterNode (RFC 7644 §3.4.2.2).
//
// Invariant: parseFilter(stringifyFilter(node)) deep-equals node for every node whose paths are
// well-formed and whose numbers are finite. Operators are written in lower case, strings as JSON,
// and parentheses only where precedence (not > and > or, left-associative) needs them.
import { invalidFilter } from '../errors'
import type { AttrPath, FilterNode, Literal } from './ast'
import { assertNever } from '../assert-never'

export function stringifyFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${stringifyPath(node.path)} ${node.op} ${stringifyLiteral(node.value)}`
    case 'present':
      return `${stringifyPath(node.path)} pr`
    case 'and':
    case 'or':
      return `${operand(node.left, node, false)} ${node.kind} ${operand(node.right, node, true)}`
    case 'not':
      return `not (${stringifyFilter(node.filter)})`
    case 'valuePath':
      return `${stringifyPath(node.path)}[${stringifyFilter(node.filter)}]`
    default:
      return assertNever(node)
  }
}

export function stringifyPath(path: AttrPath): string {
  const prefix = path.uri === undefined ? '' : `${path.uri}:`
  return path.sub === undefined ? `${prefix}${path.attr}` : `${prefix}${path.attr}.${path.sub}`
}

export function stringifyLiteral(value: Literal): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidFilter(`${value} cannot be written as a filter value`)
    return Object.is(value, -0) ? '-0' : JSON.stringify(value)
  }
  return JSON.stringify(value)
}

const binding = (node: FilterNode) => (node.kind === 'or' ? 1 : node.kind === 'and' ? 2 : 3)

/** A child needs parentheses when it binds looser than its parent, or as loosely on the right. */
function operand(child: FilterNode, parent: FilterNode, right: boolean): string {
  const text = stringifyFilter(child)
  const looser = binding(child) < binding(parent)
  const same = binding(child) === binding(parent)
  return looser || (right && same) ? `(${text})` : text
}
