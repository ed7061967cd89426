// Compiles a VALIDATED filter AST (src/scim/filter) to a parameterized SQL condition over alias `r`
// (users or teams). It mirrors the evaluator's contract (src/scim/filter/compare.ts) exactly: any
// value matches (EXISTS over json_each), absent never matches, `ne` = some value differs,
// foldCase = SQLite lower(), code-point string order = BINARY. What it cannot compile faithfully
// is invalidFilter — never an in-memory fallback. The differential test holds it to the evaluator.
// Every term is two-valued (type checks use IS / coalesce), so NOT never meets SQL's NULL logic.
import { sql, type SQL } from 'drizzle-orm'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import { invalidFilter, tooMany } from '../scim/errors'
import { foldCase } from '../scim/text'
import { evaluateFilter, resolveFilterPath, stringifyPath } from '../scim/filter'
import type { AttrPath, CompareOp, FilterNode, Literal } from '../scim/filter'
import { findAttribute, type AttributeDef, type ResourceSchema } from '../scim/schema'
import { type FilterTable, jsonPath, sqlString } from './filter-columns'
import { extensionAttrKey, isIndexedType } from '../scim/extensions'
import {
  columnCompare,
  columnPresent,
  complexPresent,
  jsonScalar,
  present,
  scalarCompare,
  type Scalar,
} from './filter-sql-terms'

/** D1 binds at most 100 parameters per statement; the list query needs a few of its own. */
export const MAX_FILTER_PARAMS = 90

/**
 * Fairness between tenants on one database: what a filter may make SQLite do per row of the org.
 * A term on an indexed column costs 1, on a value inside the JSON column 2, on a membership row 2,
 * and a term that walks a multi-valued attribute (json_each per row) 10. A filter over the budget
 * is 400 tooMany (RFC 7644 §3.12: more than the server is willing to process); every filter an
 * IdP sends costs under 10.
 */
export const MAX_FILTER_COST = 100
const COST = { column: 1, json: 2, membership: 2, multiValued: 10 } as const
/** D1 refuses statements over 100 KB; the list query repeats the condition (count + page). */
export const MAX_FILTER_SQL_LENGTH = 40_000
const DIALECT = new SQLiteAsyncDialect()

interface Compiler {
  schema: ResourceSchema
  table: FilterTable
  /** The org the rows belong to: index probes bind it, so they are not correlated per row. */
  orgId?: string
  params: number
  cost: number
  /** Compare nodes answered by an index probe (email, extension values). */
  probes: Set<FilterNode>
}

/** The SQL condition and what it costs per row (MAX_FILTER_COST's units). */
export interface CompiledFilter {
  condition: SQL
  cost: number
  /**
   * An index probe must hold for every match (the filter is a probe, or an `and` with one): the
   * rows are best found from the probe's index and then ordered, not by walking the org in order.
   */
  driven: boolean
}

export function compileFilter(
  node: FilterNode,
  schema: ResourceSchema,
  table: FilterTable,
  orgId?: string,
): CompiledFilter {
  const compiler: Compiler = { schema, table, orgId, params: 0, cost: 0, probes: new Set() }
  const condition = compile(node, compiler)
  if (compiler.cost > MAX_FILTER_COST) {
    throw tooMany(
      `The filter is too expensive to run on every resource (cost ${compiler.cost}, at most ${MAX_FILTER_COST}; a term on a multi-valued attribute costs ${COST.multiValued}). Use fewer terms.`,
    )
  }
  const length = DIALECT.sqlToQuery(condition).sql.length
  if (length > MAX_FILTER_SQL_LENGTH) {
    throw invalidFilter(`Filter is too complex to run (${length} bytes of SQL); simplify it`)
  }
  if (compiler.params > MAX_FILTER_PARAMS) {
    throw invalidFilter(
      `Filter needs ${compiler.params} values; at most ${MAX_FILTER_PARAMS} are supported`,
    )
  }
  return { condition, cost: compiler.cost, driven: driven(node, compiler.probes) }
}

const driven = (node: FilterNode, probes: ReadonlySet<FilterNode>): boolean =>
  node.kind === 'and' ? driven(node.left, probes) || driven(node.right, probes) : probes.has(node)

function compile(node: FilterNode, c: Compiler): SQL {
  switch (node.kind) {
    case 'and':
    case 'or':
      return chain(node, (operand) => compile(operand, c))
    case 'not':
      return sql`(NOT ${compile(node.filter, c)})`
    case 'present':
      return term(node.path, c, (def, s) => present(def, s))
    case 'compare': {
      const probe = indexProbe(node, c)
      if (probe) c.probes.add(node)
      return probe ?? compareTerm(node.path, node.op, node.value, c)
    }
    case 'valuePath':
      return valuePath(node.path, node.filter, c)
    default: {
      const never: never = node
      throw invalidFilter(`Unsupported filter node ${JSON.stringify(never)}`)
    }
  }
}

/**
 * `a and b and c …` compiled as a BALANCED tree of parenthesised pairs. SQLite parses a flat
 * `a AND b AND c …` into a left-deep tree, and D1 caps expression depth at 100, so a chain of
 * ~100 terms (well under the filter's term cap) would fail; balanced, 200 terms nest 8 deep.
 */
function chain(
  node: FilterNode & { kind: 'and' | 'or' },
  compileOperand: (n: FilterNode) => SQL,
): SQL {
  const operands: FilterNode[] = []
  const stack: FilterNode[] = [node]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next.kind === node.kind) stack.push(next.right, next.left)
    else operands.push(next)
  }
  const joiner = node.kind === 'and' ? sql` AND ` : sql` OR `
  const balanced = (parts: SQL[]): SQL => {
    if (parts.length === 1) return parts[0]
    const half = Math.ceil(parts.length / 2)
    return sql`(${balanced(parts.slice(0, half))}${joiner}${balanced(parts.slice(half))})`
  }
  return balanced(operands.map(compileOperand))
}

function compareTerm(path: AttrPath, op: CompareOp, value: Literal, c: Compiler): SQL {
  if (value === null) {
    const isPresent = term(path, c, (def, s) => present(def, s))
    if (op === 'eq') return sql`(NOT ${isPresent})`
    if (op === 'ne') return isPresent
    return sql`0`
  }
  const column = path.uri === undefined ? c.table.columns[pathKey(path)] : undefined
  if (column) {
    c.cost += COST.column
    return columnCompare(column, op, value, c)
  }
  if (path.uri === undefined && path.attr === 'schemas') return schemasTerm(op, value, c)
  return term(path, c, (def, s) => scalarCompare(def, s, op, value, c))
}

/** `eq "x"` on an attribute with an index table of its own: the probe, else undefined. */
function indexProbe(node: FilterNode & { kind: 'compare' }, c: Compiler): SQL | undefined {
  const { path, op, value } = node
  if (op !== 'eq' || typeof value !== 'string') return undefined
  return emailProbe(path, value, c) ?? extensionProbe(path, value, c)
}

/** The org the probe reads: bound when known, so the subquery is not run once per row. */
const orgOf = (c: Compiler) => (c.orgId === undefined ? sql`r.org_id` : sql`${c.orgId}`)

/**
 * `urn:…:costCenter eq "x"` on a string attribute the org declares (scim/extensions): the users
 * with that folded value in the extension value index (repo/extension-values.ts). For a caseExact
 * attribute the folded match narrows by index and the JSON term then decides, so the answer is
 * the evaluator's either way.
 */
function extensionProbe(path: AttrPath, literal: string, c: Compiler): SQL | undefined {
  const resolved = resolveFilterPath(c.schema, path)
  const leaf = resolved?.subAttribute ?? resolved?.attribute
  const extension = c.schema.extensions.find((e) => e.schema.id === resolved?.schemaUrn)
  if (!resolved?.schemaUrn || !extension?.declared || resolved.subAttribute || !leaf)
    return undefined
  if (!isIndexedType(leaf.type)) return undefined
  c.params += 3
  const probe = sql`r.id IN (SELECT user_id FROM user_extension_values WHERE org_id = ${orgOf(c)} AND attr_key = ${extensionAttrKey(resolved.schemaUrn, leaf.name)} AND value_key = ${foldCase(literal)})`
  if (!leaf.caseExact) {
    c.cost += COST.column
    return probe
  }
  return sql`(${probe} AND ${term(path, c, (def, s) => scalarCompare(def, s, 'eq', literal, c))})`
}

/**
 * `emails.value eq "x"` — how IdPs match a user by email (Entra, OpenID IPSIE) — answered from the
 * user_emails index: the users having an email whose folded value is the folded literal, exactly
 * what the evaluator's "some value equals" means for this caseExact=false attribute.
 */
function emailProbe(path: AttrPath, literal: string, c: Compiler): SQL | undefined {
  if (!c.table.emailIndex) return undefined
  const resolved = resolveFilterPath(c.schema, path)
  const isEmailValue =
    resolved?.schemaUrn === undefined &&
    resolved?.attribute.name === 'emails' &&
    resolved.subAttribute?.name === 'value'
  if (!isEmailValue) return undefined
  c.cost += COST.column
  c.params += 2
  return sql`r.id IN (SELECT user_id FROM user_emails WHERE org_id = ${orgOf(c)} AND value_key = ${foldCase(literal)})`
}

/** The `value eq "x"` conjunct of a value filter, when it has one (the index can narrow it). */
function valueEquality(filter: FilterNode): string | undefined {
  if (filter.kind === 'and') return valueEquality(filter.left) ?? valueEquality(filter.right)
  const isValueEq =
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.uri === undefined &&
    filter.path.sub === undefined &&
    filter.path.attr.toLowerCase() === 'value'
  return isValueEq ? (filter.value as string) : undefined
}

const pathKey = (path: AttrPath) => (path.sub ? `${path.attr}.${path.sub}` : path.attr)

/**
 * Finds where `path` lives and builds "some value satisfies `test`". `test` receives the leaf
 * definition and a Scalar expression for one value.
 */
function term(path: AttrPath, c: Compiler, test: (def: AttributeDef, s: Scalar) => SQL): SQL {
  const resolved = resolveFilterPath(c.schema, path)
  if (!resolved) throw invalidFilter(`Unknown attribute "${stringifyPath(path)}"`)
  const { attribute, subAttribute, schemaUrn } = resolved
  const name = stringifyPath(path)
  const column = schemaUrn === undefined ? c.table.columns[pathKey(path)] : undefined
  if (column) {
    c.cost += COST.column
    return columnPresent(column)
  }
  if (attribute.name === 'schemas' && schemaUrn === undefined)
    return schemasTerm('eq', undefined, c)
  if (attribute.name === c.table.membership.attr && schemaUrn === undefined) {
    c.cost += COST.membership
    return membership(attribute, subAttribute, c, test, name)
  }
  if (attribute.name === 'meta' || attribute.mutability === 'readOnly') {
    throw invalidFilter(`"${name}" cannot be filtered on`)
  }
  const labels = schemaUrn === undefined ? [attribute.name] : [schemaUrn, attribute.name]
  const leaf = subAttribute ?? attribute
  c.cost += attribute.multiValued ? COST.multiValued : COST.json
  if (attribute.multiValued) {
    const each = `json_each(r.data, ${sqlString(jsonPath(labels))})`
    const element = subAttribute
      ? jsonScalar('e.value', [subAttribute.name])
      : { value: 'e.value', type: 'e.type' }
    const inner =
      !subAttribute && attribute.type === 'complex'
        ? complexPresent('e.value')
        : test(leaf, element)
    return sql`EXISTS (SELECT 1 FROM ${sql.raw(each)} AS e WHERE ${inner})`
  }
  if (!subAttribute && attribute.type === 'complex') return complexPresent('r.data', labels)
  return test(leaf, jsonScalar('r.data', subAttribute ? [...labels, subAttribute.name] : labels))
}

/** groups (users) / members (teams): rows of team_members; only `value` is compiled. */
function membership(
  attribute: AttributeDef,
  sub: AttributeDef | undefined,
  c: Compiler,
  test: (def: AttributeDef, s: Scalar) => SQL,
  name: string,
): SQL {
  const valueDef = sub ?? findAttribute(attribute.subAttributes, 'value')
  if (!valueDef || valueDef.name !== 'value') {
    throw invalidFilter(`"${name}" supports only the value sub-attribute`)
  }
  return membershipExists(c, test(valueDef, membershipValue(c)))
}

const membershipValue = (c: Compiler): Scalar => ({
  value: `m.${c.table.membership.otherColumn}`,
  type: `'text'`,
})

function membershipExists(c: Compiler, inner: SQL): SQL {
  const own = sql.raw(`m.${c.table.membership.ownColumn}`)
  return sql`EXISTS (SELECT 1 FROM team_members AS m WHERE m.org_id = r.org_id AND ${own} = r.id AND ${inner})`
}

/**
 * `schemas` is not stored: the core URN is always there and an extension's URN exactly when its
 * object is (render drops empty ones, and so does the write path). The comparison itself is
 * decided here per URN by the evaluator, so the two cannot disagree.
 */
function schemasTerm(op: CompareOp, value: Literal | undefined, c: Compiler): SQL {
  const urns = [c.schema.core.id, ...c.schema.extensions.map((e) => e.schema.id)]
  const parts: SQL[] = []
  for (const urn of urns) {
    const node: FilterNode =
      value === undefined
        ? { kind: 'present', path: { attr: 'schemas' } }
        : { kind: 'compare', path: { attr: 'schemas' }, op, value }
    if (!evaluateFilter(node, { schemas: [urn] }, c.schema)) continue
    if (urn === c.schema.core.id) return sql`1`
    parts.push(sql.raw(`(json_type(r.data, ${sqlString(jsonPath([urn]))}) = 'object')`))
  }
  return parts.length === 0 ? sql`0` : sql`(${sql.join(parts, sql` OR `)})`
}

function valuePath(path: AttrPath, filter: FilterNode, c: Compiler): SQL {
  const resolved = resolveFilterPath(c.schema, path)
  if (!resolved) throw invalidFilter(`Unknown attribute "${stringifyPath(path)}"`)
  const { attribute, schemaUrn } = resolved
  if (attribute.name === c.table.membership.attr && schemaUrn === undefined) {
    c.cost += COST.membership
    const inner = elementCondition(filter, attribute, c, (sub) =>
      sub.name === 'value' ? membershipValue(c) : undefined,
    )
    return membershipExists(c, inner)
  }
  const labels = schemaUrn === undefined ? [attribute.name] : [schemaUrn, attribute.name]
  const each = `json_each(r.data, ${sqlString(jsonPath(labels))})`
  // `emails[type eq "work" and value eq "x"]` (Entra's `emails[type eq "work"].value eq "x"`):
  // the index finds the candidates, the element test runs on those rows only.
  const literal = valueEquality(filter)
  const probe =
    literal !== undefined && emailProbe({ attr: attribute.name, sub: 'value' }, literal, c)
  if (!probe) c.cost += COST.multiValued
  const inner = elementCondition(filter, attribute, c, (sub) =>
    attribute.type === 'complex'
      ? jsonScalar('e.value', [sub.name])
      : { value: 'e.value', type: 'e.type' },
  )
  const exists = sql`EXISTS (SELECT 1 FROM ${sql.raw(each)} AS e WHERE ${inner})`
  return probe ? sql`(${probe} AND ${exists})` : exists
}

/** The inner filter of `attr[…]`, over one element; paths name sub-attributes of `parent`. */
function elementCondition(
  node: FilterNode,
  parent: AttributeDef,
  c: Compiler,
  locate: (sub: AttributeDef) => Scalar | undefined,
): SQL {
  const leaf = (path: AttrPath) => {
    const def =
      parent.type === 'complex'
        ? (parent.subAttributes ?? []).find((s) => s.name === path.attr)
        : { ...parent, name: 'value', multiValued: false }
    const scalar = def && locate(def)
    if (!def || !scalar)
      throw invalidFilter(`"${parent.name}[${path.attr} …]" cannot be filtered on`)
    return { def, scalar }
  }
  switch (node.kind) {
    case 'and':
    case 'or':
      return chain(node, (operand) => elementCondition(operand, parent, c, locate))
    case 'not':
      return sql`(NOT ${elementCondition(node.filter, parent, c, locate)})`
    case 'present': {
      const { def, scalar } = leaf(node.path)
      return present(def, scalar)
    }
    case 'compare': {
      const { def, scalar } = leaf(node.path)
      if (node.value === null) {
        const isPresent = present(def, scalar)
        return node.op === 'eq' ? sql`(NOT ${isPresent})` : node.op === 'ne' ? isPresent : sql`0`
      }
      return scalarCompare(def, scalar, node.op, node.value, c)
    }
    case 'valuePath':
      throw invalidFilter('Value filters do not nest')
    default: {
      const never: never = node
      throw invalidFilter(`Unsupported filter node ${JSON.stringify(never)}`)
    }
  }
}
