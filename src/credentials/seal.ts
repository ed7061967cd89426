// Sealing: AES-256-GCM under a key derived (HKDF-SHA256) from a deployment secret, one key per
// purpose, with associated data binding the sealed value to its owner. Two uses:
// - opaque cursors, SCIM's (RFC 9865 §2: a cursor is opaque to the client) and the directory's
//   `next`: a payload (scim/cursor.ts, directory/cursor.ts) holds a global insertion seq and maybe a
//   sort key; sealed under the operator secret with the caller's org as associated data, it reveals
//   nothing (no seq, no count of other orgs' rows) and opens only for that org. A cursor from
//   before a change of the operator secret, or from another org, fails.
// - webhook signing secrets at rest (WEBHOOK_SECRETS_KEY, the webhook's id as associated data):
//   HMAC signing needs the secret itself, so unlike tokens it cannot be kept as a hash;
// - security event token signing keys (WEBHOOK_SECRETS_KEY, the key id as associated data).
import { base64url, fromBase64url } from '../scim/base64url'
import { invalidCursor } from '../scim/errors'

type Purpose = 'scim-edge cursor v1' | 'scim-edge webhook secret v1' | 'scim-edge set key v1'

const IV_BYTES = 12
const keys = new Map<string, Promise<CryptoKey>>()

function sealingKey(secret: string, purpose: Purpose): Promise<CryptoKey> {
  const id = `${purpose}\n${secret}`
  let key = keys.get(id)
  if (!key) {
    const encoder = new TextEncoder()
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(purpose) },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      )
    if (keys.size > 8) keys.clear()
    keys.set(id, key)
  }
  return key
}

async function seal(secret: string, purpose: Purpose, owner: string, text: string) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(owner) },
    await sealingKey(secret, purpose),
    new TextEncoder().encode(text),
  )
  const out = new Uint8Array(IV_BYTES + sealed.byteLength)
  out.set(iv)
  out.set(new Uint8Array(sealed), IV_BYTES)
  return base64url(out)
}

/** The sealed text, or null when it was not sealed with this secret, purpose and owner. */
async function open(secret: string, purpose: Purpose, owner: string, sealed: string) {
  try {
    const bytes = fromBase64url(sealed)
    const opened = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.slice(0, IV_BYTES),
        additionalData: new TextEncoder().encode(owner),
      },
      await sealingKey(secret, purpose),
      bytes.slice(IV_BYTES),
    )
    return new TextDecoder().decode(opened)
  } catch {
    return null
  }
}

export const sealCursor = (secret: string, orgId: string, payload: string) =>
  seal(secret, 'scim-edge cursor v1', orgId, payload)

export async function openCursor(secret: string, orgId: string, token: string): Promise<string> {
  const opened = await open(secret, 'scim-edge cursor v1', orgId, token)
  if (opened === null) {
    throw invalidCursor('The cursor is not one this server issued for this organization.')
  }
  return opened
}

export const sealWebhookSecret = (key: string, webhookId: string, secret: string) =>
  seal(key, 'scim-edge webhook secret v1', webhookId, secret)

/** Null when the stored secret does not open (WEBHOOK_SECRETS_KEY changed since it was sealed). */
export const openWebhookSecret = (key: string, webhookId: string, sealed: string) =>
  open(key, 'scim-edge webhook secret v1', webhookId, sealed)

/** SET signing keys at rest (credentials/set-signing.ts): the key id as associated data. */
export const sealSigningKey = (key: string, kid: string, jwk: string) =>
  seal(key, 'scim-edge set key v1', kid, jwk)

export const openSigningKey = (key: string, kid: string, sealed: string) =>
  open(key, 'scim-edge set key v1', kid, sealed)
