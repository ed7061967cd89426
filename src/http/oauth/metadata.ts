// GET /.well-known/oauth-authorization-server: the authorization server metadata (RFC 8414 §2,
// §3) a SCIM client reads to find the token endpoint and what it accepts. Public: nothing secret.
import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import { ASSERTION_ALGORITHMS } from '../../model/jwks'
import { CLIENT_CREDENTIALS, SCIM_SCOPE } from '../../model/token-request'
import { oauthIssuer, tokenEndpoint } from '../base-url'

export function authorizationServerMetadata(c: Context<AppEnv>) {
  return {
    issuer: oauthIssuer(c),
    token_endpoint: tokenEndpoint(c),
    grant_types_supported: [CLIENT_CREDENTIALS],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    scopes_supported: [SCIM_SCOPE],
    // RFC 8414 §2 requires the member; there is no authorization endpoint, so no response type.
    response_types_supported: [],
  }
}
