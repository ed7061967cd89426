// Which keys an OAuth client may register (public, of an allowed kind, bounded), what is kept of
// them, which keys of a fetched set are used, and which key checks an assertion.
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  fetchedJwks,
  jwksSchema,
  keyFor,
  keySummary,
  MAX_JWKS_BYTES,
  type PublicJwk,
} from '../../../src/model/jwks'

const keys: Record<'ec' | 'ecPrivate' | 'rsa' | 'rsaPrivate' | 'ed' | 'p384' | 'rsa1024', JWK> =
  {} as never

beforeAll(async () => {
  const pair = (alg: string) => generateKeyPair(alg, { extractable: true })
  const [ec, rsa, ed, p384] = await Promise.all([
    pair('ES256'),
    pair('RS256'),
    pair('EdDSA'),
    pair('ES384'),
  ])
  // jose will not make a key this weak; WebCrypto will.
  const rsa1024 = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair
  keys.ec = await exportJWK(ec.publicKey)
  keys.ecPrivate = await exportJWK(ec.privateKey)
  keys.rsa = await exportJWK(rsa.publicKey)
  keys.rsaPrivate = await exportJWK(rsa.privateKey)
  keys.ed = await exportJWK(ed.publicKey)
  keys.p384 = await exportJWK(p384.publicKey)
  keys.rsa1024 = await exportJWK(rsa1024.publicKey)
})

const problems = (input: unknown) => {
  const parsed = jwksSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('an inline JWK Set', () => {
  it.each([
    ['an EC P-256 key', () => [keys.ec]],
    ['an RSA key marked RS256', () => [{ ...keys.rsa, alg: 'RS256', use: 'sig' }]],
    ['an RSA key marked PS256', () => [{ ...keys.rsa, alg: 'PS256' }]],
    ['an Ed25519 key', () => [{ ...keys.ed, key_ops: ['verify'] }]],
    [
      'three keys with kids',
      () => [
        { ...keys.ec, kid: 'a' },
        { ...keys.rsa, kid: 'b' },
        { ...keys.ed, kid: 'c' },
      ],
    ],
  ])('accepts %s', (_case, set) => {
    expect(problems({ keys: set() })).toEqual([])
  })

  it('keeps the public members only', () => {
    const parsed = jwksSchema.parse({ keys: [{ ...keys.ec, kid: 'k', x5c: ['MIIB…'], ext: true }] })
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      keys: [{ kty: 'EC', crv: 'P-256', x: keys.ec.x, y: keys.ec.y, kid: 'k' }],
    })
  })

  it.each([
    ['an EC private key', () => [keys.ecPrivate], /keys\.0: holds private key members \(d\)/],
    ['an RSA private key', () => [keys.rsaPrivate], /private key members \(d, p, q, dp, dq, qi\)/],
    ['a symmetric key', () => [{ kty: 'oct', k: 'c2VjcmV0' }], /kty must be EC/],
    ['a P-384 key', () => [keys.p384], /P-256/],
    ['a 1024-bit RSA key', () => [keys.rsa1024], /keys\.0\.n/],
    ['an EC key marked HS256', () => [{ ...keys.ec, alg: 'HS256' }], /ES256/],
    ['an RSA key marked RS384', () => [{ ...keys.rsa, alg: 'RS384' }], /RS256 or PS256/],
    ['an encryption key', () => [{ ...keys.ec, use: 'enc' }], /use "sig"/],
    ['key_ops without verify', () => [{ ...keys.ec, key_ops: ['encrypt'] }], /verify/],
    ['x not base64url', () => [{ ...keys.ec, x: `${keys.ec.x!.slice(0, 42)}+` }], /base64url/],
    ['no keys', () => [], /keys/],
    [
      'eleven keys',
      () => Array.from({ length: 11 }, (_, i) => ({ ...keys.ec, kid: `k${i}` })),
      /keys/,
    ],
    ['two keys without kids', () => [keys.ec, keys.ed], /needs a kid/],
    [
      'two keys with one kid',
      () => [
        { ...keys.ec, kid: 'a' },
        { ...keys.ed, kid: 'a' },
      ],
      /unique/,
    ],
    [
      'more than the size bound',
      () =>
        Array.from({ length: 10 }, (_, i) => ({
          ...keys.ec,
          kid: `k${i}`,
          x5c: ['A'.repeat(MAX_JWKS_BYTES / 10)],
        })),
      /at most 65536 bytes/,
    ],
  ])('refuses %s', (_case, set, problem) => {
    expect(problems({ keys: set() }).join('; ')).toMatch(problem)
  })

  it('refuses a set that is not one', () => {
    expect(problems([keys.ec])).not.toEqual([])
    expect(problems({ keys: keys.ec })).not.toEqual([])
  })
})

describe('a fetched JWK Set', () => {
  it('uses the keys it can and skips the others (RFC 7517 §5)', () => {
    const doc = {
      keys: [{ ...keys.ec, kid: 'a' }, { ...keys.ec, kid: 'e', use: 'enc' }, keys.p384, 'x'],
    }
    const kept = fetchedJwks(doc)
    expect('keys' in kept && kept.keys.map((k) => k.kid)).toEqual(['a'])
  })

  it.each([
    ['private key members', () => ({ keys: [keys.ec, keys.ecPrivate] }), /private key members/],
    ['a symmetric key', () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }), /private key members/],
    ['no keys array', () => ({ keys: 'x' }), /not a JWK Set/],
    ['not an object', () => 'x', /not a JWK Set/],
  ])('refuses a document with %s', (_case, doc, problem) => {
    const result = fetchedJwks(doc())
    expect('problem' in result ? result.problem : 'accepted').toMatch(problem)
  })
})

describe('keyFor', () => {
  const ec = (kid?: string) => ({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid }) as PublicJwk
  const rsa = (kid?: string, alg?: 'RS256' | 'PS256') =>
    ({ kty: 'RSA', n: 'n', e: 'AQAB', kid, alg }) as PublicJwk

  it('takes the key the kid names, if it fits the algorithm', () => {
    const set = [ec('a'), rsa('b')]
    expect(keyFor(set, 'RS256', 'b')?.kid).toBe('b')
    expect(keyFor(set, 'ES256', 'b')).toBeNull()
    expect(keyFor(set, 'ES256', 'c')).toBeNull()
  })

  it('without a kid, takes the only key that fits', () => {
    expect(keyFor([ec(), rsa()], 'PS256')?.kty).toBe('RSA')
    expect(keyFor([ec('a'), ec('b')], 'ES256')).toBeNull()
    expect(keyFor([ec()], 'EdDSA')).toBeNull()
  })

  it('honours a key’s own alg', () => {
    expect(keyFor([rsa('r', 'PS256')], 'RS256', 'r')).toBeNull()
    expect(keyFor([rsa('r', 'PS256')], 'PS256', 'r')?.kid).toBe('r')
  })

  it('summarizes a key without its material', () => {
    expect(keySummary(rsa('r', 'PS256'))).toEqual({ kid: 'r', kty: 'RSA', alg: 'PS256', crv: null })
    expect(keySummary(ec())).toEqual({ kid: null, kty: 'EC', alg: null, crv: 'P-256' })
  })
})
