// Pure: no I/O. Attribute characteristics as data (RFC 7643 §2.2, §7).

export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary'

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly'
export type Returned = 'always' | 'never' | 'default' | 'request'
export type Uniqueness = 'none' | 'server' | 'global'

/** One attribute definition, in the shape RFC 7643 §7 publishes under /Schemas. Names are canonical. */
export interface AttributeDef {
  name: string
  type: AttributeType
  multiValued: boolean
  description: string
  required: boolean
  caseExact: boolean
  mutability: Mutability
  returned: Returned
  uniqueness: Uniqueness
  canonicalValues?: readonly string[]
  referenceTypes?: readonly string[]
  subAttributes?: readonly AttributeDef[]
  /**
   * Not an RFC 7643 characteristic (never published): the attribute identifies its resource and is
   * compared on a folded key (identity.ts foldName) — by filters, sorting and uniqueness alike.
   */
  foldedKey?: true
}

export interface SchemaDef {
  id: string
  name: string
  description: string
  attributes: readonly AttributeDef[]
}

/**
 * A resource type with its core schema and the extension schemas it carries (RFC 7643 §6).
 * Extension attributes live in the resource JSON under their schema URN key.
 */
export interface ResourceSchema {
  name: 'User' | 'Group'
  endpoint: '/Users' | '/Groups'
  core: SchemaDef
  /**
   * `declared`: an org's own extension (scim/extensions): its string attributes have a value index
   * that `eq` filters probe (repo/extension-values.ts).
   */
  extensions: readonly { schema: SchemaDef; required: boolean; declared?: true }[]
  /**
   * The interop profile (draft-zollner-scim-interop-profile-02): unknown attributes and undeclared
   * schema URNs, pathless PATCH operations, filtered PATCH paths without a sub-attribute and value
   * filters matching more than one element are refused instead of tolerated.
   */
  strict?: boolean
}

/** Where a path lands after case-insensitive resolution against a ResourceSchema. */
export interface ResolvedAttribute {
  /** undefined for core attributes; the extension schema URN otherwise. */
  schemaUrn?: string
  /** The top-level attribute (canonical name). */
  attribute: AttributeDef
  /** The sub-attribute, when the path names one (canonical name). */
  subAttribute?: AttributeDef
}
