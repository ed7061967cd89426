// POST /oauth/token: the client_credentials grant (RFC 6749 §4.4) for SCIM clients that
// authenticate with a JWT signed by one of their registered keys (RFC 7523 §2.2, private_key_jwt),
// as the OpenID IPSIE SCIM profile asks. Cheap checks first (form, grant, scope, the assertion's
// algorithm and client), then the client's keys and the signature, then the claims; the org's
// writer spends the jti (exactly once, however concurrent) and mints the access token: a SCIM token
// that expires, so bearer auth and the per-request revocation guard apply to it unchanged.
import type { Context } from 'hono'
import { unwrap, writerOf } from '../../do/client'
import type { AppEnv } from '../../env'
import { CLOCK_SKEW_SECONDS, checkClaims, readAssertion } from '../../model/client-assertion'
import { keyFor } from '../../model/jwks'
import { invalidClient, OAuthError } from '../../model/oauth-error'
import { readTokenRequest, SCIM_SCOPE } from '../../model/token-request'
import { runReads } from '../../repo/db'
import { selectLiveOAuthClient } from '../../repo/oauth-clients'
import { findOnAnyShard } from '../../placement/every-shard'
import { oauthIssuer, tokenEndpoint } from '../base-url'
import { clientKeys } from './client-keys'
import { TokenLimiter } from './token-limit'
import { readTokenForm } from './token-form'
import { signatureVerifies } from './verify-signature'

const limiter = new TokenLimiter()

export async function issueToken(c: Context<AppEnv>): Promise<Response> {
  limiter.take('address', c.req.header('CF-Connecting-IP') ?? 'unknown', Date.now())
  const request = readTokenRequest(await readTokenForm(c.req.raw))
  if (request instanceof OAuthError) throw request
  const read = readAssertion(request.assertion)
  if (!read.ok) throw invalidClient(read.problem)
  const { header, claims, clientId } = read.value
  if (request.clientId !== undefined && request.clientId !== clientId) {
    throw invalidClient('client_id is not the client the assertion names (iss, sub)')
  }

  // The client id names no org: every shard is asked (placement/every-shard.ts).
  const found = await findOnAnyShard(c.env, async (db) => {
    const [rows] = await runReads(db, selectLiveOAuthClient(db, clientId))
    return rows
  })
  if (!found) throw invalidClient('unknown client')
  const client = found.row
  const keys = await clientKeys(c.env, client, header.kid)
  if ('problem' in keys) throw invalidClient(keys.problem)
  const key = keyFor(keys, header.alg, header.kid)
  if (!key) {
    throw invalidClient(
      header.kid === undefined
        ? `the assertion names no key (kid) and the client has no single ${header.alg} key`
        : `the client has no ${header.alg} key with kid ${JSON.stringify(header.kid)}`,
    )
  }
  if (!(await signatureVerifies(request.assertion, key, header.alg))) {
    throw invalidClient('the assertion signature does not verify')
  }
  const checked = checkClaims(claims, {
    audiences: [tokenEndpoint(c), oauthIssuer(c)],
    now: Math.floor(Date.now() / 1000),
  })
  if (!checked.ok) throw invalidClient(checked.problem)
  limiter.take('client', clientId, Date.now())

  const { jti, exp } = checked.value
  const stub = await writerOf(c.env, client.orgId)
  const keepUntil = exp + CLOCK_SKEW_SECONDS
  const issued = await unwrap(stub.issueAccessToken(client.orgId, { clientId, jti, keepUntil }))
  if (!issued.issued) {
    throw invalidClient(
      issued.reason === 'replayed' ? 'the assertion was already used (jti)' : 'unknown client',
    )
  }
  // RFC 6749 §5.1: the answer carries a credential: never stored by a cache.
  c.header('Cache-Control', 'no-store')
  c.header('Pragma', 'no-cache')
  return c.json({
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope: SCIM_SCOPE,
  })
}
