// /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4), generated from the schema
// metadata and the org's role extension settings. They advertise exactly what is implemented.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { notFound } from '../../scim/errors'
import {
  BEARER_TOKEN_SCHEME,
  clientCredentialsScheme,
  findResourceTypeDocument,
  findSchemaDocument,
  groupResourceSchema,
  resourceTypesListResponse,
  schemasListResponse,
  serviceProviderConfig,
  userSchemaFor,
  type ServiceProviderFeatures,
} from '../../scim/schema'
import { MAX_BODY_BYTES } from '../body'
import { BULK_MAX_OPERATIONS } from '../../scim/bulk'
import { SET_EVENT_URIS } from '../../model/security-events'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../query'
import { methodNotAllowedHandler } from '../errors'
import { scimJson } from '../respond'
import { authorizationServerMetadataUrl, scimBaseUrl } from '../base-url'
import { readWithOrgView } from '../org-view'
import { catalogueResourceTypes } from '../../scim/catalogue'

/** What this build implements: PATCH, bulk, filters, sorting, ETags, index and cursor paging; no
 * password changes (passwords are never stored); static bearer tokens and OAuth client
 * credentials, whose metadata document is at `oauthMetadataUrl`. */
const serviceProviderFeatures = (oauthMetadataUrl: string): ServiceProviderFeatures => ({
  patch: true,
  bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: MAX_BODY_BYTES },
  filter: { supported: true, maxResults: MAX_PAGE_SIZE },
  changePassword: false,
  sort: true,
  etag: true,
  authenticationSchemes: [BEARER_TOKEN_SCHEME, clientCredentialsScheme(oauthMetadataUrl)],
  pagination: {
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: DEFAULT_PAGE_SIZE,
    maxPageSize: MAX_PAGE_SIZE,
  },
})

/** The org's resource types: User, Group, then its catalogues (Role, entitlement types). */
async function orgResourceSchemas(c: Context<AppEnv>) {
  const { view } = await readWithOrgView(c)
  return [
    userSchemaFor(view),
    groupResourceSchema(view),
    ...catalogueResourceTypes(view.entitlementTypes ?? []),
  ]
}

const onlyGet = methodNotAllowedHandler(['GET'])

export const discoveryRoutes = new Hono<AppEnv>()
  .get('/ServiceProviderConfig', (c) => {
    const features = serviceProviderFeatures(authorizationServerMetadataUrl(c))
    const config = serviceProviderConfig(features, scimBaseUrl(c))
    // draft-zollner-scim-interop-profile-02: a server reading this org's requests by the profile
    // says so (the org setting `profile`, docs/compat.md).
    const interop = c.get('caller').view?.profile === 'interop'
    // RFC 9967: the events this server issues as SETs (poll: POST /admin/v1/orgs/{org}/
    // security-events/poll; push: webhooks with format "set"), and asynchronous requests on the
    // client's request (Prefer: respond-async on /Bulk and group PATCH, http/async.ts).
    const securityEvents = { eventUris: [...SET_EVENT_URIS], asyncRequest: 'REQUEST' }
    const body = { ...config, securityEvents }
    return scimJson(c, interop ? { ...body, interopProfileConformant: true } : body)
  })
  .all('/ServiceProviderConfig', onlyGet)
  .get('/ResourceTypes', async (c) =>
    scimJson(c, resourceTypesListResponse(await orgResourceSchemas(c), scimBaseUrl(c))),
  )
  .get('/ResourceTypes/:id', async (c) => {
    const doc = findResourceTypeDocument(
      await orgResourceSchemas(c),
      c.req.param('id'),
      scimBaseUrl(c),
    )
    if (!doc) throw notFound(`No resource type ${c.req.param('id')}.`)
    return scimJson(c, doc)
  })
  .all('/ResourceTypes', onlyGet)
  .all('/ResourceTypes/:id', onlyGet)
  .get('/Schemas', async (c) =>
    scimJson(c, schemasListResponse(await orgResourceSchemas(c), scimBaseUrl(c))),
  )
  .get('/Schemas/:id', async (c) => {
    const doc = findSchemaDocument(await orgResourceSchemas(c), c.req.param('id'), scimBaseUrl(c))
    if (!doc) throw notFound(`No schema ${c.req.param('id')}.`)
    return scimJson(c, doc)
  })
  .all('/Schemas', onlyGet)
  .all('/Schemas/:id', onlyGet)
