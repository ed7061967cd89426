// Absolute URLs, built from the origin the client used: `meta.location` and `Location` under
// /scim/v2, and the authorization server's own identifiers (RFC 8414).
import type { Context } from 'hono'
import { SCIM_PREFIX } from './errors'

export function scimBaseUrl(c: Context): string {
  return new URL(c.req.url).origin + SCIM_PREFIX
}

export const TOKEN_PATH = '/oauth/token'
/** RFC 8414 §3: the metadata of an issuer without a path component. */
export const AUTHORIZATION_SERVER_METADATA_PATH = '/.well-known/oauth-authorization-server'

/** The authorization server's issuer identifier (RFC 8414 §2): the origin, no path. */
export const oauthIssuer = (c: Context): string => new URL(c.req.url).origin

export const tokenEndpoint = (c: Context): string => oauthIssuer(c) + TOKEN_PATH

export const authorizationServerMetadataUrl = (c: Context): string =>
  oauthIssuer(c) + AUTHORIZATION_SERVER_METADATA_PATH
