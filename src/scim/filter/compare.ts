// Pure: no I/O. One attribute expression against an attribute's values (RFC 7644 §3.4.2.2).
//
// The semantics below are a contract: src/repo/filter-sql.ts must compile to exactly these.
// - Values: the attribute's values flattened (a multi-valued attribute gives each element, a
//   sub-attribute of a multi-valued complex attribute gives each element's sub-attribute);
//   null and absent contribute nothing. A term matches when ANY value matches (§3.4.2.2), so a
//   term on an absent attribute is false, for every operator including `ne`.
// - `ne v` is "some value differs from v", not "not (eq v)": absent → false, and ["a","b"] ne
//   "a" → true. Every term is two-valued (never unknown), so `not (…)` is plain negation and
//   `not (x eq v)` is how to ask for "absent or different".
// - `eq null` ≡ `not (x pr)`, `ne null` ≡ `x pr`; other operators never take null (validation).
// - `pr`: see isPresent. "" is not present, yet `x eq ""` matches "" (it is a value).
// - Strings (string, reference, binary): caseExact=false folds both sides — with foldName for the
//   identifying names (userName, displayName: stored as folded key columns, identity.ts), with
//   foldCase (ASCII only, SQLite lower()) for every other attribute, which lives in JSON; gt/ge/lt/le
//   compare code points (UTF-8 byte order, SQLite BINARY);
//   co/sw/ew are substring tests, and an empty literal matches every string value.
// - co/sw/ew on boolean, integer, decimal and dateTime are rejected by validation (and false
//   here); gt/ge/lt/le on boolean and binary likewise (§3.4.2.2 demands a 400).
// - Numbers compare numerically; dateTime by instant (datetime.ts), so "…T04:42:34Z" equals
//   "…T06:42:34+02:00"; booleans by value, a literal "true"/"false" in any case counting as one.
// - A stored value of the wrong JSON type (a number in a string attribute…) matches nothing.
import type { AttributeDef } from '../schema/types'
import { foldName } from '../identity'
import { foldCase } from '../text'
import type { CompareOp, Literal } from './ast'
import { assertNever } from '../assert-never'
import { parseDateTime } from './datetime'

/**
 * §3.4.2.2 `pr`: "a non-empty value, or … a non-empty node for complex attributes". Absent,
 * null, "", [] and {} are empty, and so is an array or object whose members are all empty;
 * false and 0 are values.
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false
  if (Array.isArray(value)) return value.some(isPresent)
  if (typeof value === 'object') return Object.values(value).some(isPresent)
  return true
}

/**
 * Entra ID writes booleans as strings (`roles[primary eq "True"]`, `active eq "False"`):
 * "true"/"false" in any case count as booleans. Fixture: test/unit/filter/idp.test.ts.
 */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const word = value.toLowerCase()
  return word === 'true' ? true : word === 'false' ? false : undefined
}

/** Whether any of `values` (one attribute's, flattened) satisfies `op literal`. */
export function matchesAny(
  op: CompareOp,
  values: readonly unknown[],
  literal: Literal,
  def: AttributeDef,
): boolean {
  if (literal === null) {
    const present = values.some(isPresent)
    return op === 'eq' ? !present : op === 'ne' ? present : false
  }
  return values.some(
    (value) => value !== null && value !== undefined && matches(op, value, literal, def),
  )
}

function matches(
  op: CompareOp,
  actual: unknown,
  literal: Exclude<Literal, null>,
  def: AttributeDef,
) {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary': {
      if (typeof actual !== 'string' || typeof literal !== 'string') return false
      const fold = def.caseExact ? (s: string) => s : def.foldedKey ? foldName : foldCase
      return matchText(op, fold(actual), fold(literal))
    }
    case 'boolean': {
      const wanted = toBoolean(literal)
      if (typeof actual !== 'boolean' || wanted === undefined) return false
      return op === 'eq' ? actual === wanted : op === 'ne' ? actual !== wanted : false
    }
    case 'integer':
    case 'decimal':
      if (typeof actual !== 'number' || typeof literal !== 'number') return false
      return ordered(op, Math.sign(actual - literal))
    case 'dateTime': {
      const a = typeof actual === 'string' ? parseDateTime(actual) : undefined
      const b = typeof literal === 'string' ? parseDateTime(literal) : undefined
      return a !== undefined && b !== undefined && ordered(op, Math.sign(a - b))
    }
    case 'complex':
      return false
    default:
      return assertNever(def.type)
  }
}

function matchText(op: CompareOp, actual: string, literal: string): boolean {
  if (op === 'co') return actual.includes(literal)
  if (op === 'sw') return actual.startsWith(literal)
  if (op === 'ew') return actual.endsWith(literal)
  return ordered(op, compareCodePoints(actual, literal))
}

/** `order` is the sign of actual − literal; substring operators are not orderings. */
function ordered(op: CompareOp, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0
    case 'ne':
      return order !== 0
    case 'gt':
      return order > 0
    case 'ge':
      return order >= 0
    case 'lt':
      return order < 0
    case 'le':
      return order <= 0
    case 'co':
    case 'sw':
    case 'ew':
      return false
    default:
      return assertNever(op)
  }
}

/**
 * Code point order, which is UTF-8 byte order and so SQLite's BINARY collation. JS `<` compares
 * UTF-16 code units, which puts U+10000 and above (surrogates) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return Math.sign(weight(x) - weight(y))
  }
  return Math.sign(a.length - b.length)
}

const weight = (unit: number) =>
  unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit
