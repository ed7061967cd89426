// Pure: no I/O. An org's role and entitlement catalogues: the values its users may be granted,
// with the names an IdP shows an administrator (Okta Identity Governance reads them from /Roles
// and from one endpoint per entitlement type; draft-ietf-scim-roles-entitlements has the same idea).

/** One grantable value. `value` is what a user's `roles[].value` / `entitlements[].value` holds. */
export interface CatalogueEntry {
  value: string
  displayName: string
  description: string | null
}

/**
 * A kind of entitlement (licences, permission sets, …). `type` names it everywhere: its SCIM
 * endpoint is `/<type>` and a user's `entitlements[].type` says which catalogue a value is from.
 */
export interface EntitlementType {
  type: string
  values: CatalogueEntry[]
}

/** The catalogue an org has before anyone writes one: its role values, each named after itself. */
export const catalogueOfValues = (values: readonly string[]): CatalogueEntry[] =>
  values.map((value) => ({ value, displayName: value, description: null }))
