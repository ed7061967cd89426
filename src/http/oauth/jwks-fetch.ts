// Fetching an OAuth client's JWK Set from its jwks_uri, for the token endpoint. The URL must pass
// the webhook URL policy (https to a public host; model/webhook-policy.ts) when fetched as when
// registered; redirects are not followed; the answer must be a 200 of at most MAX_JWKS_BYTES,
// complete within the time bound.
import type { Bindings } from '../../env'
import { fetchedJwks, MAX_JWKS_BYTES, type PublicJwk } from '../../model/jwks'
import { webhookUrlProblem } from '../../model/webhook-policy'
import { webhookConfig } from '../../webhooks/config'
import { readBounded, utf8 } from '../bounded-read'

export const DEFAULT_JWKS_TIMEOUT_MS = 5000

export interface FetchedKeys {
  keys: PublicJwk[]
  /** The answer's Cache-Control header, for the cache to read its max-age. */
  cacheControl: string | null
}

export type JwksFetcher = (url: string) => Promise<FetchedKeys | { problem: string }>

/** The fetcher as this deployment is configured (WEBHOOK_ALLOW_LOCAL, JWKS_FETCH_TIMEOUT_MS). */
export function jwksFetcher(env: Bindings): JwksFetcher {
  const allowLocal = webhookConfig(env).allowLocal
  const configured = Number(env.JWKS_FETCH_TIMEOUT_MS)
  const timeoutMs =
    Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_JWKS_TIMEOUT_MS
  return (url) => fetchJwks(url, allowLocal, timeoutMs)
}

async function fetchJwks(url: string, allowLocal: boolean, timeoutMs: number) {
  const refused = webhookUrlProblem(url, allowLocal)
  if (refused) return { problem: `jwks_uri is refused: ${refused}` }
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: { Accept: 'application/jwk-set+json, application/json' },
    })
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel()
      return { problem: `jwks_uri answered ${response.status}` }
    }
    const tooLarge = { problem: `the JWK Set at jwks_uri exceeds ${MAX_JWKS_BYTES} bytes` }
    if (Number(response.headers.get('Content-Length')) > MAX_JWKS_BYTES) {
      await response.body.cancel()
      return tooLarge
    }
    const bytes = await readBounded(response.body, MAX_JWKS_BYTES)
    if (!bytes) return tooLarge
    const text = utf8(bytes)
    let doc: unknown
    try {
      doc = text === null ? null : JSON.parse(text)
    } catch {
      doc = null
    }
    const jwks = fetchedJwks(doc)
    if ('problem' in jwks) return { problem: `jwks_uri: ${jwks.problem}` }
    return { keys: jwks.keys, cacheControl: response.headers.get('Cache-Control') }
  } catch {
    if (signal.aborted) return { problem: `jwks_uri did not answer within ${timeoutMs} ms` }
    return { problem: 'jwks_uri could not be fetched' }
  }
}
