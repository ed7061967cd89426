// Pure: no I/O. What an org may declare: a URN of its own (never one the service already defines),
// attribute names of RFC 7643 §2.1's grammar, unique without regard to case, within bounds.
import { invalidValue } from '../errors'
import { foldCase } from '../text'
import {
  DEFAULT_ROLE_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  OKTA_ENTITLEMENT_SCHEMA,
  OKTA_ROLE_SCHEMA,
  USER_SCHEMA,
} from '../urns'
import type { ExtensionDeclaration } from './types'

export const MAX_EXTENSIONS = 10
export const MAX_EXTENSION_ATTRIBUTES = 50
/**
 * A declaration's size as JSON: declarations ride in every SCIM token's KV record (the read path's
 * view of the org, credentials/token-record.ts), so they stay small whatever their canonical values.
 */
export const MAX_EXTENSION_BYTES = 16 * 1024

/** RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar). */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/
/** A URN (RFC 8141 shape, loosely): `urn:` NID `:` NSS, no spaces, at most 200 characters. */
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s"\\/]{1,160}$/

const TAKEN = [
  USER_SCHEMA,
  GROUP_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  OKTA_ROLE_SCHEMA,
  OKTA_ENTITLEMENT_SCHEMA,
]

/**
 * Checks one declaration against the org's others and its role extension URN (which is the org's
 * too, but declared through the role settings). Errors name the offending part.
 */
export function checkExtension(
  declaration: ExtensionDeclaration,
  others: readonly ExtensionDeclaration[],
  roleSchema: string,
): void {
  const { urn, attributes } = declaration
  if (!URN.test(urn)) throw invalidValue(`${JSON.stringify(urn)} is not a schema URN.`)
  const folded = foldCase(urn)
  if ([...TAKEN, DEFAULT_ROLE_SCHEMA, roleSchema].some((t) => foldCase(t) === folded)) {
    throw invalidValue(`${urn} is a schema this service already defines.`)
  }
  if (others.filter((o) => foldCase(o.urn) !== folded).length >= MAX_EXTENSIONS) {
    throw invalidValue(`An org declares at most ${MAX_EXTENSIONS} extensions.`)
  }
  if (JSON.stringify(declaration).length > MAX_EXTENSION_BYTES) {
    throw invalidValue(
      `An extension declaration is at most ${MAX_EXTENSION_BYTES / 1024} KB as JSON.`,
    )
  }
  if (attributes.length === 0 || attributes.length > MAX_EXTENSION_ATTRIBUTES) {
    throw invalidValue(`An extension declares 1 to ${MAX_EXTENSION_ATTRIBUTES} attributes.`)
  }
  const seen = new Set<string>()
  for (const a of attributes) {
    if (!ATTRIBUTE_NAME.test(a.name)) {
      throw invalidValue(
        `Attribute name ${JSON.stringify(a.name)} must be a letter then letters, digits, "_" or "-" (RFC 7643 §2.1).`,
      )
    }
    if (seen.has(foldCase(a.name))) throw invalidValue(`Attribute ${a.name} is declared twice.`)
    seen.add(foldCase(a.name))
    if (a.canonicalValues && a.type !== 'string') {
      throw invalidValue(`Attribute ${a.name}: canonicalValues are for string attributes.`)
    }
  }
}
