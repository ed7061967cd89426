// Where SETs come from (their `iss`) and the public JWK Set that verifies them:
// GET /security-events/jwks.json (no credential: public keys only).
import { Hono, type Context } from 'hono'
import { signingKeySet, type SetIssuer } from '../directory/security-events'
import type { AppEnv } from '../env'
import { database } from '../repo/db'
import { setIssuerOf } from '../model/security-events'
import { unavailable } from '../scim/errors'

/** `iss` (SET_ISSUER); keys sealed under WEBHOOK_SECRETS_KEY. */
export function setIssuer(c: Context<AppEnv>): SetIssuer {
  const sealKey = c.env.WEBHOOK_SECRETS_KEY
  if (!sealKey) {
    throw unavailable(
      'Security events need the WEBHOOK_SECRETS_KEY secret (it seals their signing keys at rest): `wrangler secret put WEBHOOK_SECRETS_KEY`.',
    )
  }
  return { issuer: setIssuerOf(c.env), sealKey }
}

export const JWKS_PATH = '/security-events/jwks.json'

export const securityEventKeys = new Hono<AppEnv>().get(JWKS_PATH, async (c) => {
  const keys = await signingKeySet(database(c.env.DB))
  return c.json(keys, 200, { 'Content-Type': 'application/jwk-set+json' })
})
