// Pure: no I/O, no clock (`now`, in seconds, is a parameter). A client assertion: the JWT an OAuth
// client authenticates with at /oauth/token (RFC 7523 §2.2, `private_key_jwt`). Reading it before
// its signature is checked (which client, which key, which algorithm), and the rules its claims
// must meet once it is (RFC 7523 §3).
import { fromBase64url } from '../scim/base64url'
import { ASSERTION_ALGORITHMS, isAssertionAlgorithm, type AssertionAlgorithm } from './jwks'

/** Clocks of client and server may disagree by this much (RFC 7523 §3 items 4-6 allow "leeway"). */
export const CLOCK_SKEW_SECONDS = 30
/** An assertion may be valid for at most this long from now: it bounds how long its jti is kept. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300
export const MAX_ASSERTION_LENGTH = 16 * 1024
export const MAX_JTI_LENGTH = 256

export interface AssertionHeader {
  alg: AssertionAlgorithm
  kid?: string
}

export interface ReadAssertion {
  header: AssertionHeader
  /** Unverified until the signature is checked. */
  claims: Record<string, unknown>
  /** RFC 7523 §3 items 1-2: `iss` and `sub` are both the client_id. */
  clientId: string
}

/** The claims an assertion was accepted with. */
export interface AcceptedClaims {
  jti: string
  /** Seconds since the epoch: the jti is kept until then. */
  exp: number
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string }

const refuse = (problem: string): { ok: false; problem: string } => ({ ok: false, problem })

function jsonPart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(part)))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/**
 * Header and claims of a compact JWS (RFC 7515 §7.1), unverified, and the client it names; or why
 * it cannot be a client assertion. The algorithm is checked here, before any key is looked at.
 */
export function readAssertion(jwt: string): Checked<ReadAssertion> {
  if (jwt.length > MAX_ASSERTION_LENGTH) return refuse('client_assertion is too long')
  const parts = jwt.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    return refuse('client_assertion is not a compact JWS (header.payload.signature)')
  }
  const header = jsonPart(parts[0])
  const claims = jsonPart(parts[1])
  if (!header || !claims) return refuse('client_assertion has no JSON header or claims')
  if (!isAssertionAlgorithm(header.alg)) {
    return refuse(
      `alg ${JSON.stringify(header.alg ?? null)} is not accepted (${ASSERTION_ALGORITHMS.join(', ')})`,
    )
  }
  // RFC 7515 §4.1.11: an extension the recipient does not understand makes the JWS invalid.
  if (header.crit !== undefined) return refuse('crit header parameters are not supported')
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    return refuse('kid must be a string')
  }
  const { iss, sub } = claims
  if (typeof iss !== 'string' || iss === '' || iss !== sub) {
    return refuse('iss and sub must both be the client_id')
  }
  return {
    ok: true,
    value: { header: { alg: header.alg, kid: header.kid }, claims, clientId: iss },
  }
}

export interface ClaimsRules {
  /** What `aud` must contain one of: the token endpoint URL and the issuer identifier. */
  audiences: readonly string[]
  /** Seconds since the epoch. */
  now: number
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/**
 * RFC 7523 §3, for a signature already checked: `aud` names this server — its token endpoint
 * (item 3) or its issuer identifier (draft-ietf-oauth-rfc7523bis); `exp` is present, not past, and
 * at most MAX_ASSERTION_LIFETIME_SECONDS ahead (item 4); `nbf` and `iat`, when present, are not in
 * the future (items 5-6); `jti` is present (item 7, required here: replays are refused by it).
 * Each time allows CLOCK_SKEW_SECONDS.
 */
export function checkClaims(
  claims: Record<string, unknown>,
  rules: ClaimsRules,
): Checked<AcceptedClaims> {
  const { aud, exp, nbf, iat, jti } = claims
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : []
  if (!audiences.some((a) => rules.audiences.includes(a))) {
    return refuse(`aud must name this server: ${rules.audiences.join(' or ')}`)
  }
  if (!isTime(exp)) return refuse('exp is required')
  if (exp <= rules.now - CLOCK_SKEW_SECONDS) return refuse('the assertion has expired')
  if (exp > rules.now + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    return refuse(`exp is more than ${MAX_ASSERTION_LIFETIME_SECONDS} seconds ahead`)
  }
  if (nbf !== undefined && (!isTime(nbf) || nbf > rules.now + CLOCK_SKEW_SECONDS)) {
    return refuse('the assertion is not valid yet (nbf)')
  }
  if (iat !== undefined && (!isTime(iat) || iat > rules.now + CLOCK_SKEW_SECONDS)) {
    return refuse('the assertion was issued in the future (iat)')
  }
  if (typeof jti !== 'string' || jti === '' || jti.length > MAX_JTI_LENGTH) {
    return refuse(`jti is required (a unique string of at most ${MAX_JTI_LENGTH} characters)`)
  }
  return { ok: true, value: { jti, exp } }
}
