// The org's own schema extensions on User (scim/extensions): declared here by the org admin, then
// advertised in /Schemas and /ResourceTypes for that org, accepted on POST/PUT/PATCH, returned,
// filtered and evented. Writes go through the org's writer.
import type { Context } from 'hono'
import { type ExtensionChange, unwrap, writerOf } from '../../do/client'
import type { AppEnv } from '../../env'
import { notFound } from '../../scim/errors'
import { foldCase } from '../../scim/text'
import { actorFor, loadOrg } from './context'
import { route } from './define'
import {
  errorBody,
  extensionBody,
  extensionChangedBody,
  extensionRemovedBody,
  extensionSchemaInput,
  extensionsBody,
} from './schemas'

const change = async (c: Context<AppEnv>, orgId: string, what: ExtensionChange) =>
  unwrap((await writerOf(c.env, orgId)).updateExtensions(orgId, actorFor(c), what))

const noSuch = { 404: { description: 'No such extension', schema: errorBody } }

export const extensionRoutes = [
  route({
    method: 'get',
    path: '/orgs/{orgId}/extensions',
    summary: "The org's own schema extensions on User",
    access: 'org',
    answers: { 200: { description: 'Every declared extension', schema: extensionsBody } },
    handle: async (c, { params }) => c.json({ data: (await loadOrg(c, params.orgId)).extensions }),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/extensions/{urn}',
    summary: 'One extension',
    access: 'org',
    answers: { 200: { description: 'The declaration', schema: extensionBody }, ...noSuch },
    async handle(c, { params }) {
      const { extensions } = await loadOrg(c, params.orgId)
      const found = extensions.find((d) => foldCase(d.urn) === foldCase(params.urn))
      if (!found) throw notFound(`No extension ${params.urn}.`)
      return c.json(found)
    },
  }),
  route({
    method: 'put',
    path: '/orgs/{orgId}/extensions/{urn}',
    summary: 'Declare or replace an extension schema (its attributes join the User resource type)',
    access: 'org',
    body: extensionSchemaInput,
    answers: {
      200: { description: 'The declaration as it now is', schema: extensionChangedBody },
      400: { description: 'The declaration is not valid', schema: errorBody },
    },
    async handle(c, { params, body }) {
      const done = await change(c, params.orgId, { urn: params.urn, declaration: body })
      return c.json({ ...done.declaration, undeclaredValues: done.undeclaredValues })
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/extensions/{urn}',
    summary: 'Remove an extension (values users hold are kept, and counted in the answer)',
    access: 'org',
    answers: {
      200: { description: 'Removed; what users still hold', schema: extensionRemovedBody },
      ...noSuch,
    },
    async handle(c, { params }) {
      const done = await change(c, params.orgId, { urn: params.urn, declaration: null })
      return c.json({ urn: params.urn, undeclaredValues: done.undeclaredValues })
    },
  }),
]
