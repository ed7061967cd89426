// Pure: no I/O. Names that identify: when two are the same name, and what a name may contain.
//
// userName (User) and displayName (User, Group) are unique per org case-insensitively (DESIGN),
// compared on a folded key the Worker computes — the same function for the uniqueness check, the
// `eq`/`sw`/`co`/`ew` filters and sorting, so an IdP's create-vs-link lookup agrees with the 409.
// The fold follows RFC 8265 §3.3 (UsernameCaseMapped): fullwidth and halfwidth forms are mapped to
// their ordinary characters, case is folded fully (so `ß` is `ss` and the ligature `ﬁ` is `fi`, as
// Unicode's case folding says), the result is NFC. Other compatibility forms (superscripts, circled
// letters, roman numerals) are NOT unified: full NFKC would merge names people keep apart
// (`x²` ≠ `x2`). `José` typed NFC or NFD, `ÉMILE`/`émile` and `ＡＢＣ`/`abc` are one name.
import { invalidValue } from './errors'

/** Halfwidth and Fullwidth Forms (U+FF00–U+FFEF): `ＡＢＣ` → `ABC`, `ｶ` → `カ`. */
const WIDTH_FORMS = /[\uFF01-\uFFEE]/g

/**
 * The key a name is compared on. Case folding is upper-then-lower, which gives Unicode full case
 * folding for the scripts names use (`ß` → `ss`, final `ς` → `σ`, `ﬀ` → `ff`).
 */
export function foldName(value: string): string {
  const width = value.normalize('NFC').replace(WIDTH_FORMS, (c) => c.normalize('NFKC'))
  return width.toUpperCase().toLowerCase().normalize('NFC')
}

/** The longest userName, displayName or externalId accepted, in characters (code points). */
export const MAX_NAME_LENGTH = 1024

/** C0, DEL and C1 controls; a lone surrogate (not a character at all). */
const FORBIDDEN =
  /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The attributes whose text identifies a resource, per resource type. */
const IDENTITY_ATTRIBUTES: Record<'User' | 'Group', readonly string[]> = {
  User: ['userName', 'displayName', 'externalId'],
  Group: ['displayName', 'externalId'],
}

/**
 * 400 invalidValue for an identifying value with a control character or a lone surrogate (an IdP
 * or a script gone wrong; such a name cannot be typed or shown), or longer than MAX_NAME_LENGTH.
 */
export function checkIdentity(data: Record<string, unknown>, kind: 'User' | 'Group'): void {
  for (const name of IDENTITY_ATTRIBUTES[kind]) {
    const value = data[name]
    if (typeof value !== 'string') continue
    if (FORBIDDEN.test(value)) {
      throw invalidValue(`"${name}" contains a control character or an unpaired surrogate.`)
    }
    if (value.length > MAX_NAME_LENGTH && [...value].length > MAX_NAME_LENGTH) {
      throw invalidValue(`"${name}" is longer than ${MAX_NAME_LENGTH} characters.`)
    }
  }
}
