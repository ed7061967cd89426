// Pure: no I/O. PATCH path parser (RFC 7644 §3.5.2, Figure 1)
//
//   PATH      = attrPath / valuePath [subAttr]
//   attrPath  = [URI ":"] ATTRNAME *1subAttr          (RFC 7644 §3.4.2.2, errata 4690)
//   valuePath = attrPath "[" valFilter "]"
//   subAttr   = "." ATTRNAME
//   ATTRNAME  = ALPHA *(nameChar)                     nameChar = "-" / "_" / DIGIT / ALPHA
//
// The text between the brackets is a valFilter and goes to the filter parser as is; a syntax
// error inside it is the filter parser's `invalidFilter` (RFC 7644 §3.12 lists invalidFilter for
// "PATCH (Path Filter)"). Everything around it that is malformed is `invalidPath`.
import { invalidPath } from '../errors'
import { parseFilter } from '../filter'
import { parseAttrPath } from '../schema/attribute-name'
import type { PatchPath } from './types'

/** `$ref` is not ALPHA-led but is a sub-attribute name every SCIM schema uses (RFC 7643 §2.4). */
const SUB_ATTR = /^\.(?:[A-Za-z][\w-]*|\$ref)$/

/** Index of the `]` closing the bracket opened at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let quoted = false
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '[') return -1
    else if (c === ']') return i
  }
  return -1
}

export function parsePatchPath(text: string): PatchPath {
  const bad = (why: string) => invalidPath(`Invalid PATCH path ${JSON.stringify(text)}: ${why}`)
  const open = text.indexOf('[')
  if (open < 0) {
    const attr = parseAttrPath(text)
    if (!attr) throw bad('expected [schema URN ":"] attribute ["." subAttribute]')
    return { attr }
  }
  const close = closingBracket(text, open)
  if (close < 0) throw bad('unbalanced or nested "["')
  const attr = parseAttrPath(text.slice(0, open))
  if (!attr || attr.sub !== undefined) throw bad('a value filter must follow an attribute name')
  const inside = text.slice(open + 1, close)
  if (inside.trim() === '') throw bad('empty value filter')
  const after = text.slice(close + 1).trim()
  if (after !== '' && !SUB_ATTR.test(after)) {
    throw bad('only ".subAttribute" may follow a value filter')
  }
  const filter = parseFilter(inside)
  return after === '' ? { attr, filter } : { attr, filter, sub: after.slice(1) }
}
