// Pure: no I/O. Filter tokenizer (RFC 7644 §3.4.2.2): words, JSON strings and brackets.
import { invalidFilter } from '../errors'

/**
 * A word is any run of characters other than whitespace, brackets and `"`: operators, logical
 * words, attribute paths (URNs included), `.subAttr` after a valuePath, numbers and
 * true/false/null. The parser decides what a word is from where it stands.
 */
export type Token =
  | { kind: 'word' | '(' | ')' | '[' | ']' | 'end'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number; value: string }

const BRACKETS = '()[]'
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n'
const endsWord = (c: string) => isSpace(c) || BRACKETS.includes(c) || c === '"'

/** Invariant: the last token is always `end`, at offset text.length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const c = text[at]
    if (isSpace(c)) {
      at++
    } else if (BRACKETS.includes(c)) {
      tokens.push({ kind: c as '(' | ')' | '[' | ']', text: c, pos: at })
      at++
    } else if (c === '"') {
      const end = stringEnd(text, at)
      tokens.push(stringToken(text.slice(at, end), at))
      at = end
    } else {
      let end = at + 1
      while (end < text.length && !endsWord(text[end])) end++
      tokens.push({ kind: 'word', text: text.slice(at, end), pos: at })
      at = end
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length })
  return tokens
}

function stringEnd(text: string, start: number): number {
  let at = start + 1
  while (at < text.length) {
    if (text[at] === '\\') at += 2
    else if (text[at] === '"') return at + 1
    else at++
  }
  throw invalidFilter(`Unterminated string at offset ${start}, found ${quote(text.slice(start))}`)
}

/** compValue strings are JSON strings (§3.4.2.2 → RFC 7159): JSON escapes, no raw controls. */
function stringToken(raw: string, pos: number): Token {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw invalidFilter(`Invalid JSON string at offset ${pos}, found ${quote(raw)}`)
  }
  return { kind: 'string', text: raw, pos, value: value as string }
}

/** The offending token as shown in error details, shortened so a detail stays readable. */
export function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the filter' : quote(token.text)
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}
