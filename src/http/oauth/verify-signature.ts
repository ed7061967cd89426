// Checking a client assertion's signature (RFC 7515 §5.2) with the client's public key, through
// jose on WebCrypto. The algorithm was already held to the allow-list (model/client-assertion.ts)
// and the key chosen for it (model/jwks.ts keyFor); jose is told to accept that one algorithm only.
import { compactVerify, errors, importJWK } from 'jose'
import type { AssertionAlgorithm, PublicJwk } from '../../model/jwks'

/** True when `jws` is signed by `key` with `alg`; false when it is not or the key is unusable. */
export async function signatureVerifies(
  jws: string,
  key: PublicJwk,
  alg: AssertionAlgorithm,
): Promise<boolean> {
  // Only the key material: WebCrypto refuses a JWK whose use/key_ops disagree with `verify`.
  const { kid: _kid, use: _use, key_ops: _ops, alg: _alg, ...material } = key
  try {
    const cryptoKey = await importJWK(material, alg)
    await compactVerify(jws, cryptoKey, { algorithms: [alg] })
    return true
  } catch (error) {
    // jose's own refusals, and WebCrypto's of key material that is not a valid public key.
    if (error instanceof errors.JOSEError || error instanceof DOMException) return false
    throw error
  }
}
