// Pure: no I/O. The literals and operators each attribute type admits (RFC 7644 §3.4.2.2).
import { invalidFilter } from '../errors'
import type { AttributeDef } from '../schema/types'
import type { CompareOp, Literal } from './ast'
import { assertNever } from '../assert-never'
import { toBoolean } from './compare'
import { parseDateTime } from './datetime'
import { stringifyLiteral } from './stringify'

const SUBSTRING_OPS: ReadonlySet<CompareOp> = new Set(['co', 'sw', 'ew'])
const ORDERING_OPS: ReadonlySet<CompareOp> = new Set(['gt', 'ge', 'lt', 'le'])
const TEXT_TYPES: readonly string[] = ['string', 'reference', 'binary']

/**
 * The literal in canonical form for `leaf` (a boolean for boolean attributes, Entra's "True"
 * included), or invalidFilter when the comparison cannot be answered: null with anything but
 * eq/ne, co/sw/ew on non-strings, gt/ge/lt/le on boolean or binary (§3.4.2.2 demands a 400),
 * or a literal of the wrong JSON type (a dateTime must be an RFC 3339 date-time string).
 */
export function checkLiteral(
  op: CompareOp,
  value: Literal,
  leaf: AttributeDef,
  name: string,
): Literal {
  const refuse = (why: string) =>
    invalidFilter(`Cannot answer "${name} ${op} ${stringifyLiteral(value)}": ${why}`)
  if (value === null) {
    if (op === 'eq' || op === 'ne') return null
    throw refuse('null only goes with eq (absent) and ne (present)')
  }
  if (SUBSTRING_OPS.has(op) && !TEXT_TYPES.includes(leaf.type)) {
    throw refuse(`co, sw and ew apply to strings; "${name}" is ${leaf.type}`)
  }
  if (ORDERING_OPS.has(op) && (leaf.type === 'boolean' || leaf.type === 'binary')) {
    throw refuse(`gt, ge, lt and le do not apply to ${leaf.type} attributes (RFC 7644 §3.4.2.2)`)
  }
  switch (leaf.type) {
    case 'boolean': {
      const wanted = toBoolean(value)
      if (wanted === undefined) throw refuse(`"${name}" is boolean and takes true or false`)
      return wanted
    }
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') throw refuse(`"${name}" is ${leaf.type} and takes a number`)
      return value
    case 'dateTime':
      if (typeof value === 'string' && parseDateTime(value) !== undefined) return value
      throw refuse(
        `"${name}" is a dateTime and takes an RFC 3339 string like "2015-09-01T12:00:00Z"`,
      )
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value === 'string') return value
      throw refuse(`"${name}" is a ${leaf.type} and takes a "string"`)
    case 'complex':
      throw refuse(`"${name}" is complex`)
    default:
      return assertNever(leaf.type)
  }
}
