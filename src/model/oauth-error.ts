// Pure: no I/O. Errors of the token endpoint (/oauth/token), as RFC 6749 §5.2 names them. Only
// http/errors.ts writes them on the wire: `{"error","error_description"}`, never cached.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  /** Too many requests (429): RFC 6749 §4.1.2.1's code for a server that cannot answer now. */
  | 'temporarily_unavailable'
  /** An unexpected failure (500), RFC 6749 §4.1.2.1. */
  | 'server_error'

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status: number,
    /** Seconds, for a 429's Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(description)
  }
}

/** RFC 6749 §5.2: a missing, repeated or malformed parameter. */
export const invalidRequest = (description: string) =>
  new OAuthError('invalid_request', description, 400)

/**
 * RFC 6749 §5.2: client authentication failed; RFC 7521 §4.2.1: a client assertion that is not
 * valid for any reason (signature, claims, replay) is this error too.
 */
export const invalidClient = (description: string) =>
  new OAuthError('invalid_client', description, 401)

export const unsupportedGrantType = (description: string) =>
  new OAuthError('unsupported_grant_type', description, 400)

export const invalidScope = (description: string) =>
  new OAuthError('invalid_scope', description, 400)

export const tooManyTokenRequests = (description: string, retryAfter: number) =>
  new OAuthError('temporarily_unavailable', description, 429, retryAfter)

export const tokenServerError = (description: string) =>
  new OAuthError('server_error', description, 500)
