// One structured JSON line per request: request id, org, token id, method, route PATTERN (never
// the path or query: those can hold ids of people and filter values such as emails), status,
// scimType and duration. Never a token, an admin key, an email or a name.
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppEnv } from '../env'

/**
 * The pattern of the route that answered (the last one dispatched), not of the last one matched:
 * `/:endpoint` (entitlement types, http/routes/catalogue.ts) matches every one-segment path.
 */
function routePattern(c: Context): string {
  const pattern = routePath(c)
  return !pattern || pattern.endsWith('*') ? 'unmatched' : pattern
}

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = Date.now()
    await next()
    const caller = c.get('caller')
    const admin = c.get('adminCaller')
    const line = {
      msg: 'request',
      requestId: c.get('requestId'),
      orgId: caller?.orgId ?? (admin?.role === 'org-admin' ? admin.orgId : undefined),
      tokenId: caller?.tokenId,
      operator: admin?.role === 'operator' ? true : undefined,
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      scimType: c.get('scimType'),
      durationMs: Date.now() - started,
    }
    console.log(JSON.stringify(line))
  }
}

/**
 * Headers every response carries, whatever answered it (a route, an error, the 404 for an unknown
 * path): the request id (for support and the request log), nothing cacheable, no MIME sniffing.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function setSecurityHeaders(c, next) {
    await next()
    const h = c.res.headers
    h.set('X-Request-Id', c.get('requestId'))
    h.set('Cache-Control', 'no-store')
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'no-referrer')
  }
}

/** What the admin API adds: never framed, nothing loaded, HTTPS pinned. */
export function pageHeaders(): MiddlewareHandler<AppEnv> {
  return async function setPageHeaders(c, next) {
    await next()
    const h = c.res.headers
    h.set('X-Frame-Options', 'DENY')
    h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
    h.set('Strict-Transport-Security', 'max-age=31536000')
  }
}
