// The one place errors become wire bodies: SCIM errors (RFC 7644 §3.12) under /scim/v2, OAuth
// errors (RFC 6749 §5.2) under /oauth/, JSON errors under /admin/v1 and elsewhere. Never a stack
// trace, never HTML; 500s carry the request id.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ERROR_MESSAGE } from '../scim/urns'
import { ScimError, internalError, methodNotAllowed, notFound } from '../scim/errors'
import { OAuthError, tokenServerError, tooManyTokenRequests } from '../model/oauth-error'
import { SCIM_CONTENT_TYPE } from './respond'

export const SCIM_PREFIX = '/scim/v2'
const OAUTH_PREFIX = '/oauth/'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by onError for the request log. */
    scimType?: string
  }
}

/** Framework errors (e.g. Hono's own HTTPException) keep their status, in our envelope. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error
  if (error instanceof HTTPException)
    return new ScimError(error.status, error.message || 'Request failed.')
  return internalError('An unexpected error occurred.')
}

export function scimErrorBody(error: ScimError) {
  return {
    schemas: [ERROR_MESSAGE],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  }
}

export function scimErrorResponse(
  error: ScimError,
  requestId: string,
  extra?: HeadersInit,
): Response {
  const headers = new Headers(extra)
  headers.set('Content-Type', SCIM_CONTENT_TYPE)
  headers.set('X-Request-Id', requestId)
  if (error.status === 401) headers.set('WWW-Authenticate', 'Bearer realm="scim-edge"')
  if (error.retryAfter !== undefined) headers.set('Retry-After', String(error.retryAfter))
  const body = scimErrorBody(error)
  if (error.status >= 500) body.detail = `${error.detail} Request id: ${requestId}.`
  return new Response(JSON.stringify(body), { status: error.status, headers })
}

export function adminErrorResponse(error: ScimError, requestId: string): Response {
  const message = error.status >= 500 ? `${error.detail} Request id: ${requestId}.` : error.detail
  const headers = new Headers({ 'Content-Type': 'application/json', 'X-Request-Id': requestId })
  if (error.status === 401) headers.set('WWW-Authenticate', 'Bearer realm="scim-edge-admin"')
  if (error.retryAfter !== undefined) headers.set('Retry-After', String(error.retryAfter))
  return new Response(JSON.stringify({ error: { status: error.status, message } }), {
    status: error.status,
    headers,
  })
}

/** RFC 6749 §5.2: `{"error","error_description"}`, never cached (§5.1). */
function oauthErrorResponse(error: OAuthError, requestId: string): Response {
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Request-Id': requestId,
  })
  if (error.retryAfter !== undefined) headers.set('Retry-After', String(error.retryAfter))
  const description =
    error.status >= 500 ? `${error.description} Request id: ${requestId}.` : error.description
  return new Response(JSON.stringify({ error: error.code, error_description: description }), {
    status: error.status,
    headers,
  })
}

/** A framework or store failure on an OAuth path (405, 404, 429, 500), in OAuth's words. */
function asOAuthError(error: ScimError): OAuthError {
  if (error.status >= 500) return tokenServerError(error.detail)
  if (error.status === 429) return tooManyTokenRequests(error.detail, error.retryAfter ?? 1)
  return new OAuthError('invalid_request', error.detail, error.status)
}

function isScimPath(c: Context) {
  return c.req.path === SCIM_PREFIX || c.req.path.startsWith(`${SCIM_PREFIX}/`)
}

function respond(c: Context, error: ScimError): Response {
  const requestId = c.get('requestId') ?? 'unknown'
  if (c.req.path.startsWith(OAUTH_PREFIX)) {
    return oauthErrorResponse(asOAuthError(error), requestId)
  }
  return isScimPath(c) ? scimErrorResponse(error, requestId) : adminErrorResponse(error, requestId)
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof OAuthError) {
    return oauthErrorResponse(error, c.get('requestId') ?? 'unknown')
  }
  const scimError = toScimError(error)
  if (scimError.scimType) c.set('scimType', scimError.scimType)
  if (scimError.status >= 500) {
    console.error(
      JSON.stringify({
        msg: 'unhandled error',
        requestId: c.get('requestId'),
        error: error.message,
      }),
    )
  }
  return respond(c, scimError)
}

export function onNotFound(c: Context): Response {
  return respond(c, notFound(`No resource at ${c.req.method} ${c.req.path}.`))
}

/** Registered after a path's real methods, so any other method answers 405 with `Allow`. */
export function methodNotAllowedHandler(allowed: string[]) {
  return function rejectMethod(c: Context): Response {
    const error = methodNotAllowed(
      `${c.req.method} is not supported here; use ${allowed.join(', ')}.`,
    )
    const res = respond(c, error)
    res.headers.set('Allow', allowed.join(', '))
    return res
  }
}
