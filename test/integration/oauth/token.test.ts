// POST /oauth/token: the client_credentials grant with private_key_jwt (RFC 6749 §4.4, RFC 7523
// §2.2), end to end on the real Worker — and every way a token request is refused (RFC 6749 §5.2,
// RFC 7521 §4.2.1: a bad client assertion is invalid_client).
import { env } from 'cloudflare:workers'
import { SignJWT, base64url } from 'jose'
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, ORIGIN, scim } from '../../helpers/api'
import {
  accessToken,
  assertion,
  expectOAuthError,
  grantWith,
  JWT_BEARER,
  newKey,
  registerClient,
  tokenRequest,
  withHeader,
  type TestKey,
} from './client'

/** Off the control database: the client id is found by asking every shard. */
async function orgWithClient(alg: TestKey['alg'] = 'ES256', kid?: string) {
  const org = await createTestOrg('OAuth org', undefined, { shard: 'second' })
  const key = await newKey(alg, kid)
  const client = await registerClient(org, { jwks: { keys: [key.publicJwk] } })
  return { org, key, clientId: client.clientId }
}

const now = () => Math.floor(Date.now() / 1000)

describe('the token endpoint issues access tokens', () => {
  it.each(['ES256', 'RS256', 'PS256', 'EdDSA'] as const)(
    'a %s client gets a token that works on /scim/v2 until the client is deleted',
    async (alg) => {
      const { org, key, clientId } = await orgWithClient(alg)
      const res = await tokenRequest(grantWith(await assertion(key, clientId)))
      expect(res.status).toBe(200)
      expect(res.headers.get('Cache-Control')).toBe('no-store')
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toEqual({
        access_token: expect.stringMatching(/^scim_/),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'scim',
      })
      const token = body.access_token as string
      expect((await scim('/Users', token)).status).toBe(200)

      const deleted = await admin(`/orgs/${org.orgId}/oauth-clients/${clientId}`, org.adminKey, {
        method: 'DELETE',
      })
      expect(deleted.status).toBe(204)
      expect((await scim('/Users', token)).status).toBe(401)
    },
  )

  it('keeps the access token as a SCIM token row: hashed, expiring in an hour, linked to its client', async () => {
    const { org, key, clientId } = await orgWithClient()
    const { access_token } = await accessToken(key, clientId)
    const row = await env.SHARD_2.prepare(
      'SELECT kind, client_id, expires_at, created_at, secret_hash FROM tokens WHERE org_id = ? AND client_id = ?',
    )
      .bind(org.orgId, clientId)
      .first<Record<string, string>>()
    expect(row).toMatchObject({ kind: 'scim', client_id: clientId })
    expect(Date.parse(row!.expires_at) - Date.parse(row!.created_at)).toBe(3600_000)
    expect(row!.secret_hash).not.toContain(access_token.slice(5))
    // The org's own token list shows the tokens its admins minted, not the clients' access tokens.
    const listed = (await (await admin(`/orgs/${org.orgId}/tokens`, org.adminKey)).json()) as {
      tokens: { id: string; clientId: string | null }[]
    }
    expect(listed.tokens.map((t) => t.clientId)).toEqual([null])
  })

  it('takes scope=scim and the client_id parameter naming the same client', async () => {
    const { key, clientId } = await orgWithClient()
    const jwt = await assertion(key, clientId)
    const res = await tokenRequest(grantWith(jwt, { scope: 'scim', client_id: clientId }))
    expect(res.status).toBe(200)
  })

  it('accepts the issuer identifier as aud, alone or in a list', async () => {
    const { key, clientId } = await orgWithClient()
    for (const aud of [ORIGIN, ['https://elsewhere.test', ORIGIN]]) {
      const res = await tokenRequest(grantWith(await assertion(key, clientId, { aud })))
      expect(res.status).toBe(200)
    }
  })

  it('picks the key by kid among several', async () => {
    const org = await createTestOrg()
    const [a, b] = await Promise.all([newKey('ES256', 'a'), newKey('RS256', 'b')])
    const client = await registerClient(org, { jwks: { keys: [a.publicJwk, b.publicJwk] } })
    expect((await tokenRequest(grantWith(await assertion(b, client.clientId)))).status).toBe(200)
    expect((await tokenRequest(grantWith(await assertion(a, client.clientId)))).status).toBe(200)
  })

  it('scopes the token to the client’s own org', async () => {
    const own = await createTestOrg()
    const { org: other, key, clientId } = await orgWithClient()
    const created = await scim('/Users', own.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada@own.test',
      }),
    })
    expect(created.status).toBe(201)
    const { access_token } = await accessToken(key, clientId)
    const list = (await (await scim('/Users', access_token)).json()) as { totalResults: number }
    expect(list.totalResults).toBe(0)
    expect(other.orgId).not.toBe(own.orgId)
  })
})

describe('a client assertion is used once', () => {
  it('refuses a replayed jti', async () => {
    const { key, clientId } = await orgWithClient()
    const jwt = await assertion(key, clientId)
    expect((await tokenRequest(grantWith(jwt))).status).toBe(200)
    const body = await expectOAuthError(await tokenRequest(grantWith(jwt)), 401, 'invalid_client')
    expect(body.error_description).toMatch(/already used/)
  })

  it('lets exactly one of concurrent requests with the same jti through', async () => {
    const { key, clientId } = await orgWithClient()
    const jwt = await assertion(key, clientId)
    const answers = await Promise.all(Array.from({ length: 6 }, () => tokenRequest(grantWith(jwt))))
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401, 401])
  })

  it('keeps jtis per client: another client may use the same one', async () => {
    const org = await createTestOrg()
    const key = await newKey('ES256')
    const first = await registerClient(org, { jwks: { keys: [key.publicJwk] } })
    const second = await registerClient(org, { jwks: { keys: [key.publicJwk] } })
    const jti = crypto.randomUUID()
    for (const client of [first, second]) {
      const jwt = await assertion(key, client.clientId, { jti })
      expect((await tokenRequest(grantWith(jwt))).status).toBe(200)
    }
  })
})

describe('client assertions that are refused (401 invalid_client)', () => {
  const claimsOf = (id: string) => ({
    iss: id,
    sub: id,
    aud: `${ORIGIN}/oauth/token`,
    exp: now() + 60,
    jti: crypto.randomUUID(),
  })
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value))
  // [case, the assertion, what error_description must say]
  const refusals: [string, (k: TestKey, id: string) => Promise<string>, RegExp][] = [
    ['iss is not the client', (k, id) => assertion(k, id, { iss: 'other' }), /iss and sub/],
    ['sub is not the client', (k, id) => assertion(k, id, { sub: 'other' }), /iss and sub/],
    [
      'no iss or sub',
      (k, id) => assertion(k, id, { iss: undefined, sub: undefined }),
      /iss and sub/,
    ],
    ['an unknown client', (k) => assertion(k, crypto.randomUUID()), /unknown client/],
    ['aud of another server', (k, id) => assertion(k, id, { aud: 'https://x.test/t' }), /aud/],
    ['no aud', (k, id) => assertion(k, id, { aud: undefined }), /aud/],
    ['expired', (k, id) => assertion(k, id, { exp: now() - 120, iat: now() - 180 }), /expired/],
    ['no exp', (k, id) => assertion(k, id, { exp: undefined }), /exp is required/],
    ['exp too far ahead', (k, id) => assertion(k, id, { exp: now() + 3600 }), /300 seconds/],
    ['nbf in the future', (k, id) => assertion(k, id, { nbf: now() + 120 }), /nbf/],
    ['iat in the future', (k, id) => assertion(k, id, { iat: now() + 120 }), /iat/],
    ['no jti', (k, id) => assertion(k, id, { jti: undefined }), /jti is required/],
    ['an empty jti', (k, id) => assertion(k, id, { jti: '' }), /jti is required/],
    [
      'a kid the client does not have',
      (k, id) => assertion(k, id, {}, { kid: 'nope' }),
      /no ES256 key with kid "nope"/,
    ],
    [
      'an alg the key is not for',
      async (k, id) => withHeader(await assertion(k, id), { alg: 'RS256' }),
      /no single RS256 key/,
    ],
    [
      'a crit header',
      async (k, id) => withHeader(await assertion(k, id), { alg: 'ES256', crit: ['x'], x: 1 }),
      /crit/,
    ],
    [
      'a signature by another key (not in the JWKS)',
      async (_k, id) => assertion(await newKey('ES256'), id),
      /signature does not verify/,
    ],
    [
      'a tampered signature',
      async (k, id) => {
        const [h, p, s] = (await assertion(k, id)).split('.')
        return `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`
      },
      /signature does not verify/,
    ],
    [
      'tampered claims',
      async (k, id) => {
        const [h, , s] = (await assertion(k, id)).split('.')
        return `${h}.${encode(claimsOf(id))}.${s}`
      },
      /signature does not verify/,
    ],
    [
      'alg none',
      async (_k, id) => `${encode({ alg: 'none' })}.${encode(claimsOf(id))}.`,
      /alg "none" is not accepted/,
    ],
    [
      'HS256 (a shared secret)',
      async (_k, id) =>
        new SignJWT(claimsOf(id))
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!')),
      /alg "HS256" is not accepted/,
    ],
    [
      'ES384 (not on the allow-list)',
      async (_k, id) => assertion(await newKey('ES384'), id),
      /alg "ES384" is not accepted/,
    ],
    ['not a JWT', async () => 'not-a-jwt', /not a compact JWS/],
    ['a JWT of JSON arrays', async () => `${encode([])}.${encode([])}.x`, /no JSON header/],
  ]

  it.each(refusals)('%s', async (_case, make, description) => {
    const { key, clientId } = await orgWithClient()
    const res = await tokenRequest(grantWith(await make(key, clientId)))
    const body = await expectOAuthError(res, 401, 'invalid_client')
    expect(body.error_description).toMatch(description)
  })

  it('refuses a deleted client', async () => {
    const { org, key, clientId } = await orgWithClient()
    const path = `/orgs/${org.orgId}/oauth-clients/${clientId}`
    expect((await admin(path, org.adminKey, { method: 'DELETE' })).status).toBe(204)
    await expectOAuthError(
      await tokenRequest(grantWith(await assertion(key, clientId))),
      401,
      'invalid_client',
    )
  })

  it('refuses a client_id parameter naming another client', async () => {
    const { key, clientId } = await orgWithClient()
    const jwt = await assertion(key, clientId)
    const res = await tokenRequest(grantWith(jwt, { client_id: crypto.randomUUID() }))
    await expectOAuthError(res, 401, 'invalid_client')
  })

  it('refuses a key without kid when the client has several', async () => {
    const org = await createTestOrg()
    const [a, b] = await Promise.all([newKey('ES256', 'a'), newKey('ES256', 'b')])
    const client = await registerClient(org, { jwks: { keys: [a.publicJwk, b.publicJwk] } })
    const jwt = await assertion({ ...a, kid: undefined }, client.clientId)
    await expectOAuthError(await tokenRequest(grantWith(jwt)), 401, 'invalid_client')
  })
})

describe('token requests that are refused before the assertion', () => {
  const jwt = 'eyJhbGciOiJFUzI1NiJ9.e30.x'
  it.each([
    [
      'an unsupported grant_type',
      { ...grantWith(jwt), grant_type: 'password' },
      400,
      'unsupported_grant_type',
    ],
    [
      'no grant_type',
      { client_assertion_type: JWT_BEARER, client_assertion: jwt },
      400,
      'invalid_request',
    ],
    [
      'no client_assertion_type',
      { grant_type: 'client_credentials', client_assertion: jwt },
      400,
      'invalid_request',
    ],
    [
      'no client_assertion',
      { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER },
      400,
      'invalid_request',
    ],
    ['no client authentication', { grant_type: 'client_credentials' }, 401, 'invalid_client'],
    [
      'another assertion type',
      { ...grantWith(jwt), client_assertion_type: 'urn:x' },
      401,
      'invalid_client',
    ],
    ['a client_secret as well', { ...grantWith(jwt), client_secret: 's' }, 400, 'invalid_request'],
    ['scope admin', grantWith(jwt, { scope: 'admin' }), 400, 'invalid_scope'],
    ['scope scim admin', grantWith(jwt, { scope: 'scim admin' }), 400, 'invalid_scope'],
    ['an empty scope', grantWith(jwt, { scope: '' }), 400, 'invalid_scope'],
  ])('%s', async (_case, form, status, error) => {
    await expectOAuthError(await tokenRequest(form), status, error)
  })

  it('refuses a repeated parameter', async () => {
    const form = [...Object.entries(grantWith(jwt)), ['grant_type', 'client_credentials']] as [
      string,
      string,
    ][]
    await expectOAuthError(await tokenRequest(form), 400, 'invalid_request')
  })

  it.each([
    ['JSON', 'application/json', JSON.stringify(grantWith(jwt))],
    ['text/plain', 'text/plain', new URLSearchParams(grantWith(jwt)).toString()],
    ['a form of JSON', 'application/x-www-form-urlencoded', JSON.stringify(grantWith(jwt))],
    ['an empty form', 'application/x-www-form-urlencoded', ''],
    ['a body that is not UTF-8', 'application/x-www-form-urlencoded', new Uint8Array([0xff, 0xfe])],
    ['a body over 32 KiB', 'application/x-www-form-urlencoded', `grant_type=${'x'.repeat(40_000)}`],
  ])('refuses %s', async (_case, type, body) => {
    const res = await call('/oauth/token', {
      method: 'POST',
      headers: type ? { 'Content-Type': type } : {},
      body,
    })
    await expectOAuthError(res, 400, 'invalid_request')
  })

  it('answers another method with 405 in OAuth’s shape', async () => {
    const res = await call('/oauth/token')
    await expectOAuthError(res, 405, 'invalid_request')
    expect(res.headers.get('Allow')).toBe('POST')
  })
})
