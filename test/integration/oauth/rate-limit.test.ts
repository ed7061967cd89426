// The token endpoint's rate limits (per isolate): per address, every request; per client, each
// request whose assertion verifies. Beyond them: 429 temporarily_unavailable with Retry-After.
import { describe, expect, it } from 'vitest'
import { createTestOrg } from '../../helpers/api'
import {
  assertion,
  expectOAuthError,
  grantWith,
  newKey,
  registerClient,
  tokenRequest,
} from './client'
import { TOKEN_LIMITS } from '../../../src/http/oauth/token-limit'

/** Sends requests until one is refused with 429 (at most `max`); returns it and how many passed. */
async function untilLimited(send: () => Promise<Response>, max: number) {
  for (let sent = 0; sent < max; sent++) {
    const res = await send()
    if (res.status === 429) return { res, passed: sent }
    await res.body?.cancel()
  }
  throw new Error(`no 429 in ${max} requests`)
}

describe('token endpoint rate limits', () => {
  it('limits an address, whatever it sends', async () => {
    const address = { 'CF-Connecting-IP': `198.51.100.${Math.floor(Math.random() * 250)}` }
    const { res, passed } = await untilLimited(() => tokenRequest({}, address), 1000)
    expect(passed).toBeGreaterThanOrEqual(TOKEN_LIMITS.address.capacity)
    await expectOAuthError(res, 429, 'temporarily_unavailable')
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    // Another address is not limited by it.
    expect((await tokenRequest({}, { 'CF-Connecting-IP': '203.0.113.9' })).status).toBe(400)
  })

  it('limits a client, and only that client', async () => {
    const org = await createTestOrg()
    const key = await newKey('ES256')
    const [busy, quiet] = [
      await registerClient(org, { jwks: { keys: [key.publicJwk] } }),
      await registerClient(org, { jwks: { keys: [key.publicJwk] } }),
    ]
    const ask = async (clientId: string) =>
      tokenRequest(grantWith(await assertion(key, clientId)), {
        'CF-Connecting-IP': crypto.randomUUID(),
      })
    const { res, passed } = await untilLimited(() => ask(busy.clientId), 100)
    expect(passed).toBeGreaterThanOrEqual(TOKEN_LIMITS.client.capacity)
    await expectOAuthError(res, 429, 'temporarily_unavailable')
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect((await ask(quiet.clientId)).status).toBe(200)
  })
})
