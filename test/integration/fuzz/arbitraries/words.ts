// Building blocks shared by every generator: word lists, random letter case, odd strings.
import fc from 'fast-check'

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const ROLE_EXT = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest'

/** A whitespace-separated list: keeps long tables of names on a few lines. */
export const words = (text: string): string[] => text.trim().split(/\s+/)

/** `word` with each letter upper- or lower-cased at random (`Add`, `rEpLaCe`, `PR`). */
export const randomCase = (word: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''))

/** Strings nobody expects: controls, bidi marks, combining, astral, lone surrogates, NUL. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    ...['', '\u0000', '\uFEFF', '\u202E\u202D', 'e\u0301\u0301\u0301', '\uD83D\uDE00', '\uD800'],
    ...['\uDC00x', '%00', '%', '%zz', '%2522', '*', '?', '[', '\\', '_%_', 'İı', 'ß', 'ＡＢＣ'],
    "'; DROP TABLE users; --",
  ),
)

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** encodeURIComponent, except that lone surrogates become U+FFFD instead of throwing. */
export function safeEncode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
}
