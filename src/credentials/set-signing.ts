// Signing Security Event Tokens: JWS compact serialization (RFC 7515) with ES256 (RFC 7518 §3.4:
// ECDSA P-256 SHA-256, the signature as r‖s — exactly what WebCrypto returns), header typ
// `secevent+jwt` (RFC 8417 §2.3). Keys are service-wide; the private JWK is kept sealed
// (seal.ts) and the public one is published as a JWKS.
import { base64url } from '../scim/base64url'
import { openSigningKey, sealSigningKey } from './seal'

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const

export interface NewSigningKey {
  kid: string
  publicJwk: JsonWebKey & { kid: string; alg: 'ES256'; use: 'sig' }
  privateSealed: string
}

/** A fresh ES256 key pair: its id, public JWK, and private JWK sealed under `sealKey`. */
export async function newSigningKey(sealKey: string): Promise<NewSigningKey> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const kid = crypto.randomUUID()
  const pub = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey
  const priv = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey
  const { kty, crv, x, y } = pub
  return {
    kid,
    publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' },
    privateSealed: await sealSigningKey(sealKey, kid, JSON.stringify(priv)),
  }
}

const imported = new Map<string, Promise<CryptoKey>>()

/** Signs `claims` as a SET with the key `kid` (its sealed private JWK). */
export async function signSet(
  sealKey: string,
  kid: string,
  privateSealed: string,
  claims: object,
): Promise<string> {
  let key = imported.get(kid)
  if (!key) {
    key = openSigningKey(sealKey, kid, privateSealed).then((jwk) => {
      if (jwk === null)
        throw new Error(`signing key ${kid} does not open with this WEBHOOK_SECRETS_KEY`)
      return crypto.subtle.importKey('jwk', JSON.parse(jwk) as JsonWebKey, ALGORITHM, false, [
        'sign',
      ])
    })
    key.catch(() => imported.delete(kid))
    if (imported.size > 16) imported.clear()
    imported.set(kid, key)
  }
  const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)))
  const input = `${encode({ alg: 'ES256', typ: 'secevent+jwt', kid })}.${encode(claims)}`
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    await key,
    new TextEncoder().encode(input),
  )
  return `${input}.${base64url(new Uint8Array(signature))}`
}
