// Admin API auth: the operator secret (ADMIN_API_KEY, compared in constant time), an org admin
// key (`scimadm_…`, stored hashed like SCIM tokens, scoped to one org), or — with no
// Authorization header — a console session cookie (console-session.ts). SCIM tokens never pass.
import type { MiddlewareHandler } from 'hono'
import { looksLikeSecret, secretsEqual } from '../credentials'
import type { AppEnv } from '../env'
import { forbidden, unauthorized } from '../scim/errors'
import { getCookie } from 'hono/cookie'
import { bearerAuth, parseBearer } from './bearer'
import { SESSION_COOKIE, sessionCaller } from './console-session'

/**
 * Admin API caller: the operator (all orgs), or an org admin — by its admin key, or by a console
 * session a portal link opened (one org either way).
 */
export type AdminCaller =
  | { role: 'operator' }
  | { role: 'org-admin'; orgId: string; tokenId: string; via: 'key' | 'session' }

declare module 'hono' {
  interface ContextVariableMap {
    adminCaller: AdminCaller
  }
}

export function adminAuth(): MiddlewareHandler<AppEnv> {
  const orgAdmin = bearerAuth({ kind: 'admin' })
  return async function authenticateAdmin(c, next) {
    const cookie = getCookie(c, SESSION_COOKIE)
    if (!c.req.header('Authorization') && cookie) {
      const caller = await sessionCaller(c, cookie)
      c.set('adminCaller', {
        role: 'org-admin',
        orgId: caller.orgId,
        tokenId: caller.tokenId,
        via: 'session',
      })
      return next()
    }
    const secret = parseBearer(c.req.header('Authorization'))
    if (secret && looksLikeSecret('scim', secret)) {
      throw unauthorized('SCIM tokens cannot call the admin API; use an org admin key.')
    }
    const operatorKey = c.env.ADMIN_API_KEY
    if (secret && operatorKey && !looksLikeSecret('admin', secret)) {
      if (!(await secretsEqual(secret, operatorKey)))
        throw unauthorized('The admin key is not valid.')
      c.set('adminCaller', { role: 'operator' })
      return next()
    }
    return orgAdmin(c, async () => {
      const caller = c.get('caller')
      c.set('adminCaller', {
        role: 'org-admin',
        orgId: caller.orgId,
        tokenId: caller.tokenId,
        via: 'key',
      })
      await next()
    })
  }
}

/** Operator-only routes (creating and listing orgs, minting admin keys). */
export function requireOperator(): MiddlewareHandler<AppEnv> {
  return async function onlyOperator(c, next) {
    if (c.get('adminCaller').role !== 'operator') {
      throw forbidden('Only the operator key can do this.')
    }
    await next()
  }
}

/** Org-scoped routes: the operator, or an admin key of exactly this org. */
export function canManageOrg(caller: AdminCaller, orgId: string): boolean {
  return caller.role === 'operator' || caller.orgId === orgId
}
