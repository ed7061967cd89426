// Pure: no I/O. An org's OAuth client as the admin API shows it, and the limits on clients and
// the access tokens they get (docs/security.md, "The token endpoint").
import { keySummary, type KeySummary, type PublicJwks } from './jwks'

/** Clients per org: each is a door into the org's directory; a handful is plenty. */
export const MAX_OAUTH_CLIENTS = 25
/** An access token from /oauth/token lives an hour; the client asks again with a new assertion. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600

export interface OAuthClient {
  /** The client_id: `iss` and `sub` of its assertions. */
  clientId: string
  orgId: string
  name: string
  /** Where its keys are fetched from, or — registered inline — a summary of its keys. */
  jwksUri?: string
  keys?: KeySummary[]
  createdAt: string
}

/** An oauth_clients row as stored (repo/schema.ts `oauthClients`). */
export interface OAuthClientSource {
  id: string
  orgId: string
  name: string
  jwks: string | null
  jwksUri: string | null
  createdAt: string
}

export function toOAuthClient(row: OAuthClientSource): OAuthClient {
  const client: OAuthClient = {
    clientId: row.id,
    orgId: row.orgId,
    name: row.name,
    createdAt: row.createdAt,
  }
  if (row.jwksUri !== null) client.jwksUri = row.jwksUri
  if (row.jwks !== null) client.keys = (JSON.parse(row.jwks) as PublicJwks).keys.map(keySummary)
  return client
}
