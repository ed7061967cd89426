// The console's own credentials: portal links (the operator's backend asks for one, the SaaS app
// puts it behind a "Set up SCIM" button), their redemption for a session cookie, sign-out, and
// revoking every session of an org. Cookie and CSRF rules: auth/console-session.ts.
import { z } from 'zod'
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from '../../auth/console-session'
import { looksLikeSecret, sha256Hex } from '../../credentials'
import { unwrap, writerOf } from '../../do/client'
import { tokenByHash } from '../../placement/token-by-hash'
import { badRequest, unauthorized } from '../../scim/errors'
import { actorFor, loadOrg } from './context'
import { route } from './define'
import { errorBody } from './schemas'

const portalLinkBody = z
  .object({
    url: z
      .string()
      .describe('Opens the console signed in to the org. Works once, within 5 minutes.'),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'PortalLink' })

const redeemBody = z.object({ token: z.string().min(1).max(200) }).strict()

const redeemedBody = z
  .object({
    orgId: z.string(),
    orgName: z.string(),
    expiresAt: z.iso.datetime({ offset: true }),
    csrfToken: z.string().describe('Send as X-CSRF-Token on every POST, PATCH and DELETE.'),
  })
  .meta({ id: 'ConsoleSession' })

const spent = () => unauthorized('This sign-in link has expired or was already used.')

export const consoleRoutes = [
  route({
    method: 'post',
    path: '/orgs/{orgId}/portal-links',
    summary: 'A one-time link that opens the console signed in to this org (5 minutes)',
    access: 'operator',
    answers: {
      201: { description: 'The link', schema: portalLinkBody },
      404: { description: 'No such org', schema: errorBody },
    },
    async handle(c, { params }) {
      await loadOrg(c, params.orgId)
      const link = await unwrap(
        (await writerOf(c.env, params.orgId)).createPortalLink(params.orgId),
      )
      const url = `${new URL(c.req.url).origin}/admin#portal=${link.secret}`
      return c.json({ url, expiresAt: link.expiresAt }, 201)
    },
  }),
  route({
    method: 'post',
    path: '/portal-links/redeem',
    summary: "Spend a portal link's token for a console session cookie (the console does this)",
    access: 'public',
    body: redeemBody,
    answers: {
      200: { description: 'Signed in: the session cookie is set', schema: redeemedBody },
      401: { description: 'Expired, used or unknown link', schema: errorBody },
    },
    async handle(c, { body }) {
      if (!looksLikeSecret('portal', body.token)) throw spent()
      const hash = await sha256Hex(body.token)
      const link = await tokenByHash(c.env, hash)
      if (!link || link.kind !== 'portal') throw spent()
      const session = await unwrap(
        (await writerOf(c.env, link.orgId)).redeemPortalLink(link.orgId, hash),
      )
      setSessionCookie(c, session.secret, session.expiresAt)
      const org = await loadOrg(c, link.orgId)
      return c.json({
        orgId: org.id,
        orgName: org.name,
        expiresAt: session.expiresAt,
        csrfToken: await csrfTokenFor(session.secret),
      })
    },
  }),
  route({
    method: 'delete',
    path: '/session',
    summary: 'Sign out: ends this console session and clears its cookie',
    access: 'any',
    answers: { 204: { description: 'Signed out' } },
    async handle(c) {
      const caller = c.get('adminCaller')
      if (caller.role !== 'org-admin' || caller.via !== 'session') {
        throw badRequest('Only a console session signs out; keys are revoked instead.')
      }
      await unwrap(
        (await writerOf(c.env, caller.orgId)).revokeToken(caller.orgId, actorFor(c), {
          tokenId: caller.tokenId,
          kind: 'session',
        }),
      )
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/sessions',
    summary: 'End every console session of the org (portal-link sign-ins)',
    access: 'org',
    answers: {
      200: {
        description: 'How many were ended',
        schema: z.object({ revoked: z.number().int() }).meta({ id: 'RevokedSessions' }),
      },
    },
    async handle(c, { params }) {
      const stub = await writerOf(c.env, params.orgId)
      return c.json(await unwrap(stub.revokeConsoleSessions(params.orgId, actorFor(c))))
    },
  }),
]
