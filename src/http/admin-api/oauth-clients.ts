// An org's OAuth clients (the operator or the org's own admin): SCIM clients that authenticate at
// /oauth/token with a JWT signed by one of their registered keys (RFC 7523 §2.2) instead of a
// long-lived token. Registered and deleted by the org's writer; deleting a client revokes the
// access tokens it holds from the next request.
import { unwrap, writerOf } from '../../do/client'
import { toOAuthClient } from '../../model/oauth-client'
import { webhookUrlProblem } from '../../model/webhook-policy'
import { selectOAuthClients } from '../../repo/oauth-clients'
import { badRequest } from '../../scim/errors'
import { webhookConfig } from '../../webhooks/config'
import { actorFor, loadOrg, reader } from './context'
import { route } from './define'
import { createOAuthClientSchema, oauthClientBody, oauthClientsBody } from './oauth-client-schemas'
import { errorBody } from './schemas'

const missing = { description: 'No such org (or no such client)', schema: errorBody }

export const oauthClientRoutes = [
  route({
    method: 'get',
    path: '/orgs/{orgId}/oauth-clients',
    summary: "An org's OAuth clients, oldest first",
    access: 'org',
    answers: { 200: { description: 'The clients', schema: oauthClientsBody }, 404: missing },
    async handle(c, { params }) {
      await loadOrg(c, params.orgId)
      const db = reader(c, params.orgId)
      const [rows] = await db.read(selectOAuthClients(db.db, params.orgId))
      return c.json({ data: rows.map(toOAuthClient) })
    },
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/oauth-clients',
    summary: 'Register an OAuth client with its public keys (inline JWKS or an https jwksUri)',
    access: 'org',
    body: createOAuthClientSchema,
    answers: {
      201: { description: 'The client', schema: oauthClientBody },
      404: missing,
      409: { description: 'The org has as many clients as it may', schema: errorBody },
    },
    async handle(c, { params, body }) {
      if (body.jwksUri !== undefined) {
        // The webhook URL policy: https to a public host (no SSRF into the platform's network).
        const problem = webhookUrlProblem(body.jwksUri, webhookConfig(c.env).allowLocal)
        if (problem) throw badRequest(`Invalid jwksUri: ${problem}.`)
      }
      const stub = await writerOf(c.env, params.orgId)
      return c.json(await unwrap(stub.createOAuthClient(params.orgId, actorFor(c), body)), 201)
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/oauth-clients/{clientId}',
    summary: 'Delete an OAuth client; its access tokens stop working on their next request',
    access: 'org',
    answers: { 204: { description: 'Deleted' }, 404: missing },
    async handle(c, { params }) {
      const stub = await writerOf(c.env, params.orgId)
      await unwrap(stub.deleteOAuthClient(params.orgId, actorFor(c), params.clientId))
      return c.body(null, 204)
    },
  }),
]
