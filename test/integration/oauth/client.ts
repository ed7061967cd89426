// An OAuth client as a SCIM client runs it, for the token endpoint tests: keys made here with
// jose, registered through the admin API, assertions signed with them (RFC 7523 §2.2), token
// requests as forms; and the loopback JWKS server (test/fixtures/jwks-server.ts).
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'
import { expect, inject } from 'vitest'
import { admin, call, ORIGIN, type TestOrg } from '../../helpers/api'

export const TOKEN_URL = `${ORIGIN}/oauth/token`
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

export interface TestKey {
  alg: 'ES256' | 'RS256' | 'PS256' | 'EdDSA' | 'ES384'
  kid?: string
  privateKey: CryptoKey
  publicJwk: JWK
}

export async function newKey(alg: TestKey['alg'], kid?: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), ...(kid ? { kid } : {}) }
  return { alg, kid, privateKey, publicJwk }
}

export interface RegisteredClient {
  clientId: string
  orgId: string
  name: string
  jwksUri?: string
  keys?: { kid: string | null; kty: string; alg: string | null; crv: string | null }[]
  createdAt: string
}

export async function registerClient(
  org: TestOrg,
  keys: { jwks: { keys: JWK[] } } | { jwksUri: string },
  name = 'Test IdP',
): Promise<RegisteredClient> {
  const res = await admin(`/orgs/${org.orgId}/oauth-clients`, org.adminKey, {
    method: 'POST',
    json: { name, ...keys },
  })
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`)
  return (await res.json()) as RegisteredClient
}

const now = () => Math.floor(Date.now() / 1000)

/** A client assertion for `clientId`, valid by default; `claims` and `header` override. */
export function assertion(
  key: TestKey,
  clientId: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const payload = {
    iss: clientId,
    sub: clientId,
    aud: TOKEN_URL,
    iat: now(),
    exp: now() + 60,
    jti: crypto.randomUUID(),
    ...claims,
  }
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) delete payload[name as keyof typeof payload]
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, ...(key.kid ? { kid: key.kid } : {}), ...header })
    .sign(key.privateKey)
}

/** The JWT with its header replaced (its signature then no longer matches, which is the point). */
export function withHeader(jwt: string, header: Record<string, unknown>): string {
  const [, payload, signature] = jwt.split('.')
  return `${base64url.encode(JSON.stringify(header))}.${payload}.${signature}`
}

/** POST /oauth/token with these form parameters (a list, so a test can repeat one). */
export function tokenRequest(
  params: Record<string, string> | [string, string][],
  headers: Record<string, string> = {},
): Promise<Response> {
  return call('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  })
}

/** The form of a well-made request carrying `jwt`. */
export const grantWith = (jwt: string, extra: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_assertion_type: JWT_BEARER,
  client_assertion: jwt,
  ...extra,
})

export interface TokenAnswer {
  access_token: string
  token_type: string
  expires_in: number
  scope: string
}

/** An access token for the client, through the token endpoint. */
export async function accessToken(key: TestKey, clientId: string): Promise<TokenAnswer> {
  const res = await tokenRequest(grantWith(await assertion(key, clientId)))
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`)
  return (await res.json()) as TokenAnswer
}

/** RFC 6749 §5.2: the status, `error`, a description, JSON, never cached. */
export async function expectOAuthError(res: Response, status: number, error: string) {
  const body = (await res.json()) as { error: string; error_description: string }
  expect({ status: res.status, error: body.error }).toEqual({ status, error })
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.headers.get('Cache-Control')).toBe('no-store')
  expect(typeof body.error_description).toBe('string')
  return body
}

export interface Publication {
  body: string
  cacheControl?: string
  delayMs?: number
}

/** Publishes a document on the JWKS server; returns its URL. */
export async function publishJwks(doc: Publication): Promise<{ url: string; name: string }> {
  const name = crypto.randomUUID()
  const url = `${inject('jwksServer')}/jwks/${name}`
  const res = await fetch(url, { method: 'PUT', body: JSON.stringify(doc) })
  expect(res.status).toBe(204)
  return { url, name }
}

export async function republishJwks(name: string, doc: Publication): Promise<void> {
  const url = `${inject('jwksServer')}/jwks/${name}`
  expect((await fetch(url, { method: 'PUT', body: JSON.stringify(doc) })).status).toBe(204)
}

export async function fetchesOf(name: string): Promise<number> {
  const res = await fetch(`${inject('jwksServer')}/fetches/${name}`)
  return ((await res.json()) as { fetches: number }).fetches
}
