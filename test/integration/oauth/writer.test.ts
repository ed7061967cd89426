// The org writer's side of the token endpoint, white-box: issuing and deleting race in its queue
// (group commit must never let a token outlive its client's deletion), and issuing tidies the
// client's long-expired tokens away.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../../src/do/client'
import { behindWriter } from '../../helpers/behind-writer'
import { createTestOrg, scim } from '../../helpers/api'
import { newKey, registerClient } from './client'

const later = () => Math.floor(Date.now() / 1000) + 300

async function orgWithClient() {
  const org = await createTestOrg()
  const client = await registerClient(org, { jwks: { keys: [(await newKey('ES256')).publicJwk] } })
  return { org, clientId: client.clientId, stub: orgWriterStub(env, org.orgId) }
}

describe('issuing access tokens in the org writer', () => {
  it('leaves no live token behind a deletion queued among issuances', async () => {
    const { org, clientId, stub } = await orgWithClient()
    const issue = () =>
      stub.issueAccessToken(org.orgId, { clientId, jti: crypto.randomUUID(), keepUntil: later() })
    // All sent at once, straight to the writer: they queue behind the first and share batches.
    const remove = () => stub.deleteOAuthClient(org.orgId, { operator: true }, clientId)
    const results = await Promise.all([issue(), issue(), issue(), remove(), issue(), issue()])
    expect(results[3]).toMatchObject({ ok: true, value: { tokensRevoked: 3 } })
    const answers = results.filter((_, i) => i !== 3).map((r) => r.ok && r.value)
    expect(answers.map((a) => a && 'issued' in a && a.issued)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ])
    const live = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM tokens WHERE client_id = ? AND revoked_at IS NULL',
    )
      .bind(clientId)
      .first<{ n: number }>()
    expect(live?.n).toBe(0)
    for (const r of results.slice(0, 3)) {
      if (r.ok && 'accessToken' in r.value) {
        expect((await scim('/Users', r.value.accessToken)).status).toBe(401)
      }
    }
  })

  it('spends a jti once, per client', async () => {
    const { org, clientId, stub } = await orgWithClient()
    const assertion = { clientId, jti: 'once', keepUntil: later() }
    expect(await stub.issueAccessToken(org.orgId, assertion)).toMatchObject({
      ok: true,
      value: { issued: true },
    })
    expect(await stub.issueAccessToken(org.orgId, assertion)).toMatchObject({
      ok: true,
      value: { issued: false, reason: 'replayed' },
    })
  })

  it('deletes the client’s tokens that expired more than a week ago when it gets a new one', async () => {
    const { org, clientId, stub } = await orgWithClient()
    const old = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString()
    const insert = (id: string, expiresAt: string) =>
      env.DB.prepare(
        `INSERT INTO tokens (id, org_id, kind, label, prefix, secret_hash, created_at, expires_at, client_id)
         VALUES (?, ?, 'scim', 'old', 'scim_x', ?, ?, ?, ?)`,
      ).bind(id, org.orgId, crypto.randomUUID(), expiresAt, expiresAt, clientId)
    await behindWriter(org.orgId, insert('gone', old(8)), insert('kept', old(6)))
    const issued = await stub.issueAccessToken(org.orgId, {
      clientId,
      jti: crypto.randomUUID(),
      keepUntil: later(),
    })
    expect(issued).toMatchObject({ ok: true, value: { issued: true } })
    const { results } = await env.DB.prepare(
      'SELECT id FROM tokens WHERE client_id = ? ORDER BY created_at',
    )
      .bind(clientId)
      .all<{ id: string }>()
    expect(results.map((r) => r.id)).toEqual(['kept', expect.any(String)])
  })
})
