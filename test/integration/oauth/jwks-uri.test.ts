// Clients whose keys live at an https jwks_uri (here the loopback JWKS server, allowed by
// WEBHOOK_ALLOW_LOCAL in tests): fetched when needed, cached, and bounded in size and time.
import { describe, expect, it } from 'vitest'
import { createTestOrg, scim } from '../../helpers/api'
import {
  assertion,
  expectOAuthError,
  fetchesOf,
  grantWith,
  newKey,
  publishJwks,
  registerClient,
  republishJwks,
  tokenRequest,
} from './client'

async function clientAt(doc: { body: string; cacheControl?: string; delayMs?: number }) {
  const org = await createTestOrg()
  const published = await publishJwks(doc)
  const client = await registerClient(org, { jwksUri: published.url })
  return { org, ...published, clientId: client.clientId }
}

describe('a jwks_uri client', () => {
  it('gets tokens; its set is fetched once and reused', async () => {
    const key = await newKey('RS256', 'a')
    const { name, clientId } = await clientAt({ body: JSON.stringify({ keys: [key.publicJwk] }) })
    expect(await fetchesOf(name)).toBe(0) // registering does not fetch
    const first = await tokenRequest(grantWith(await assertion(key, clientId)))
    expect(first.status).toBe(200)
    const { access_token } = (await first.json()) as { access_token: string }
    expect((await scim('/Users', access_token)).status).toBe(200)
    expect((await tokenRequest(grantWith(await assertion(key, clientId)))).status).toBe(200)
    expect(await fetchesOf(name)).toBe(1)
  })

  it('does not fetch again at once for a kid the set lacks', async () => {
    const [a, b] = await Promise.all([newKey('ES256', 'a'), newKey('ES256', 'b')])
    const { name, clientId } = await clientAt({ body: JSON.stringify({ keys: [a.publicJwk] }) })
    expect((await tokenRequest(grantWith(await assertion(a, clientId)))).status).toBe(200)
    await republishJwks(name, { body: JSON.stringify({ keys: [a.publicJwk, b.publicJwk] }) })
    const body = await expectOAuthError(
      await tokenRequest(grantWith(await assertion(b, clientId))),
      401,
      'invalid_client',
    )
    expect(body.error_description).toMatch(/no ES256 key with kid "b"/)
    expect(await fetchesOf(name)).toBe(0) // the republished document was not fetched
  })

  it('uses the keys of a set it can and skips an encryption key', async () => {
    const key = await newKey('ES256', 'sig')
    const enc = { ...(await newKey('ES256', 'enc')).publicJwk, use: 'enc' }
    const { clientId } = await clientAt({ body: JSON.stringify({ keys: [enc, key.publicJwk] }) })
    expect((await tokenRequest(grantWith(await assertion(key, clientId)))).status).toBe(200)
  })

  it.each([
    [
      'larger than 64 KiB',
      async () => {
        const key = await newKey('ES256')
        return { body: JSON.stringify({ keys: [key.publicJwk], pad: 'x'.repeat(70_000) }) }
      },
      /exceeds 65536 bytes/,
    ],
    [
      'slower than the time bound',
      async () => ({ body: JSON.stringify({ keys: [] }), delayMs: 3000 }),
      /did not answer within 1000 ms/,
    ],
    [
      'holding a private key',
      async () => {
        const { generateKeyPair, exportJWK } = await import('jose')
        const pair = await generateKeyPair('ES256', { extractable: true })
        return { body: JSON.stringify({ keys: [await exportJWK(pair.privateKey)] }) }
      },
      /private key members/,
    ],
    ['not JSON', async () => ({ body: '<html>' }), /not a JWK Set/],
  ])('refuses a set %s (401 invalid_client)', async (_case, doc, problem) => {
    const key = await newKey('ES256')
    const { clientId } = await clientAt(await doc())
    const res = await tokenRequest(grantWith(await assertion(key, clientId)))
    const body = await expectOAuthError(res, 401, 'invalid_client')
    expect(body.error_description).toMatch(problem)
  })

  it('refuses when the jwks_uri answers 404', async () => {
    const org = await createTestOrg()
    const { url } = await publishJwks({ body: '{}' })
    const client = await registerClient(org, { jwksUri: `${url}-missing` })
    const key = await newKey('ES256')
    const res = await tokenRequest(grantWith(await assertion(key, client.clientId)))
    const body = await expectOAuthError(res, 401, 'invalid_client')
    expect(body.error_description).toMatch(/answered 404/)
  })
})
