// Standard Webhooks signatures (standardwebhooks.com, "Signature scheme"): the secret is
// `whsec_` + base64 of random bytes; a delivery is signed with HMAC-SHA256 over
// "{webhook-id}.{webhook-timestamp}.{body}" and the header lists `v1,<base64 signature>` for each
// secret in use, space-separated — during a rotation's overlap the new and the old secret both
// sign, so a receiver holding either one verifies.

const PREFIX = 'whsec_'
/** 32 random bytes (the scheme asks for 24 to 64). */
const SECRET_BYTES = 32

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

export function mintWebhookSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
}

export function looksLikeWebhookSecret(secret: string): boolean {
  return secret.startsWith(PREFIX) && /^[A-Za-z0-9+/]{40,}={0,2}$/.test(secret.slice(PREFIX.length))
}

async function sign(secret: string, content: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(secret.slice(PREFIX.length)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))
}

/** The `webhook-signature` header value: one `v1,…` per secret, newest first. */
export async function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`)
  const signed = await Promise.all(secrets.map((secret) => sign(secret, content)))
  return signed.map((signature) => `v1,${signature}`).join(' ')
}
