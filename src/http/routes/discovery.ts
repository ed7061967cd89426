// /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4), generated from the schema
// metadata and the org's role extension settings. They advertise exactly what is implemented.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { selectOrg, toOrg } from '../../repo/orgs'
import { notFound } from '../../scim/errors'
import {
  BEARER_TOKEN_SCHEME,
  findResourceTypeDocument,
  findSchemaDocument,
  groupResourceSchema,
  resourceTypesListResponse,
  schemasListResponse,
  serviceProviderConfig,
  userResourceSchema,
  type ServiceProviderFeatures,
} from '../../scim/schema'
import { MAX_BODY_BYTES } from '../body'
import { methodNotAllowedHandler } from '../errors'
import { scimJson } from '../respond'
import { scimBaseUrl } from '../base-url'

/** What this build implements. Later features flip these as they land. */
export const SERVICE_PROVIDER_FEATURES: ServiceProviderFeatures = {
  patch: false,
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
  filter: { supported: false, maxResults: 0 },
  changePassword: false,
  sort: false,
  etag: false,
  authenticationSchemes: [BEARER_TOKEN_SCHEME],
}

async function orgResourceSchemas(c: Context<AppEnv>) {
  const session = c.get('session')
  const [rows] = await session.read(selectOrg(session.db, session.caller.orgId))
  if (rows.length === 0) throw notFound('The organization no longer exists.')
  const { roleSchema, roleValues } = toOrg(rows[0]).settings
  return [userResourceSchema(roleSchema, roleValues), groupResourceSchema()]
}

const onlyGet = methodNotAllowedHandler(['GET'])

export const discoveryRoutes = new Hono<AppEnv>()
  .get('/ServiceProviderConfig', (c) =>
    scimJson(c, serviceProviderConfig(SERVICE_PROVIDER_FEATURES, scimBaseUrl(c))),
  )
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
