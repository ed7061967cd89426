// Pure: no I/O. Schema metadata, resource types, discovery documents and request contexts
// (RFC 7643 §3, §4, §5–§7; RFC 7644 §3.3–§3.5).
import { DEFAULT_ROLE_SCHEMA } from '../urns'
import { ENTERPRISE_USER_SCHEMA_DEF } from './enterprise-user'
import { GROUP_SCHEMA_DEF } from './group'
import { DEFAULT_ROLE_VALUES, roleExtensionSchema } from './role-extension'
import type { ResourceSchema } from './types'
import { USER_SCHEMA_DEF } from './user'

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

/** User with the enterprise and role extensions; neither is required (RFC 7643 §6 schemaExtensions). */
export function userResourceSchema(
  roleUrn: string = DEFAULT_ROLE_SCHEMA,
  roleValues: readonly string[] = DEFAULT_ROLE_VALUES,
): ResourceSchema {
  return {
    name: 'User',
    endpoint: '/Users',
    core: USER_SCHEMA_DEF,
    extensions: [
      { schema: ENTERPRISE_USER_SCHEMA_DEF, required: false },
      { schema: roleExtensionSchema(roleUrn, roleValues), required: false },
    ],
  }
}

export function groupResourceSchema(): ResourceSchema {
  return { name: 'Group', endpoint: '/Groups', core: GROUP_SCHEMA_DEF, extensions: [] }
}

/** The org settings that shape the User resource type: the role extension's URN and values. */
export interface RoleSettings {
  roleSchema: string
  roleValues: readonly string[]
}

export const userSchemaFor = (settings: RoleSettings) =>
  userResourceSchema(settings.roleSchema, settings.roleValues)

/** The resource type as one org sees it. */
export const resourceSchemaFor = (kind: ResourceSchema['name'], settings: RoleSettings) =>
  kind === 'User' ? userSchemaFor(settings) : groupResourceSchema()
