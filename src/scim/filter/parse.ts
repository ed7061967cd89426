// Pure: no I/O. Recursive-descent parser from filter text to FilterNode (RFC 7644 §3.4.2.2).
//
// Grammar: RFC 7644 §3.4.2.2 Figure 1 with errata 4690 applied (the filter inside "[ ]" may not
// hold another valuePath), rearranged so that each rule is one precedence level. "not" binds
// tightest, then "and", then "or"; "and" and "or" group to the left.
//
//   filter      := orExp
//   orExp       := andExp { SP "or" SP andExp }
//   andExp      := unary { SP "and" SP unary }
//   unary       := [ "not" [SP] ] "(" filter ")"
//                | attrPath "[" valFilter "]"      ; valuePath: inner paths are sub-attributes
//                | attrExp
//   valFilter   := filter, except that no valuePath may appear in it (errata 4690)
//   attrExp     := attrPath SP "pr"
//                | attrPath SP compareOp SP compValue
//   compareOp   := "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "lt" | "ge" | "le"
//   compValue   := "false" | "null" | "true" | number | string  ; JSON literals (RFC 7159)
//   attrPath    := [ URI ":" ] ATTRNAME [ "." ATTRNAME ]          ; URI is a schema URN
//   ATTRNAME    := ALPHA { ALPHA | DIGIT | "-" | "_" }
//
// Accepted beyond the letter of the ABNF:
// - operators, "and"/"or"/"not" and true/false/null in any case (§3.4.2.2 makes them
//   case-insensitive); attribute names keep the case they were written in;
// - any run of whitespace where SP stands, none needed next to brackets or quotes, and an optional
//   space between "not" and "(" (errata 7319);
// - an ATTRNAME may start with "$" so that `$ref` (RFC 7643 §2.4) can be named;
// - `valuePath "." ATTRNAME attrExp-tail` from Entra ID and Okta (see `unary`).
import type { AttrPath, FilterNode } from './ast'
import { checkDepth, checkLength, checkTerms } from './limits'
import { tokenize, type Token } from './tokenize'
import { compareOpOf, isWord, literalOf, pathOf, subAttrOf, unexpected } from './words'

/** Parses filter text (already URL-decoded by the HTTP layer) into an AST; throws invalidFilter. */
export function parseFilter(text: string): FilterNode {
  checkLength(text)
  const tokens = tokenize(text)
  checkDepth(tokens)
  return new Parser(tokens).filter()
}

class Parser {
  private at = 0
  private terms = 0

  constructor(private readonly tokens: readonly Token[]) {}

  filter(): FilterNode {
    const node = this.orExp(false)
    const next = this.peek()
    if (next.kind !== 'end') throw unexpected(next, '"and", "or" or the end of the filter')
    return node
  }

  /** Never past `end`, the last token. */
  private peek(): Token {
    return this.tokens[Math.min(this.at, this.tokens.length - 1)]
  }

  private next(): Token {
    const token = this.peek()
    if (token.kind !== 'end') this.at++
    return token
  }

  private orExp(inValue: boolean): FilterNode {
    let left = this.andExp(inValue)
    while (isWord(this.peek(), 'or')) {
      this.at++
      left = { kind: 'or', left, right: this.andExp(inValue) }
    }
    return left
  }

  private andExp(inValue: boolean): FilterNode {
    let left = this.unary(inValue)
    while (isWord(this.peek(), 'and')) {
      this.at++
      left = { kind: 'and', left, right: this.unary(inValue) }
    }
    return left
  }

  /** `not` is a keyword only right before "(", so an attribute may be named `not`, `and`, `pr`… */
  private unary(inValue: boolean): FilterNode {
    const token = this.next()
    if (isWord(token, 'not') && this.peek().kind === '(') {
      this.at++
      return { kind: 'not', filter: this.group(inValue) }
    }
    if (token.kind === '(') return this.group(inValue)
    if (token.kind !== 'word') throw unexpected(token, 'an attribute path, "not" or "("')
    const path = pathOf(token)
    if (this.peek().kind !== '[') return this.attrExp(path)
    if (inValue) throw unexpected(this.peek(), 'an operator (a value filter cannot nest "[")')
    this.at++
    const filter = this.orExp(true)
    const close = this.next()
    if (close.kind !== ']') throw unexpected(close, '"and", "or" or "]"')
    const sub = this.peek()
    if (sub.kind !== 'word' || !sub.text.startsWith('.')) return { kind: 'valuePath', path, filter }
    // Entra ID and Okta send `emails[type eq "work"].value eq "x"`, which the ABNF lacks. It asks
    // for one element satisfying both, so it becomes `emails[type eq "work" and value eq "x"]`.
    // Fixture: test/unit/filter/idp.test.ts.
    this.at++
    const right = this.attrExp({ attr: subAttrOf(sub) })
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right } }
  }

  /** After "(": the inner filter and its ")". */
  private group(inValue: boolean): FilterNode {
    const node = this.orExp(inValue)
    const close = this.next()
    if (close.kind !== ')') throw unexpected(close, '"and", "or" or ")"')
    return node
  }

  private attrExp(path: AttrPath): FilterNode {
    const token = this.next()
    checkTerms(++this.terms, token)
    if (isWord(token, 'pr')) return { kind: 'present', path }
    const op = compareOpOf(token)
    if (!op) throw unexpected(token, 'an operator (pr, eq, ne, co, sw, ew, gt, ge, lt, le)')
    return { kind: 'compare', path, op, value: literalOf(this.next()) }
  }
}
