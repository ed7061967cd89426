// Pure: no I/O. The scim-edge role extension schema (RFC 7643 §3.3 extension model).
// The URN and allowed values are org settings (DESIGN: Role); Okta's profile editor and Entra's
// attribute mapping address it as `<urn>:role`.
import { text } from './define'
import type { SchemaDef } from './types'

export const DEFAULT_ROLE_VALUES: readonly string[] = ['member', 'team_admin', 'org_admin']

export function roleExtensionSchema(urn: string, roleValues: readonly string[]): SchemaDef {
  return {
    id: urn,
    name: 'Role',
    description: "The user's role in the organization",
    attributes: [
      text('role', 'The role assigned to the user.', { canonicalValues: [...roleValues] }),
    ],
  }
}
