// Minting and hashing of bearer secrets. Raw secrets are returned once and never stored or logged:
// only their SHA-256 (the KV key) and a short display prefix are kept.
import type { CredentialKind } from '../env'

/** `scim_` for SCIM tokens, `scimadm_` for org admin keys: the two never work in each other's place. */
export const SECRET_PREFIX: Record<CredentialKind, string> = { scim: 'scim_', admin: 'scimadm_' }

/** 32 random bytes = 256 bits of entropy, base64url without padding (43 characters). */
const SECRET_BYTES = 32
const BODY_LENGTH = 43
const DISPLAY_CHARS = 6

export function mintSecret(kind: CredentialKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES))
  return SECRET_PREFIX[kind] + base64url(bytes)
}

/** What a well-formed secret of this kind looks like (checked before any lookup). */
export function looksLikeSecret(kind: CredentialKind, value: string): boolean {
  const prefix = SECRET_PREFIX[kind]
  return (
    value.startsWith(prefix) &&
    value.length === prefix.length + BODY_LENGTH &&
    /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length))
  )
}

/** Shown in token lists so an admin can tell tokens apart; reveals 36 of 256 bits. */
export function displayPrefix(secret: string): string {
  const kind = secret.startsWith(SECRET_PREFIX.admin) ? 'admin' : 'scim'
  return secret.slice(0, SECRET_PREFIX[kind].length + DISPLAY_CHARS)
}

export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Constant-time comparison of two secrets (compares their digests, so lengths never leak). */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([digest(a), digest(b)])
  return crypto.subtle.timingSafeEqual(da, db)
}

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
