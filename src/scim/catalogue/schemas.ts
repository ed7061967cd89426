// Pure: no I/O. What /Schemas publishes for the catalogue resources (Okta's Role and Entitlement
// schemas; RFC 7643 §7 characteristics). Both are read-only through SCIM: the org admin writes
// the catalogue through the admin API.
import { text } from '../schema/define'
import type { DiscoverableResource } from '../schema/discovery'
import type { SchemaDef } from '../schema/types'
import { OKTA_ENTITLEMENT_SCHEMA, OKTA_ROLE_SCHEMA } from '../urns'

const readOnly = { mutability: 'readOnly' as const }

export const OKTA_ROLE_SCHEMA_DEF: SchemaDef = {
  id: OKTA_ROLE_SCHEMA,
  name: 'Role',
  description: "A role the organization's users may be granted (their roles[].value is its id).",
  attributes: [
    text('displayName', 'The name an administrator sees.', { ...readOnly, required: true }),
    text('description', 'What the role allows.', readOnly),
  ],
}

export const OKTA_ENTITLEMENT_SCHEMA_DEF: SchemaDef = {
  id: OKTA_ENTITLEMENT_SCHEMA,
  name: 'Entitlement',
  description:
    "An entitlement the organization's users may be granted (their entitlements[].value is its id, .type its type).",
  attributes: [
    text('displayName', 'The name an administrator sees.', { ...readOnly, required: true }),
    text('type', 'The entitlement type, also the endpoint listing it.', {
      ...readOnly,
      required: true,
      caseExact: true,
    }),
    text('description', 'What the entitlement allows.', readOnly),
  ],
}

/**
 * The catalogue resource types an org publishes in /ResourceTypes: Role at /Roles always (every
 * org has role values), and each entitlement type at its own endpoint.
 */
export function catalogueResourceTypes(
  entitlementTypes: readonly string[],
): DiscoverableResource[] {
  return [
    { name: 'Role', endpoint: '/Roles', core: OKTA_ROLE_SCHEMA_DEF, extensions: [] },
    ...entitlementTypes.map((type) => ({
      name: type,
      endpoint: `/${type}`,
      core: OKTA_ENTITLEMENT_SCHEMA_DEF,
      extensions: [],
    })),
  ]
}
