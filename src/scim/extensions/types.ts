// Pure: no I/O. An org's own schema extensions: enterprises map their attributes (cost centre,
// location codes, clearance) and IdPs send them under the extension's URN (RFC 7643 §3.3).
// The org admin declares them; they join the org's User resource type (scim/schema/index.ts).

/** The attribute types an org may declare: the simple types of RFC 7643 §2.3. */
export const EXTENSION_TYPES = [
  'string',
  'boolean',
  'integer',
  'decimal',
  'dateTime',
  'reference',
] as const
export type ExtensionType = (typeof EXTENSION_TYPES)[number]

export interface ExtensionAttribute {
  name: string
  type: ExtensionType
  multiValued: boolean
  /** Strings: compared (filters, canonical values) exactly, or without regard to case. */
  caseExact: boolean
  /** Strings: the only values accepted, spelled as here. */
  canonicalValues?: string[]
  /** Present whenever the user carries the extension (RFC 7643 §2.2 `required`). */
  required?: boolean
}

export interface ExtensionDeclaration {
  /** The schema URN, e.g. `urn:acme:params:scim:schemas:extension:acme:2.0:User`. */
  urn: string
  name: string
  attributes: ExtensionAttribute[]
}
