// Routing by shard: tenants on different shards never see each other; a SCIM request learns its
// org's shard from its token's KV record — no lookup, no extra round trip; a cursor from before a
// move is refused rather than misread.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError, OPERATOR_KEY, scim } from '../../helpers/api'
import { createUser, getJson } from '../../helpers/resources'
import { finished, startMove } from './move-helpers'

const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')

describe('tenants on different shards', () => {
  it('see only their own rows, by token, admin key and the operator’s directory', async () => {
    const a = await createTestOrg('Iso A', undefined, { shard: 'main' })
    const b = await createTestOrg('Iso B', undefined, { shard: 'second' })
    const ua = await createUser(a, 'same@iso.test')
    const ub = await createUser(b, 'same@iso.test')
    expect(ua.id).not.toBe(ub.id)
    for (const [org, own] of [
      [a, ua],
      [b, ub],
    ] as const) {
      const list = await getJson(org, '/Users?filter=userName eq "same@iso.test"')
      expect(list.totalResults).toBe(1)
      expect(list.Resources[0].id).toBe(own.id)
    }
    expect((await scim(`/Users/${ub.id}`, a.token)).status).toBe(404)
    expect((await scim(`/Users/${ua.id}`, b.token)).status).toBe(404)
    expect((await admin(`/orgs/${b.orgId}/users`, a.adminKey)).status).toBe(403)
    const directory = (await (await admin(`/orgs/${b.orgId}/users`, OPERATOR_KEY)).json()) as {
      data: { id: string }[]
    }
    expect(directory.data.map((u) => u.id)).toEqual([ub.id])
    const onMain = await env.DB.prepare('SELECT count(*) AS n FROM users WHERE org_id = ?')
      .bind(b.orgId)
      .first<{ n: number }>()
    expect(onMain!.n).toBe(0)
  })
})

describe("a SCIM request's shard", () => {
  it('comes from the token’s KV record: no lookup, one round trip', async () => {
    const org = await createTestOrg('Routed by record', undefined, { shard: 'second' })
    const user = await createUser(org, 'routed@shard.test')
    const key = `token:${await sha256(org.token)}`
    let record: { placement?: { shard: string } } | null = null
    for (let i = 0; i < 50 && !record?.placement; i++) {
      await scim(`/Users/${user.id}`, org.token)
      record = await env.TOKENS.get(key, 'json')
    }
    expect(record?.placement).toEqual({ shard: 'second', jurisdiction: null })
    // With the control database's placement made wrong, requests still go where the record says:
    // they never consult it.
    await env.DB.prepare("UPDATE org_placements SET shard = 'eu' WHERE org_id = ?")
      .bind(org.orgId)
      .run()
    try {
      for (let i = 0; i < 3; i++) {
        const res = await scim(`/Users/${user.id}`, org.token)
        expect(res.status).toBe(200)
        expect(res.headers.get('X-IO-Trips')).toMatch(/(^|;)d1=1(;|$)/)
      }
    } finally {
      await env.DB.prepare("UPDATE org_placements SET shard = 'second' WHERE org_id = ?")
        .bind(org.orgId)
        .run()
    }
  })
})

describe('cursors across a move', () => {
  it('a SCIM cursor or directory cursor from before the move is refused; new ones work', async () => {
    const org = await createTestOrg('Cursor mover')
    for (let i = 0; i < 4; i++) await createUser(org, `cursor${i}@move.test`)
    const first = await getJson(org, '/Users?cursor=&count=2')
    expect(first.nextCursor).toBeTruthy()
    const dir = (await (await admin(`/orgs/${org.orgId}/users?limit=2`, OPERATOR_KEY)).json()) as {
      next: string
    }
    expect(dir.next).toBeTruthy()

    expect((await startMove(org, 'second')).status).toBe(202)
    expect((await finished(org)).phase).toBe('done')

    const stale = await scim(
      `/Users?cursor=${encodeURIComponent(first.nextCursor)}&count=2`,
      org.token,
    )
    await expectScimError(stale, 400, 'expiredCursor')
    const staleDir = await admin(
      `/orgs/${org.orgId}/users?limit=2&after=${encodeURIComponent(dir.next)}`,
      OPERATOR_KEY,
    )
    expect(staleDir.status).toBe(400)

    const again = await getJson(org, '/Users?cursor=&count=2')
    const next = await getJson(org, `/Users?cursor=${encodeURIComponent(again.nextCursor)}&count=2`)
    expect(
      [...again.Resources, ...next.Resources].map((u: { userName: string }) => u.userName),
    ).toEqual(['cursor0@move.test', 'cursor1@move.test', 'cursor2@move.test', 'cursor3@move.test'])
  })
})
