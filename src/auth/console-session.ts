// Console sessions (docs/security.md, "Console sessions"): the cookie a portal link signs the
// console in with. HttpOnly, SameSite=Strict, Path=/admin, at most an hour, Secure except on plain
// http to a loopback address (local development). A state-changing request carried by the cookie
// must also carry the session's CSRF token in `X-CSRF-Token` (the console reads it from
// `GET /admin/v1/me`), and an `Origin`, when sent, must be this origin.
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { looksLikeSecret, secretsEqual, sha256Hex } from '../credentials'
import type { AppEnv } from '../env'
import { tokenByHash } from '../placement/token-by-hash'
import { base64url } from '../scim/base64url'
import { forbidden, unauthorized } from '../scim/errors'
import { Session, type Caller } from './session'

export const SESSION_COOKIE = 'scimedge_session'
const COOKIE_PATH = '/admin'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Derived from the session secret: only the holder of the cookie's value can know it. */
export async function csrfTokenFor(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`csrf\n${secret}`))
  return base64url(new Uint8Array(digest))
}

function isLocalHttp(c: Context): boolean {
  const url = new URL(c.req.url)
  return url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)
}

export function setSessionCookie(c: Context, secret: string, expiresAt: string): void {
  const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000))
  setCookie(c, SESSION_COOKIE, secret, {
    path: COOKIE_PATH,
    httpOnly: true,
    secure: !isLocalHttp(c),
    sameSite: 'Strict',
    maxAge: seconds,
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    secure: !isLocalHttp(c),
    sameSite: 'Strict',
  })
}

/**
 * Authenticates a request by its session cookie: the session's D1 row must be live (checked on
 * every request, so sign-out and revocation hold at once), and unsafe methods must pass the CSRF
 * check. Returns the caller; sets `caller` and `session` as bearer auth does.
 */
export async function sessionCaller(c: Context<AppEnv>, secret: string): Promise<Caller> {
  const ended = () => unauthorized('The console session has ended: sign in again.')
  if (!looksLikeSecret('session', secret)) throw ended()
  const now = new Date().toISOString()
  const row = await tokenByHash(c.env, await sha256Hex(secret))
  if (!row || row.kind !== 'session' || row.revokedAt || !row.expiresAt || row.expiresAt <= now) {
    throw ended()
  }
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('Origin')
    if (origin && origin !== new URL(c.req.url).origin) {
      throw forbidden('Cross-origin request refused.')
    }
    const presented = c.req.header('X-CSRF-Token') ?? ''
    if (!(await secretsEqual(presented, await csrfTokenFor(secret)))) {
      throw forbidden('Missing or wrong X-CSRF-Token for this console session.')
    }
  }
  const caller: Caller = { orgId: row.orgId, tokenId: row.id, kind: 'session' }
  const session = new Session(caller, now, 0, c)
  session.markVerified()
  session.trips++
  c.set('caller', caller)
  c.set('session', session)
  return caller
}
