// The org's role and entitlement catalogues (scim/catalogue): what its users may be granted and
// the names IdPs show. Okta Identity Governance reads them over SCIM at /Roles and /<type>
// (http/routes/catalogue.ts); the org admin writes them here. Writes go through the org's writer.
import type { Context } from 'hono'
import { type CatalogueChange, unwrap, writerOf } from '../../do/client'
import type { AppEnv } from '../../env'
import { notFound } from '../../scim/errors'
import { foldCase } from '../../scim/text'
import { actorFor, loadOrg } from './context'
import { route } from './define'
import {
  entitlementCatalogueSchema,
  entitlementTypeBody,
  entitlementTypesBody,
  errorBody,
  rolesBody,
  rolesCatalogueSchema,
} from './schemas'

const invalid = { 400: { description: 'The catalogue is not valid', schema: errorBody } }

const change = async (c: Context<AppEnv>, orgId: string, what: CatalogueChange) =>
  unwrap((await writerOf(c.env, orgId)).updateCatalogue(orgId, actorFor(c), what))

async function entitlementType(c: Context<AppEnv>, orgId: string, type: string) {
  const { catalogue } = await loadOrg(c, orgId)
  const found = catalogue.entitlementTypes.find((t) => foldCase(t.type) === foldCase(type))
  if (!found) throw notFound(`No entitlement type ${type}.`)
  return found
}

export const catalogueRoutes = [
  route({
    method: 'get',
    path: '/orgs/{orgId}/roles',
    summary: "The org's role catalogue",
    access: 'org',
    answers: { 200: { description: 'The role catalogue', schema: rolesBody } },
    handle: async (c, { params }) =>
      c.json({ data: (await loadOrg(c, params.orgId)).catalogue.roles }),
  }),
  route({
    method: 'put',
    path: '/orgs/{orgId}/roles',
    summary: 'Replace the role catalogue (its values become the role values)',
    access: 'org',
    body: rolesCatalogueSchema,
    answers: {
      200: { description: 'The role catalogue as it now is', schema: rolesBody },
      ...invalid,
    },
    async handle(c, { params, body }) {
      const org = await change(c, params.orgId, { roles: body })
      return c.json({ data: org.catalogue.roles })
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/entitlements',
    summary: "The org's entitlement types and their values",
    access: 'org',
    answers: { 200: { description: 'Every entitlement type', schema: entitlementTypesBody } },
    handle: async (c, { params }) =>
      c.json({ data: (await loadOrg(c, params.orgId)).catalogue.entitlementTypes }),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/entitlements/{type}',
    summary: 'One entitlement type',
    access: 'org',
    answers: {
      200: { description: 'The type and its values', schema: entitlementTypeBody },
      404: { description: 'No such type', schema: errorBody },
    },
    handle: async (c, { params }) => c.json(await entitlementType(c, params.orgId, params.type)),
  }),
  route({
    method: 'put',
    path: '/orgs/{orgId}/entitlements/{type}',
    summary: 'Create or replace an entitlement type (served over SCIM at /{type})',
    access: 'org',
    body: entitlementCatalogueSchema,
    answers: {
      200: { description: 'The type as it now is', schema: entitlementTypeBody },
      ...invalid,
    },
    async handle(c, { params, body }) {
      const org = await change(c, params.orgId, { entitlementType: params.type, values: body })
      const type = org.catalogue.entitlementTypes.find(
        (t) => foldCase(t.type) === foldCase(params.type),
      )
      return c.json(type)
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/entitlements/{type}',
    summary: 'Remove an entitlement type (grants users hold are kept as stored)',
    access: 'org',
    answers: {
      204: { description: 'Removed' },
      404: { description: 'No such type', schema: errorBody },
    },
    async handle(c, { params }) {
      await change(c, params.orgId, { entitlementType: params.type, values: null })
      return c.body(null, 204)
    },
  }),
]
