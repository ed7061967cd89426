// The public keys of a registered OAuth client: kept with it (inline JWKS), or fetched from its
// jwks_uri through the isolate's cache (jwks-cache.ts).
import type { Bindings } from '../../env'
import type { PublicJwk, PublicJwks } from '../../model/jwks'
import type { OAuthClientRow } from '../../repo/oauth-clients'
import { JwksCache } from './jwks-cache'
import { jwksFetcher } from './jwks-fetch'

const cache = new JwksCache()

/** The client's keys, or why they could not be had (a jwks_uri that failed). */
export async function clientKeys(
  env: Bindings,
  client: OAuthClientRow,
  kid: string | undefined,
): Promise<PublicJwk[] | { problem: string }> {
  if (client.jwks !== null) return (JSON.parse(client.jwks) as PublicJwks).keys
  return cache.keys(client.jwksUri ?? '', kid, Date.now(), jwksFetcher(env))
}
