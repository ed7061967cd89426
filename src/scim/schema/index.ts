// Pure: no I/O. Schema metadata, resource types, discovery documents and request contexts
// (RFC 7643 §3, §4, §5–§7; RFC 7644 §3.3–§3.5).
import { DEFAULT_ROLE_SCHEMA } from '../urns'
import { ENTERPRISE_USER_SCHEMA_DEF } from './enterprise-user'
import { GROUP_SCHEMA_DEF } from './group'
import { DEFAULT_ROLE_VALUES, roleExtensionSchema } from './role-extension'
import type { ResourceSchema } from './types'
import { extensionSchema, type ExtensionDeclaration } from '../extensions'
import { userCoreSchema } from './user'

export * from './types'
export * from './resolve'
export * from './attribute-name'
export * from './discovery'
export * from './contexts'
export * from './canonicalize'
export * from './zod-error'
export { COMMON_ATTRIBUTES, isCommonAttribute } from './common'
export { USER_SCHEMA_DEF } from './user'
export { GROUP_SCHEMA_DEF } from './group'
export { ENTERPRISE_USER_SCHEMA_DEF } from './enterprise-user'
export { DEFAULT_ROLE_VALUES, roleExtensionSchema } from './role-extension'
export * from './meta-schemas'

/** Resource schemas in use, by role extension (URN and values); bounded, rebuilt when full. */
const USER_SCHEMAS = new Map<string, ResourceSchema>()
const MAX_USER_SCHEMAS = 1000

/**
 * User with the enterprise and role extensions; neither is required (RFC 7643 §6 schemaExtensions).
 * The same settings give the same object, so what is derived from it (zod contexts) is built once.
 */
export function userResourceSchema(
  roleUrn: string = DEFAULT_ROLE_SCHEMA,
  roleValues: readonly string[] = DEFAULT_ROLE_VALUES,
  strict = false,
  declared: readonly ExtensionDeclaration[] = [],
): ResourceSchema {
  const key = JSON.stringify([roleUrn, roleValues, strict, declared])
  let schema = USER_SCHEMAS.get(key)
  if (schema) return schema
  schema = {
    name: 'User',
    endpoint: '/Users',
    core: userCoreSchema(roleValues),
    extensions: [
      { schema: ENTERPRISE_USER_SCHEMA_DEF, required: false },
      { schema: roleExtensionSchema(roleUrn, roleValues), required: false },
      ...declared.map((d) => ({
        schema: extensionSchema(d),
        required: false,
        declared: true as const,
      })),
    ],
    strict,
  }
  if (USER_SCHEMAS.size >= MAX_USER_SCHEMAS) USER_SCHEMAS.clear()
  USER_SCHEMAS.set(key, schema)
  return schema
}

const GROUP_RESOURCE_SCHEMA: ResourceSchema = {
  name: 'Group',
  endpoint: '/Groups',
  core: GROUP_SCHEMA_DEF,
  extensions: [],
}

const GROUP_STRICT_SCHEMA: ResourceSchema = { ...GROUP_RESOURCE_SCHEMA, strict: true }

/** The Group resource type; under the interop profile, read strictly (ResourceSchema.strict). */
export function groupResourceSchema(settings?: ProfileSettings): ResourceSchema {
  return settings?.profile === 'interop' ? GROUP_STRICT_SCHEMA : GROUP_RESOURCE_SCHEMA
}

/** How strictly an org's SCIM requests are read (docs/compat.md, profiles). */
export interface ProfileSettings {
  /** Absent: lenient. */
  profile?: 'lenient' | 'interop'
}

/**
 * The org settings that shape the User resource type: the role extension's URN and values, and
 * the extensions the org declares (absent: none).
 */
export interface RoleSettings extends ProfileSettings {
  roleSchema: string
  roleValues: readonly string[]
  extensions?: readonly ExtensionDeclaration[]
}

export const userSchemaFor = (settings: RoleSettings) =>
  userResourceSchema(
    settings.roleSchema,
    settings.roleValues,
    settings.profile === 'interop',
    settings.extensions,
  )

/** The resource type as one org sees it. */
export const resourceSchemaFor = (kind: ResourceSchema['name'], settings: RoleSettings) =>
  kind === 'User' ? userSchemaFor(settings) : groupResourceSchema(settings)
