// Pure: no I/O. The public keys an OAuth client signs its assertions with (RFC 7517 JWK Sets):
// which keys are accepted, the form they are kept in, and which one checks a given assertion.
import { z } from 'zod'

/**
 * Signature algorithms accepted on client assertions: asymmetric only (RFC 7518 §3.3-3.5, RFC 8037
 * §3.1). Never `none` (RFC 7518 §3.6: unsigned) and never HS* (a MAC key is a shared secret, not a
 * public key a client can register).
 */
export const ASSERTION_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const
export type AssertionAlgorithm = (typeof ASSERTION_ALGORITHMS)[number]

export const isAssertionAlgorithm = (alg: unknown): alg is AssertionAlgorithm =>
  (ASSERTION_ALGORITHMS as readonly unknown[]).includes(alg)

/** Keys one client may register inline. */
export const MAX_JWKS_KEYS = 10
/** Largest JWK Set accepted, inline or fetched from a jwks_uri (bytes of JSON). */
export const MAX_JWKS_BYTES = 64 * 1024

/**
 * Members only a private or symmetric key has (RFC 7518 §6.2.2 EC `d`, §6.3.2 RSA, §6.4.1 `k`;
 * RFC 8037 §2 OKP `d`): a JWKS holding any of them is refused, never trimmed.
 */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

const b64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')

const common = {
  kid: z.string().min(1).max(200).optional(),
  use: z.literal('sig', 'a key for signatures (use "sig")').optional(),
  key_ops: z
    .array(z.string())
    .refine((ops) => ops.includes('verify'), 'key_ops must allow "verify"')
    .optional(),
}

/** P-256 (RFC 7518 §6.2.1): 32-byte coordinates, 43 base64url characters. */
const ecKey = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256', 'only P-256 (ES256)'),
  x: b64url(43, 43),
  y: b64url(43, 43),
  alg: z.literal('ES256', 'an EC key signs ES256').optional(),
  ...common,
})

/** RSA (RFC 7518 §6.3.1): a 2048- to 4096-bit modulus (342 to 683 base64url characters). */
const rsaKey = z.looseObject({
  kty: z.literal('RSA'),
  n: b64url(342, 683),
  e: b64url(1, 8),
  alg: z.enum(['RS256', 'PS256'], 'an RSA key signs RS256 or PS256').optional(),
  ...common,
})

/** Ed25519 (RFC 8037 §2): a 32-byte public key. */
const okpKey = z.looseObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519', 'only Ed25519 (EdDSA)'),
  x: b64url(43, 43),
  alg: z.literal('EdDSA', 'an Ed25519 key signs EdDSA').optional(),
  ...common,
})

const keyKinds = z.discriminatedUnion('kty', [ecKey, rsaKey, okpKey], {
  error: 'kty must be EC (P-256), RSA or OKP (Ed25519)',
})

type KeyKinds = z.output<typeof keyKinds>

/** What is kept of a key: the members above (x5c, x5t and the like are dropped). */
function publicPart(key: KeyKinds) {
  const common = { kid: key.kid, use: key.use, key_ops: key.key_ops }
  switch (key.kty) {
    case 'EC':
      return { kty: key.kty, crv: key.crv, x: key.x, y: key.y, alg: key.alg, ...common }
    case 'RSA':
      return { kty: key.kty, n: key.n, e: key.e, alg: key.alg, ...common }
    case 'OKP':
      return { kty: key.kty, crv: key.crv, x: key.x, alg: key.alg, ...common }
  }
}

export type PublicJwk = ReturnType<typeof publicPart>

const hasPrivateMembers = (key: object) => PRIVATE_MEMBERS.filter((m) => m in key)

/**
 * A set as sent: no private key members in any key, at most MAX_JWKS_BYTES in all, and — with
 * more than one key — each naming itself (kid), once, so an assertion can say which it used.
 */
function checkKeySet(keys: readonly KeyKinds[], ctx: z.RefinementCtx) {
  keys.forEach((key, i) => {
    const found = hasPrivateMembers(key)
    if (found.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `holds private key members (${found.join(', ')}): register the public key only`,
      })
    }
  })
  if (JSON.stringify(keys).length > MAX_JWKS_BYTES) {
    ctx.addIssue({ code: 'custom', message: `a JWK Set is at most ${MAX_JWKS_BYTES} bytes` })
  }
  if (keys.length < 2) return
  const kids = keys.map((k) => k.kid)
  if (kids.some((kid) => kid === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'every key of a set of several needs a kid' })
  } else if (new Set(kids).size !== kids.length) {
    ctx.addIssue({ code: 'custom', message: 'kids must be unique' })
  }
}

/** An inline JWK Set (RFC 7517 §5), as the admin API takes it; kept as its keys' public parts. */
export const jwksSchema = z
  .object({
    keys: z
      .array(keyKinds)
      .min(1)
      .max(MAX_JWKS_KEYS)
      .superRefine(checkKeySet)
      .transform((keys) => keys.map(publicPart)),
  })
  .meta({
    id: 'Jwks',
    description: `Public keys (RFC 7517): EC P-256, RSA 2048-4096 or Ed25519; at most ${MAX_JWKS_KEYS}.`,
  })

export interface PublicJwks {
  keys: PublicJwk[]
}

/**
 * The usable keys of a document fetched from a jwks_uri, or why it is refused. Keys of a kind this
 * server does not use (another kty or curve, `use: "enc"`) are skipped, as RFC 7517 §5 asks; a
 * document holding private key material is refused whole.
 */
export function fetchedJwks(doc: unknown): PublicJwks | { problem: string } {
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as PublicJwks).keys)) {
    return { problem: 'the document is not a JWK Set (no "keys" array)' }
  }
  const keys: PublicJwk[] = []
  for (const key of (doc as { keys: unknown[] }).keys) {
    if (typeof key !== 'object' || key === null) continue
    if (hasPrivateMembers(key).length > 0) {
      return { problem: 'the JWK Set holds private key members' }
    }
    const parsed = keyKinds.safeParse(key)
    if (parsed.success) keys.push(publicPart(parsed.data))
  }
  return { keys }
}

/** What the admin API shows of a key: enough to tell keys apart, nothing more. */
export interface KeySummary {
  kid: string | null
  kty: PublicJwk['kty']
  alg: AssertionAlgorithm | null
  crv: string | null
}

export const keySummary = (key: PublicJwk): KeySummary => ({
  kid: key.kid ?? null,
  kty: key.kty,
  alg: key.alg ?? null,
  crv: 'crv' in key ? key.crv : null,
})

const fits = (key: PublicJwk, alg: AssertionAlgorithm): boolean => {
  if (key.alg !== undefined && key.alg !== alg) return false
  switch (key.kty) {
    case 'EC':
      return alg === 'ES256'
    case 'RSA':
      return alg === 'RS256' || alg === 'PS256'
    case 'OKP':
      return alg === 'EdDSA'
  }
}

/**
 * The key that checks an assertion signed with `alg`: the one its `kid` names, or — without a kid
 * — the only key that fits the algorithm (RFC 7515 §4.1.4: kid is a hint; with one key none is
 * needed). Null when none does, or when several would.
 */
export function keyFor(
  keys: readonly PublicJwk[],
  alg: AssertionAlgorithm,
  kid?: string,
): PublicJwk | null {
  const named = kid === undefined ? keys : keys.filter((k) => k.kid === kid)
  const fitting = named.filter((k) => fits(k, alg))
  return fitting.length === 1 ? fitting[0] : null
}
