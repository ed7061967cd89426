// Pure: no I/O. A token request at /oauth/token, read from its form parameters: the
// client_credentials grant (RFC 6749 §4.4.2) with a JWT client assertion (RFC 7521 §4.2, RFC 7523
// §2.2). Anything else is refused with the error RFC 6749 §5.2 names for it.
import {
  invalidClient,
  invalidRequest,
  invalidScope,
  unsupportedGrantType,
  type OAuthError,
} from './oauth-error'

export const CLIENT_CREDENTIALS = 'client_credentials'
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** The one scope: the org's SCIM API, everything a SCIM token may do there. */
export const SCIM_SCOPE = 'scim'

export interface TokenRequest {
  assertion: string
  /** RFC 7521 §4.2: optional; when sent, it must be the client the assertion names. */
  clientId?: string
  scope: typeof SCIM_SCOPE
}

/**
 * The request's grant, client authentication and scope, or the error that refuses it.
 * `params` are the form's name/value pairs in order (repeats kept, to be refused).
 */
export function readTokenRequest(params: readonly [string, string][]): TokenRequest | OAuthError {
  const values = new Map<string, string>()
  for (const [name, value] of params) {
    // RFC 6749 §3.2: parameters MUST NOT be included more than once.
    if (values.has(name)) return invalidRequest(`${name} is repeated`)
    values.set(name, value)
  }
  const grant = values.get('grant_type')
  if (!grant) return invalidRequest('grant_type is required')
  if (grant !== CLIENT_CREDENTIALS) {
    return unsupportedGrantType(`grant_type must be ${CLIENT_CREDENTIALS}`)
  }
  const type = values.get('client_assertion_type')
  const assertion = values.get('client_assertion')
  // RFC 6749 §5.2 invalid_client: no client authentication included, or an unsupported method.
  if (type === undefined && assertion === undefined) {
    return invalidClient('client authentication is required: private_key_jwt (RFC 7523 §2.2)')
  }
  if (type === undefined) return invalidRequest('client_assertion_type is required')
  if (type !== JWT_BEARER_ASSERTION) {
    return invalidClient(`client_assertion_type must be ${JWT_BEARER_ASSERTION}`)
  }
  if (!assertion) return invalidRequest('client_assertion is required')
  if (values.has('client_secret')) {
    return invalidRequest('use one client authentication method: client_assertion')
  }
  // RFC 6749 §3.3: space-delimited scope tokens; absent means the default, the SCIM API.
  const scope = values.get('scope')
  if (scope !== undefined && scope.split(' ').some((s) => s !== SCIM_SCOPE)) {
    return invalidScope(`the only scope is "${SCIM_SCOPE}"`)
  }
  return { assertion, clientId: values.get('client_id'), scope: SCIM_SCOPE }
}
