// Registering, listing and deleting an org's OAuth clients (admin API), what the server
// advertises (RFC 8414 metadata, /ServiceProviderConfig), and what deleting a client does to its
// access tokens and the events feed.
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, ORIGIN, scim } from '../../helpers/api'
import { accessToken, newKey, registerClient } from './client'

async function expectAdminError(res: Response, status: number, message: RegExp) {
  const body = (await res.json()) as { error: { status: number; message: string } }
  expect({ status: res.status, error: body.error.status }).toEqual({ status, error: status })
  expect(body.error.message).toMatch(message)
}

describe('the authorization server metadata (RFC 8414)', () => {
  it('names the issuer, the token endpoint and what it accepts', async () => {
    const res = await call('/.well-known/oauth-authorization-server')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      issuer: ORIGIN,
      token_endpoint: `${ORIGIN}/oauth/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      scopes_supported: ['scim'],
      response_types_supported: [],
    })
  })

  it('builds its URLs from the origin the client used', async () => {
    const res = await fetchOther('http://127.0.0.1:8787/.well-known/oauth-authorization-server')
    expect(await res.json()).toMatchObject({
      issuer: 'http://127.0.0.1:8787',
      token_endpoint: 'http://127.0.0.1:8787/oauth/token',
    })
  })

  it('lists the OAuth scheme in /ServiceProviderConfig beside the static token', async () => {
    const org = await createTestOrg()
    const res = await scim('/ServiceProviderConfig', org.token)
    const { authenticationSchemes } = (await res.json()) as {
      authenticationSchemes: Record<string, unknown>[]
    }
    expect(authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'oauthbearertoken', primary: true }),
      {
        type: 'oauthbearertoken',
        name: 'OAuth 2.0 client credentials',
        description: expect.stringContaining('private_key_jwt'),
        specUri: 'https://www.rfc-editor.org/rfc/rfc6749',
        documentationUri: `${ORIGIN}/.well-known/oauth-authorization-server`,
      },
    ])
  })
})

/** A request to another origin, through the same Worker. */
const fetchOther = (url: string) => exports.default.fetch(new Request(url))

describe('registering OAuth clients', () => {
  it('registers inline keys, lists them and shows a summary of each (never the material)', async () => {
    const org = await createTestOrg()
    const [ec, rsa] = await Promise.all([newKey('ES256', 'e1'), newKey('PS256', 'r1')])
    const client = await registerClient(org, {
      jwks: { keys: [ec.publicJwk, { ...rsa.publicJwk, alg: 'PS256' }] },
    })
    expect(client).toEqual({
      clientId: expect.any(String),
      orgId: org.orgId,
      name: 'Test IdP',
      keys: [
        { kid: 'e1', kty: 'EC', alg: null, crv: 'P-256' },
        { kid: 'r1', kty: 'RSA', alg: 'PS256', crv: null },
      ],
      createdAt: expect.any(String),
    })
    const uri = await registerClient(org, { jwksUri: 'https://idp.example.com/jwks.json' }, 'B')
    expect(uri).toMatchObject({ name: 'B', jwksUri: 'https://idp.example.com/jwks.json' })
    expect(uri).not.toHaveProperty('keys')
    const list = await admin(`/orgs/${org.orgId}/oauth-clients`, org.adminKey)
    expect(await list.json()).toEqual({ data: [client, uri] })
  })

  it('deletes a client (204), then 404s it', async () => {
    const org = await createTestOrg()
    const client = await registerClient(org, { jwksUri: 'https://idp.example.com/jwks.json' })
    const path = `/orgs/${org.orgId}/oauth-clients/${client.clientId}`
    const deleted = await admin(path, org.adminKey, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    await expectAdminError(await admin(path, org.adminKey, { method: 'DELETE' }), 404, /not found/)
    const list = await admin(`/orgs/${org.orgId}/oauth-clients`, org.adminKey)
    expect(await list.json()).toEqual({ data: [] })
  })

  it('does not delete another org’s client through its own org', async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const theirs = await registerClient(other, { jwksUri: 'https://idp.example.com/jwks.json' })
    const res = await admin(`/orgs/${own.orgId}/oauth-clients/${theirs.clientId}`, own.adminKey, {
      method: 'DELETE',
    })
    await expectAdminError(res, 404, /not found/)
    const list = await admin(`/orgs/${other.orgId}/oauth-clients`, other.adminKey)
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1)
  })

  it('revokes every access token of a deleted client, on the next request', async () => {
    const org = await createTestOrg()
    const key = await newKey('ES256')
    const client = await registerClient(org, { jwks: { keys: [key.publicJwk] } })
    const tokens = [
      await accessToken(key, client.clientId),
      await accessToken(key, client.clientId),
    ]
    for (const t of tokens) expect((await scim('/Users', t.access_token)).status).toBe(200)
    const path = `/orgs/${org.orgId}/oauth-clients/${client.clientId}`
    expect((await admin(path, org.adminKey, { method: 'DELETE' })).status).toBe(204)
    for (const t of tokens) expect((await scim('/Users', t.access_token)).status).toBe(401)
    // The org's static token is not the client's: it keeps working.
    expect((await scim('/Users', org.token)).status).toBe(200)

    const feed = await admin(
      `/orgs/${org.orgId}/events?types=oauth_client.created,oauth_client.deleted`,
      org.adminKey,
    )
    const { data } = (await feed.json()) as {
      data: { type: string; data: Record<string, unknown> }[]
    }
    expect(data.map((e) => [e.type, e.data.clientId, e.data.tokensRevoked])).toEqual([
      ['oauth_client.created', client.clientId, undefined],
      ['oauth_client.deleted', client.clientId, 2],
    ])
  })

  it('caps the clients of an org', async () => {
    const org = await createTestOrg()
    const body = { name: 'c', jwksUri: 'https://idp.example.com/jwks.json' }
    const path = `/orgs/${org.orgId}/oauth-clients`
    for (let i = 0; i < 25; i++) {
      expect((await admin(path, org.adminKey, { method: 'POST', json: body })).status).toBe(201)
    }
    await expectAdminError(
      await admin(path, org.adminKey, { method: 'POST', json: body }),
      409,
      /at most 25/,
    )
  })
})

describe('a registration that is refused (400)', () => {
  it.each([
    ['neither jwks nor jwksUri', async () => ({ name: 'x' }), /exactly one of jwks and jwksUri/],
    [
      'both jwks and jwksUri',
      async () => ({
        name: 'x',
        jwks: { keys: [(await newKey('ES256')).publicJwk] },
        jwksUri: 'https://idp.example.com/jwks',
      }),
      /exactly one/,
    ],
    [
      'a private key',
      async () => {
        const { generateKeyPair, exportJWK } = await import('jose')
        const pair = await generateKeyPair('ES256', { extractable: true })
        return { name: 'x', jwks: { keys: [await exportJWK(pair.privateKey)] } }
      },
      /jwks\.keys\.0: holds private key members \(d\)/,
    ],
    [
      'a symmetric key',
      async () => ({ name: 'x', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }),
      /kty must be EC/,
    ],
    [
      'a P-384 key',
      async () => ({ name: 'x', jwks: { keys: [(await newKey('ES384')).publicJwk] } }),
      /P-256/,
    ],
    [
      'two keys without kids',
      async () => ({
        name: 'x',
        jwks: { keys: [(await newKey('ES256')).publicJwk, (await newKey('ES256')).publicJwk] },
      }),
      /needs a kid/,
    ],
    ['an empty JWKS', async () => ({ name: 'x', jwks: { keys: [] } }), /jwks\.keys/],
    [
      'a jwksUri over http',
      async () => ({ name: 'x', jwksUri: 'http://idp.example.com/j' }),
      /https/,
    ],
    [
      'a private jwksUri',
      async () => ({ name: 'x', jwksUri: 'https://10.1.2.3/j' }),
      /public host/,
    ],
    [
      'a cloud metadata jwksUri',
      async () => ({ name: 'x', jwksUri: 'https://169.254.169.254/latest' }),
      /public host/,
    ],
    [
      'an internal name',
      async () => ({ name: 'x', jwksUri: 'https://vault.internal/j' }),
      /public/,
    ],
    ['no name', async () => ({ jwksUri: 'https://idp.example.com/j' }), /name/],
    [
      'an unknown member',
      async () => ({ name: 'x', jwksUri: 'https://idp.example.com/j', secret: 's' }),
      /secret/,
    ],
  ])('%s', async (_case, body, message) => {
    const org = await createTestOrg()
    const res = await admin(`/orgs/${org.orgId}/oauth-clients`, org.adminKey, {
      method: 'POST',
      json: await body(),
    })
    await expectAdminError(res, 400, message)
  })
})
