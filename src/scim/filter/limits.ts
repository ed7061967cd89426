// Pure: no I/O. Work limits for untrusted filter text (RFC 7644 §3.4.2.2; §7 security).
import { invalidFilter } from '../errors'
import type { Token } from './tokenize'

/** Longest filter accepted, in UTF-16 code units, checked before any tokenizing. */
export const MAX_FILTER_LENGTH = 4096
/** Deepest nesting of "(" and "[" combined, checked on the tokens before parsing. */
export const MAX_FILTER_DEPTH = 32
/** Most attribute expressions (`x pr`, `x eq v`) in one filter, counted while parsing. */
export const MAX_FILTER_TERMS = 200

export function checkLength(text: string): void {
  if (text.length > MAX_FILTER_LENGTH) {
    throw invalidFilter(
      `Filter is ${text.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted`,
    )
  }
}

/**
 * Bounds recursion in the parser and in every later stage: the parser only recurses on "(" and
 * "[", and chains of and/or are built in loops.
 */
export function checkDepth(tokens: readonly Token[]): void {
  let depth = 0
  for (const token of tokens) {
    if (token.kind === '(' || token.kind === '[') depth++
    else if (token.kind === ')' || token.kind === ']') depth--
    if (depth > MAX_FILTER_DEPTH) {
      throw invalidFilter(
        `Filter nests deeper than ${MAX_FILTER_DEPTH} levels at offset ${token.pos}, ` +
          `found "${token.text}"`,
      )
    }
  }
}

export function checkTerms(count: number, token: Token): void {
  if (count > MAX_FILTER_TERMS) {
    throw invalidFilter(
      `Filter has more than ${MAX_FILTER_TERMS} attribute expressions; ` +
        `term ${count} is at offset ${token.pos}, found "${token.text}"`,
    )
  }
}
