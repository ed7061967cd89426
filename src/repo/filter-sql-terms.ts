// SQL for one attribute expression on one scalar or column, mirroring src/scim/filter/compare.ts.
// Each returned condition is two-valued: type checks use IS / coalesce so NULL never leaks.
import { sql, type SQL } from 'drizzle-orm'
import { invalidFilter } from '../scim/errors'
import { parseDateTime, toBoolean, type CompareOp, type Literal } from '../scim/filter'
import type { AttributeDef } from '../scim/schema'
import { foldName } from '../scim/identity'
import { foldCase } from '../scim/text'
import { assertNever } from '../scim/assert-never'
import { type ColumnSpec, isTextType, jsonPath, sqlString } from './filter-columns'

/** Counts bound parameters (D1 allows 100 per statement). */
export interface ParamCounter {
  params: number
}

export const ORDER_SQL: Record<'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
}

export /** A scalar in SQL: its value expression and its JSON type expression (json_type / e.type). */
interface Scalar {
  value: string
  type: string
}

export function jsonScalar(source: string, labels: readonly string[]): Scalar {
  const p = sqlString(jsonPath(labels))
  return { value: `json_extract(${source}, ${p})`, type: `json_type(${source}, ${p})` }
}

/** `pr` of one scalar: a value that is not null and not "" (compare.ts isPresent). */
export function present(_def: AttributeDef, s: Scalar): SQL {
  return sql.raw(
    `(coalesce(${s.type}, '') IN ('integer', 'real', 'true', 'false') OR (${s.type} IS 'text' AND ${s.value} <> ''))`,
  )
}

/**
 * A complex value is present when any of its members is (compare.ts isPresent): a JSON object with
 * a member that is a number, a boolean or a non-empty string. Sub-attributes are never complex
 * (RFC 7643 §2.3.8), so one level is enough; stored objects hold only known sub-attributes.
 */
export function complexPresent(source: string, labels: readonly string[] = []): SQL {
  const object = labels.length === 0 ? source : jsonScalar(source, labels).value
  return sql.raw(
    `EXISTS (SELECT 1 FROM json_each(${object}) AS s WHERE s.type IN ('integer', 'real', 'true', 'false') OR (s.type = 'text' AND s.value <> ''))`,
  )
}

export function scalarCompare(
  def: AttributeDef,
  s: Scalar,
  op: CompareOp,
  literal: Exclude<Literal, null>,
  c: ParamCounter,
): SQL {
  if (isTextType(def)) {
    if (typeof literal !== 'string') return sql`0`
    const value = def.caseExact ? s.value : `lower(${s.value})`
    const text = def.caseExact ? literal : foldCase(literal)
    return sql`(${sql.raw(s.type)} IS 'text' AND ${textCompare(value, op, text, c)})`
  }
  if (def.type === 'boolean') {
    const wanted = toBoolean(literal)
    if (wanted === undefined || (op !== 'eq' && op !== 'ne')) return sql`0`
    const match = (op === 'eq') === wanted ? 'true' : 'false'
    return sql.raw(`(${s.type} IS '${match}')`)
  }
  if (def.type === 'integer' || def.type === 'decimal') {
    if (typeof literal !== 'number' || !(op in ORDER_SQL)) return sql`0`
    c.params++
    const operator = ORDER_SQL[op as keyof typeof ORDER_SQL]
    return sql`(coalesce(${sql.raw(s.type)}, '') IN ('integer', 'real') AND ${sql.raw(s.value)} ${sql.raw(operator)} ${literal})`
  }
  throw invalidFilter(`Filtering on ${def.type} attribute "${def.name}" is not supported`)
}

/**
 * String comparison on an expression known to be text (already folded when caseExact=false).
 * co/sw/ew use instr/substr, not GLOB/LIKE: D1 caps pattern length, and LIKE folds case. SQLite
 * counts text length in code points, so the literal's length is counted the same way here.
 */
export function textCompare(expr: string, op: CompareOp, text: string, c: ParamCounter): SQL {
  const length = [...text].length
  if ((op === 'sw' || op === 'ew') && length === 0) return sql`1`
  c.params++
  switch (op) {
    case 'co':
      return sql`instr(${sql.raw(expr)}, ${text}) > 0`
    case 'sw':
      return sql`substr(${sql.raw(expr)}, 1, ${sql.raw(String(length))}) = ${text}`
    case 'ew':
      return sql`substr(${sql.raw(expr)}, -${sql.raw(String(length))}) = ${text}`
    default:
      return sql`${sql.raw(expr)} ${sql.raw(ORDER_SQL[op])} ${text}`
  }
}

export function columnPresent(column: ColumnSpec): SQL {
  return column.kind === 'boolean' || column.kind === 'datetime'
    ? sql.raw(`(${column.sql} IS NOT NULL)`)
    : sql.raw(`(${column.sql} IS NOT NULL AND ${column.sql} <> '')`)
}

export function columnCompare(
  column: ColumnSpec,
  op: CompareOp,
  literal: Exclude<Literal, null>,
  c: ParamCounter,
): SQL {
  switch (column.kind) {
    case 'boolean': {
      const wanted = toBoolean(literal)
      if (wanted === undefined || (op !== 'eq' && op !== 'ne')) return sql`0`
      return sql.raw(`(${column.sql} = ${(op === 'eq') === wanted ? 1 : 0})`)
    }
    case 'datetime': {
      const instant = typeof literal === 'string' ? parseDateTime(literal) : undefined
      if (instant === undefined || !(op in ORDER_SQL)) return sql`0`
      c.params++
      const operator = ORDER_SQL[op as keyof typeof ORDER_SQL]
      return sql`(${sql.raw(column.sql)} ${sql.raw(operator)} ${new Date(instant).toISOString()})`
    }
    case 'folded':
    case 'text': {
      if (typeof literal !== 'string') return sql`0`
      const text = column.kind === 'folded' ? foldName(literal) : literal
      return sql`(${sql.raw(column.sql)} IS NOT NULL AND ${textCompare(column.sql, op, text, c)})`
    }
    default:
      return assertNever(column.kind)
  }
}
