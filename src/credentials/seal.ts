// Opaque cursors: SCIM's (RFC 9865 §2: a cursor is opaque to the client) and the directory's
// `next`. A payload (scim/cursor.ts, directory/cursor.ts) holds a global insertion seq and maybe a
// sort key; sealed with AES-GCM under a key derived from the operator secret, with the caller's
// org as associated data, it reveals nothing (no seq, no count of other orgs' rows) and opens only
// for that org. A cursor from before a change of the operator secret, or from another org, fails.
import { base64url, fromBase64url } from '../scim/base64url'
import { invalidCursor } from '../scim/errors'

const IV_BYTES = 12
const keys = new Map<string, Promise<CryptoKey>>()

/** AES-256-GCM key: HKDF-SHA256 of the operator secret, for cursors only. */
function cursorKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    const encoder = new TextEncoder()
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: new Uint8Array(0),
            info: encoder.encode('scim-edge cursor v1'),
          },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      )
    if (keys.size > 4) keys.clear()
    keys.set(secret, key)
  }
  return key
}

export async function sealCursor(secret: string, orgId: string, payload: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(orgId) },
    await cursorKey(secret),
    new TextEncoder().encode(payload),
  )
  const out = new Uint8Array(IV_BYTES + sealed.byteLength)
  out.set(iv)
  out.set(new Uint8Array(sealed), IV_BYTES)
  return base64url(out)
}

export async function openCursor(secret: string, orgId: string, token: string): Promise<string> {
  try {
    const bytes = fromBase64url(token)
    const opened = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.slice(0, IV_BYTES),
        additionalData: new TextEncoder().encode(orgId),
      },
      await cursorKey(secret),
      bytes.slice(IV_BYTES),
    )
    return new TextDecoder().decode(opened)
  } catch {
    throw invalidCursor('The cursor is not one this server issued for this organization.')
  }
}
