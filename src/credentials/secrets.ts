// Minting and hashing of bearer secrets. Raw secrets are returned once and never stored or logged:
// only their SHA-256 (the KV key) and a short display prefix are kept.
import { base64url } from '../scim/base64url'

/**
 * A SCIM token (IdPs, /scim/v2), an org admin key (/admin/v1), a console session (the cookie a
 * portal link signs the console in with) or a portal link itself (single use, minutes): each is
 * valid only in its own place.
 */
export type CredentialKind = 'scim' | 'admin' | 'session' | 'portal'

/** The credential a request or a write acts with: its D1 row is the revocation guard. */
export interface Credential {
  tokenId: string
  kind: CredentialKind
}

export const SECRET_PREFIX: Record<CredentialKind, string> = {
  scim: 'scim_',
  admin: 'scimadm_',
  session: 'scimses_',
  portal: 'scimlnk_',
}

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
  const prefix = Object.values(SECRET_PREFIX)
    .filter((p) => secret.startsWith(p))
    .sort((a, b) => b.length - a.length)[0]
  return secret.slice(0, (prefix ?? '').length + DISPLAY_CHARS)
}

export async function sha256Hex(value: string): Promise<string> {
  const digest = await sha256(value)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Constant-time comparison of two secrets (compares their digests, so lengths never leak). */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([sha256(a), sha256(b)])
  return crypto.subtle.timingSafeEqual(da, db)
}

function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
}
