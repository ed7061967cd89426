// Bearer auth (RFC 7644 §2; RFC 6750): token → SHA-256 → KV → org and token id. The token's D1
// row is re-checked in the request's own batch (the Session is a repo/guarded-reader), so a
// revoked or expired token fails on the next request without waiting for KV to propagate.
import type { MiddlewareHandler } from 'hono'
import {
  getTokenRecord,
  looksLikeSecret,
  sha256Hex,
  TokenCache,
  type CredentialKind,
} from '../credentials'
import type { AppEnv } from '../env'
import { unauthorized } from '../scim/errors'
import { Session, type Caller } from './session'
import { refreshTokenRecord, viewIsStale } from './org-view-refresh'

export type { Caller } from './session'

/** What this middleware sets on the context. */
export interface BearerVariables {
  caller: Caller
  session: Session
}

declare module 'hono' {
  interface ContextVariableMap extends BearerVariables {}
}

export interface BearerAuthOptions {
  kind: CredentialKind
}

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1). */
export function parseBearer(header: string | undefined): string | undefined {
  const match = /^bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

/**
 * The secret a request presents. Okta's "HTTP Header" authentication mode sends the API token
 * with no scheme (`Authorization: <token>`; its "Bearer" mode adds the prefix — Okta OIN
 * submission docs, auth settings; fixture test/integration/idp-compat/auth.test.ts). A bare value
 * is taken only when it is unmistakably a SCIM token; anything else stays a 401.
 */
export function presentedSecret(header: string, kind: CredentialKind): string | undefined {
  const bearer = parseBearer(header)
  if (bearer) return bearer
  const bare = header.trim()
  return kind === 'scim' && looksLikeSecret('scim', bare) ? bare : undefined
}

export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const cache = new TokenCache()
  return async function authenticateBearer(c, next) {
    const header = c.req.header('Authorization')
    if (!header) throw unauthorized('Authorization: Bearer <token> is required.')
    const secret = presentedSecret(header, options.kind)
    if (!secret) throw unauthorized('The Authorization header must use the Bearer scheme.')
    const other = options.kind === 'scim' ? 'admin' : 'scim'
    if (looksLikeSecret(other, secret)) {
      throw unauthorized(
        other === 'admin'
          ? 'Admin keys cannot call the SCIM API; use a SCIM token.'
          : 'SCIM tokens cannot call the admin API; use an org admin key.',
      )
    }
    if (!looksLikeSecret(options.kind, secret)) {
      throw unauthorized(
        options.kind === 'scim'
          ? 'The bearer token is not a SCIM token.'
          : 'The bearer token is not an admin key.',
      )
    }
    const hash = await sha256Hex(secret)
    const clock = Date.now()
    let record = cache.get(hash, clock)
    let kvReads = 0
    if (!record) {
      record = (await getTokenRecord(c.env.TOKENS, hash)) ?? undefined
      kvReads++
      if (record) cache.set(hash, record, clock)
    }
    const now = new Date(clock).toISOString()
    if (!record || record.kind !== options.kind)
      throw unauthorized('The bearer token is not valid.')
    if (record.expiresAt !== null && record.expiresAt <= now) {
      throw unauthorized('The bearer token has expired.')
    }
    const caller: Caller = {
      orgId: record.orgId,
      tokenId: record.tokenId,
      kind: options.kind,
      view: record.view,
      placement: record.placement,
    }
    c.set('caller', caller)
    const session = new Session(caller, now, kvReads, c)
    c.set('session', session)
    await next()
    // A route that made no guarded read (a static discovery document, or a refusal — 400, 403,
    // 404, 405, 429 — before any read) must still not answer a revoked or expired credential with
    // anything but 401: check the row now, before the response leaves.
    await session.ensureVerified()
    // The org probe also read the org's version: a cached view older than the org is refreshed; and
    // a record that did not name the org's shard (or named the one it moved from) learns it.
    const placement = session.learnedPlacement
    const stale = viewIsStale(record, session.orgVersion)
    if (stale || placement) {
      const updated = placement ? { ...record, placement } : record
      await refreshTokenRecord(c, cache, hash, updated, stale ? session : undefined)
    }
  }
}
