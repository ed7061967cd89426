// The org's catalogues over SCIM, read-only: /Roles and one endpoint per entitlement type (Okta
// Identity Governance discovers them through /ResourceTypes, then lists each; scim/catalogue).
// The org admin writes them through the admin API (http/admin-api/catalogue.ts).
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { selectOrg, toOrg } from '../../repo/orgs'
import {
  catalogueList,
  catalogueResource,
  entitlementEndpoint,
  findCatalogueEntry,
  rolesEndpoint,
  type CatalogueEndpoint,
} from '../../scim/catalogue'
import { notFound } from '../../scim/errors'
import { parsePagination } from '../../scim/list'
import { foldCase } from '../../scim/text'
import { scimBaseUrl } from '../base-url'
import { methodNotAllowedHandler } from '../errors'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../query'
import { scimJson } from '../respond'

/** The org row, read with the request's guard (one D1 statement): catalogues are never cached. */
async function catalogueOf(c: Context<AppEnv>) {
  const session = c.get('session')
  const [rows] = await session.read(selectOrg(session.db, session.caller.orgId))
  if (rows.length === 0) throw notFound('The organization no longer exists.')
  return toOrg(rows[0]).catalogue
}

/** `Roles`, or an entitlement type of the org (any case); otherwise the path names nothing. */
async function endpointOf(c: Context<AppEnv>, name: string): Promise<CatalogueEndpoint> {
  const catalogue = await catalogueOf(c)
  if (name === 'Roles') return rolesEndpoint(catalogue.roles)
  const type = catalogue.entitlementTypes.find((t) => foldCase(t.type) === foldCase(name))
  // What the app answers for a path that names nothing (http/errors.ts onNotFound).
  if (!type) throw notFound(`No resource at ${c.req.method} ${c.req.path}.`)
  return entitlementEndpoint(type.type, type.values)
}

async function list(c: Context<AppEnv>, name: string) {
  const at = await endpointOf(c, name)
  const query = c.req.query()
  const paging = parsePagination(query, {
    maxResults: MAX_PAGE_SIZE,
    defaultCount: DEFAULT_PAGE_SIZE,
  })
  return scimJson(c, catalogueList(at, query.filter, paging, scimBaseUrl(c)))
}

async function one(c: Context<AppEnv>, name: string, id: string) {
  const at = await endpointOf(c, name)
  const entry = findCatalogueEntry(at, id)
  if (!entry) throw notFound(`${at.resourceType} ${id} not found.`)
  return scimJson(c, catalogueResource(at, entry, scimBaseUrl(c)))
}

const onlyGet = methodNotAllowedHandler(['GET'])

/**
 * Mounted after every other SCIM route: `/:endpoint` only answers for an entitlement type, and a
 * path that is none stays the 404 it was.
 */
export const catalogueRoutes = new Hono<AppEnv>()
  .get('/Roles', (c) => list(c, 'Roles'))
  .get('/Roles/:id', (c) => one(c, 'Roles', c.req.param('id')))
  .all('/Roles', onlyGet)
  .all('/Roles/:id', onlyGet)
  .get('/:endpoint', (c) => list(c, c.req.param('endpoint')))
  .get('/:endpoint/:id', (c) => one(c, c.req.param('endpoint'), c.req.param('id')))
