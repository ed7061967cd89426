// Pure: no I/O. In-memory filter evaluation (RFC 7644 §3.4.2.2): PATCH value filters and the
// oracle the SQL compiler is tested against. Semantics: see the contract at the top of compare.ts.
import { invalidFilter } from '../errors'
import type { AttributeDef, ResourceSchema } from '../schema/types'
import type { AttrPath, FilterNode } from './ast'
import { assertNever } from '../assert-never'
import { resolveElementPath, resolveFilterPath } from './attributes'
import { isPresent, matchesAny } from './compare'
import { stringifyPath } from './stringify'

/** The values a path names, flattened, and the definition that says how to compare them. */
interface Values {
  def: AttributeDef
  values: unknown[]
}

/** Where paths are read from: a whole resource, or one element of a multi-valued attribute. */
interface Scope {
  values(path: AttrPath): Values
  /** Only a resource scope can open "[ ]": value filters do not nest (errata 4690). */
  elements?(path: AttrPath): { parent: AttributeDef; elements: unknown[] }
}

/**
 * Whether `resource` matches `node`, a VALIDATED filter (validateFilter). `resource` is SCIM
 * JSON with canonical attribute names and extension attributes under their schema URN key.
 */
export function evaluateFilter(
  node: FilterNode,
  resource: Record<string, unknown>,
  schema: ResourceSchema,
): boolean {
  return matches(node, resourceScope(resource, schema))
}

/**
 * Whether one element of `parent` matches `filter`, a filter validated with
 * validateElementFilter(filter, parent). For a simple multi-valued parent (a string array)
 * the element itself is `value`: `tags[value eq "x"]`.
 */
export function evaluateElementFilter(
  filter: FilterNode,
  element: unknown,
  parent: AttributeDef,
): boolean {
  return matches(filter, elementScope(element, parent))
}

function matches(node: FilterNode, scope: Scope): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, scope) && matches(node.right, scope)
    case 'or':
      return matches(node.left, scope) || matches(node.right, scope)
    case 'not':
      return !matches(node.filter, scope)
    case 'present':
      return scope.values(node.path).values.some(isPresent)
    case 'compare': {
      const { def, values } = scope.values(node.path)
      // validateFilter turns `emails eq "x"` into `emails.value eq "x"` and refuses the rest.
      if (def.type === 'complex') throw invalidFilter(`"${stringifyPath(node.path)}" is complex`)
      return matchesAny(node.op, values, node.value, def)
    }
    case 'valuePath': {
      if (!scope.elements) throw invalidFilter('Value filters do not nest')
      const { parent, elements } = scope.elements(node.path)
      return elements.some((element) => matches(node.filter, elementScope(element, parent)))
    }
    default:
      return assertNever(node)
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A multi-valued attribute's elements; a single value as one element; absent/null as none. */
const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]

function resourceScope(resource: Record<string, unknown>, schema: ResourceSchema): Scope {
  const locate = (path: AttrPath) => {
    const resolved = resolveFilterPath(schema, path)
    if (!resolved) throw invalidFilter(`Unknown attribute "${stringifyPath(path)}"`)
    const holder = resolved.schemaUrn === undefined ? resource : resource[resolved.schemaUrn]
    const value = isRecord(holder) ? holder[resolved.attribute.name] : undefined
    return { ...resolved, value }
  }
  return {
    values(path) {
      const { attribute, subAttribute, value } = locate(path)
      if (!subAttribute) return { def: attribute, values: listOf(value) }
      const name = subAttribute.name
      const values = listOf(value).flatMap((e) => (isRecord(e) ? listOf(e[name]) : []))
      return { def: subAttribute, values }
    },
    elements(path) {
      const { attribute, value } = locate(path)
      return { parent: attribute, elements: listOf(value) }
    },
  }
}

function elementScope(element: unknown, parent: AttributeDef): Scope {
  return {
    values(path) {
      const def = resolveElementPath(parent, path)
      if (!def)
        throw invalidFilter(`"${stringifyPath(path)}" is not a sub-attribute of "${parent.name}"`)
      if (parent.type !== 'complex') return { def, values: listOf(element) }
      return { def, values: isRecord(element) ? listOf(element[def.name]) : [] }
    },
  }
}
