// Provisioning activity: SCIM writes and errors become entries, reads become per-minute counts,
// per token a summary — kept in the org's Durable Object, recorded after the response.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, OPERATOR_KEY, scim, type TestOrg } from '../../helpers/api'
import { JSON_BODY, patchBody, type Json } from '../../helpers/resources'
import { eventually } from '../webhooks/receiver'

const OKTA = 'Okta SCIM Client 1.0.0'

async function activity(org: TestOrg, query = ''): Promise<Json> {
  const res = await admin(`/orgs/${org.orgId}/activity?limit=100${query}`, org.adminKey)
  expect(res.status).toBe(200)
  return (await res.json()) as Json
}

async function summary(org: TestOrg): Promise<Json> {
  const res = await admin(`/orgs/${org.orgId}/activity/summary`, org.adminKey)
  expect(res.status).toBe(200)
  return (await res.json()) as Json
}

/** Waits until the flushed log has `n` entries (the Worker flushes about a second after). */
const entries = (org: TestOrg, n: number, query = '') =>
  eventually(async () => {
    const page = await activity(org, query)
    return page.data.length >= n ? (page.data as Json[]) : undefined
  }, `${n} activity entries`)

describe('provisioning activity', () => {
  it('a SCIM write is an entry: IdP, token, operation, resource, status, duration, request id', async () => {
    const org = await createTestOrg()
    const res = await scim('/Users', org.token, {
      method: 'POST',
      headers: { ...JSON_BODY, 'User-Agent': OKTA },
      body: JSON.stringify({ userName: 'act@x.test' }),
    })
    expect(res.status).toBe(201)
    const user = (await res.json()) as Json
    const [entry] = await entries(org, 1)
    expect(entry).toMatchObject({
      kind: 'write',
      idp: 'okta',
      tokenId: org.tokenId,
      tokenLabel: 'test scim',
      operation: 'POST /Users',
      resourceType: 'User',
      resourceId: user.id,
      status: 201,
      scimType: null,
      requestId: res.headers.get('X-Request-Id'),
    })
    expect(entry.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('errors are entries with their scimType; nothing of the request body or filter is kept', async () => {
    const org = await createTestOrg()
    const bad = await scim('/Users/nope', org.token, {
      method: 'PATCH',
      headers: JSON_BODY,
      body: JSON.stringify(patchBody({ op: 'explode', path: 'emails', value: 'secret@x.test' })),
    })
    expect(bad.status).toBe(400)
    const filter = encodeURIComponent('emails.value eq "private@x.test" and')
    expect((await scim(`/Users?filter=${filter}`, org.token)).status).toBe(400)
    const logged = await entries(org, 2)
    expect(logged.map((e) => [e.kind, e.operation, e.status, e.scimType])).toEqual([
      ['error', 'GET /Users', 400, 'invalidFilter'],
      ['error', 'PATCH /Users/{id}', 400, 'invalidSyntax'],
    ])
    expect(logged[1].resourceId).toBe('nope')
    expect(JSON.stringify(logged)).not.toMatch(/@x\.test/)
  })

  it('reads are counts per minute and token; the summary says when each token was last used', async () => {
    const org = await createTestOrg()
    const idle = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
      method: 'POST',
      json: { label: 'never used' },
    })
    const idleId = ((await idle.json()) as Json).token.id
    for (let i = 0; i < 3; i++) {
      const read = await scim('/Users?count=1', org.token, { headers: { 'User-Agent': OKTA } })
      expect(read.status).toBe(200)
    }
    expect((await scim('/Users/missing', org.token)).status).toBe(404)
    const s = await eventually(async () => {
      const got = await summary(org)
      const mine = got.tokens.find((t: Json) => t.tokenId === org.tokenId)
      return mine?.requests24h === 4 ? got : undefined
    }, 'the summary')
    // Three reads, in one minute or two (the clock may turn between them).
    expect(s.reads.reduce((n: number, r: Json) => n + r.count, 0)).toBe(3)
    for (const r of s.reads) {
      expect(r).toMatchObject({ tokenId: org.tokenId, idp: 'okta' })
      expect(r.minute).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/)
    }
    const mine = s.tokens.find((t: Json) => t.tokenId === org.tokenId)
    expect(mine).toMatchObject({ tokenLabel: 'test scim', requests24h: 4, errors24h: 1 })
    expect(Date.parse(mine.lastRequestAt)).toBeGreaterThan(Date.now() - 120_000)
    expect(s.tokens.find((t: Json) => t.tokenId === idleId)).toEqual({
      tokenId: idleId,
      tokenLabel: 'never used',
      lastRequestAt: null,
      lastIdp: null,
      requests24h: 0,
      errors24h: 0,
    })
    // Reads are not entries.
    expect((await activity(org)).data.map((e: Json) => e.status)).toEqual([404])
  })

  it('pages newest first to the end and filters by kind', async () => {
    const org = await createTestOrg('activity', { writesPerSecond: 10_000 })
    for (let i = 0; i < 5; i++) {
      await scim('/Users', org.token, {
        method: 'POST',
        headers: JSON_BODY,
        body: JSON.stringify({ userName: `p${i}@x.test` }),
      })
    }
    await scim('/Users', org.token, { method: 'POST', headers: JSON_BODY, body: '{' })
    await entries(org, 6)
    const seen: Json[] = []
    let after: string | null = null
    do {
      const page: Json = await activity(
        org,
        `&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      )
      seen.push(...page.data)
      after = page.next
    } while (after)
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => b - a))
    expect(seen).toHaveLength(6)
    expect(seen[0]).toMatchObject({ kind: 'error', status: 400 })
    expect((await activity(org, '&kind=error')).data).toHaveLength(1)
    expect((await activity(org, '&kind=write')).data).toHaveLength(5)
    const refused = await admin(`/orgs/${org.orgId}/activity?kind=reads`, org.adminKey)
    expect(refused.status).toBe(400)
  })

  it('who may read it: the operator and the org admin key; another org is 403', async () => {
    const [org, other] = [await createTestOrg(), await createTestOrg()]
    expect((await admin(`/orgs/${org.orgId}/activity`, OPERATOR_KEY)).status).toBe(200)
    expect((await admin(`/orgs/${org.orgId}/activity/summary`, OPERATOR_KEY)).status).toBe(200)
    expect((await admin(`/orgs/${org.orgId}/activity`, other.adminKey)).status).toBe(403)
    expect((await admin(`/orgs/${org.orgId}/activity/summary`, other.adminKey)).status).toBe(403)
    expect((await admin(`/orgs/${org.orgId}/activity`, org.token)).status).toBe(401)
    expect((await admin(`/orgs/no-such-org/activity`, OPERATOR_KEY)).status).toBe(404)
  })
})
