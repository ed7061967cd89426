// Pure: no I/O. What one filter token spells: path, operator or literal (RFC 7644 §3.4.2.2).
import { invalidFilter } from '../errors'
import { splitUrn } from '../schema/resolve'
import type { AttrPath, CompareOp, Literal } from './ast'
import { describe, type Token } from './tokenize'

const COMPARE_OPS: readonly string[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']
/** ATTRNAME, plus a leading "$" for `$ref` (RFC 7643 §2.4). */
const NAME = '\\$?[A-Za-z][A-Za-z0-9_-]*'
const PATH_REST = new RegExp(`^(${NAME})(?:\\.(${NAME}))?$`)
const SUB_ATTR = new RegExp(`^\\.(${NAME})$`)
const URN = /^urn(?::[^:]+)+$/i
/** JSON number (RFC 8259 §6): no leading zeros, no "+", no bare "." */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/

/** The invalidFilter every syntax error becomes: what was expected, where, and what was found. */
export function unexpected(token: Token, expected: string) {
  return invalidFilter(`Expected ${expected} at offset ${token.pos}, found ${describe(token)}`)
}

/** Operators and logical words are case-insensitive (§3.4.2.2). */
export const isWord = (token: Token, word: string) =>
  token.kind === 'word' && token.text.toLowerCase() === word

/** `userName`, `name.givenName`, `urn:…:2.0:User:manager.value`; names keep their case. */
export function pathOf(token: Token): AttrPath {
  const { uri, rest } = splitUrn(token.text)
  const match = PATH_REST.exec(rest)
  if (token.kind !== 'word' || !match || (uri !== undefined && !URN.test(uri))) {
    throw unexpected(token, 'an attribute path')
  }
  const path: AttrPath = uri === undefined ? { attr: match[1] } : { uri, attr: match[1] }
  if (match[2] !== undefined) path.sub = match[2]
  return path
}

/** `.value` after a valuePath's "]" (the Entra ID / Okta shape, see parse.ts). */
export function subAttrOf(token: Token): string {
  const match = SUB_ATTR.exec(token.text)
  if (!match) throw unexpected(token, '".subAttribute" after "]"')
  return match[1]
}

export function compareOpOf(token: Token): CompareOp | undefined {
  const word = token.kind === 'word' ? token.text.toLowerCase() : ''
  return COMPARE_OPS.includes(word) ? (word as CompareOp) : undefined
}

/**
 * A quoted "True" stays a string: only validation knows whether the attribute is boolean.
 *
 * Beyond the ABNF: a bare word that is not a JSON literal is read as a string. Microsoft's own
 * tutorial and validator send `externalId eq jyoung`, `userName sw O` and
 * `meta.created gt 2015-10-10T14:38:21.8617979-07:00` (Entra-Tut Example 1; MS-Ref "Get User
 * Filters"; fixture test/unit/filter/idp.test.ts). The word ends at whitespace, a bracket or a
 * quote (tokenize.ts), so the strict grammar still reads every filter it accepts the same way.
 */
export function literalOf(token: Token): Literal {
  if (token.kind === 'string') return token.value
  if (token.kind === 'word') {
    const word = token.text.toLowerCase()
    if (word === 'true') return true
    if (word === 'false') return false
    if (word === 'null') return null
    const number = Number(token.text)
    if (NUMBER.test(token.text) && Number.isFinite(number)) return number
    return token.text
  }
  throw unexpected(token, 'a value (a "string", a number, true, false or null)')
}
