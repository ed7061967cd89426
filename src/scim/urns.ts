// Pure: no I/O. Schema and message URNs (RFC 7643 §3, §8.7; RFC 7644 §3.12, §3.5.2, §3.4.2, §3.4.3).

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
/** Default role extension; the URN is an org setting (Okta's profile editor / Entra's mapping take it as a namespace). */
export const DEFAULT_ROLE_SCHEMA = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User'
/**
 * Okta Identity Governance's schemas for the role and entitlement catalogues an app publishes
 * (Okta developer guide "Build a SCIM 2.0 server with entitlements"; scim/catalogue.ts).
 */
export const OKTA_ROLE_SCHEMA = 'urn:okta:scim:schemas:core:1.0:Role'
export const OKTA_ENTITLEMENT_SCHEMA = 'urn:okta:scim:schemas:core:1.0:Entitlement'
export const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema'

export const ERROR_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:Error'
export const LIST_RESPONSE_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const PATCH_OP_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const SEARCH_REQUEST_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest'

/** Entra adds this legacy schema to Group bodies; it carries nothing we store (IDP-COMPAT: Create). */
export const ENTRA_LEGACY_GROUP_SCHEMA =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'
