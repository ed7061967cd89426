// Pure: no I/O. Resolves and type-checks a parsed filter against a schema (RFC 7644 §3.4.2.2).
import { invalidFilter } from '../errors'
import { findAttribute } from '../schema/resolve'
import type { AttributeDef, ResourceSchema } from '../schema/types'
import type { AttrPath, CompareOp, FilterNode, Literal } from './ast'
import { assertNever } from '../assert-never'
import { resolveElementPath, resolveFilterPath } from './attributes'
import { checkLiteral } from './literal'
import { stringifyPath } from './stringify'

/** A path after resolution: canonical form, its top-level attribute and the attribute it names. */
interface Target {
  path: AttrPath
  attribute: AttributeDef
  leaf: AttributeDef
}

/** Paths resolve against the resource type, or inside "[ ]" against one parent attribute. */
type Scope = { schema: ResourceSchema } | { parent: AttributeDef }

/**
 * Returns a new AST in canonical shape, which the evaluator and the SQL compiler rely on:
 * canonical attribute names; extension attributes qualified by their canonical schema URN even
 * when written bare; core attributes unqualified; boolean literals typed (Entra's "True" → true);
 * and a multi-valued complex attribute compared without sub-attribute spelled with `.value`.
 * Throws invalidFilter for anything the server cannot answer faithfully.
 */
export function validateFilter(node: FilterNode, schema: ResourceSchema): FilterNode {
  return validate(node, { schema })
}

/** PATCH value filters (RFC 7644 §3.5.2): the filter's paths are sub-attributes of `parent`. */
export function validateElementFilter(filter: FilterNode, parent: AttributeDef): FilterNode {
  return validate(filter, { parent })
}

function validate(node: FilterNode, scope: Scope): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        kind: node.kind,
        left: validate(node.left, scope),
        right: validate(node.right, scope),
      }
    case 'not':
      return { kind: 'not', filter: validate(node.filter, scope) }
    case 'present':
      return { kind: 'present', path: resolve(node.path, scope).path }
    case 'compare':
      return compare(node.op, node.value, resolve(node.path, scope))
    case 'valuePath':
      return valuePath(node, scope)
    default:
      return assertNever(node)
  }
}

function resolve(path: AttrPath, scope: Scope): Target {
  const target = 'schema' in scope ? resolveTop(path, scope.schema) : resolveSub(path, scope.parent)
  if (target.attribute.returned === 'never' || target.leaf.returned === 'never') {
    const name = stringifyPath(target.path)
    throw invalidFilter(`"${name}" is never returned (RFC 7643 §2.2), so it cannot be filtered on`)
  }
  return target
}

function resolveTop(path: AttrPath, schema: ResourceSchema): Target {
  const top = resolveFilterPath(schema, { ...path, sub: undefined })
  if (!top) throw invalidFilter(`Unknown attribute "${stringifyPath(path)}" on ${schema.name}`)
  const { attribute, schemaUrn } = top
  const canonical: AttrPath =
    schemaUrn === undefined ? { attr: attribute.name } : { uri: schemaUrn, attr: attribute.name }
  if (path.sub === undefined) return { path: canonical, attribute, leaf: attribute }
  if (attribute.type !== 'complex') {
    throw invalidFilter(`"${attribute.name}" is not complex; it has no sub-attribute "${path.sub}"`)
  }
  const leaf = findAttribute(attribute.subAttributes, path.sub)
  if (!leaf) throw invalidFilter(`Unknown sub-attribute "${path.sub}" of "${attribute.name}"`)
  return { path: { ...canonical, sub: leaf.name }, attribute, leaf }
}

function resolveSub(path: AttrPath, parent: AttributeDef): Target {
  const leaf = resolveElementPath(parent, path)
  if (!leaf) {
    throw invalidFilter(`"${stringifyPath(path)}" is not a sub-attribute of "${parent.name}"`)
  }
  return { path: { attr: leaf.name }, attribute: leaf, leaf }
}

function valuePath(node: FilterNode & { kind: 'valuePath' }, scope: Scope): FilterNode {
  const name = stringifyPath(node.path)
  if (!('schema' in scope)) {
    throw invalidFilter(
      `"${name}[…]" is inside "${scope.parent.name}[…]"; value filters do not nest`,
    )
  }
  if (node.path.sub !== undefined) {
    throw invalidFilter(`"${name}[…]" filters a sub-attribute; "[…]" applies to an attribute`)
  }
  const { path, attribute } = resolve(node.path, scope)
  if (attribute.type !== 'complex' && !attribute.multiValued) {
    throw invalidFilter(`"${attribute.name}" is neither complex nor multi-valued; "[…]" needs one`)
  }
  return { kind: 'valuePath', path, filter: validate(node.filter, { parent: attribute }) }
}

/**
 * RFC 7644 §3.4.2.2 asks for a sub-attribute on complex attributes, yet its own example compares
 * `emails co "example.com"`. Decision: a complex attribute with a `value` sub-attribute compared
 * directly means its `value` — multi-valued (`emails`) or not (Entra's tutorial example 4 asks
 * `manager eq "<id>"`, test/fixtures/idp/entra/manager-query-example4.json); any other complex
 * comparison is refused, naming a sub-attribute that would work.
 */
function compare(op: CompareOp, value: Literal, target: Target): FilterNode {
  let { path, leaf } = target
  if (leaf.type === 'complex') {
    const sub = findAttribute(leaf.subAttributes, 'value')
    if (!sub) {
      const name = stringifyPath(path)
      const example = leaf.subAttributes?.[0]?.name ?? 'value'
      throw invalidFilter(
        `"${name}" is complex; compare one of its sub-attributes, e.g. "${name}.${example}"`,
      )
    }
    path = { ...path, sub: sub.name }
    leaf = sub
  }
  return { kind: 'compare', path, op, value: checkLiteral(op, value, leaf, stringifyPath(path)) }
}
