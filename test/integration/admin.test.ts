// Admin API authorization matrix and validation: operator vs org admin key (own org, other org),
// SCIM token, no credential. Errors are JSON {"error":{status,message}}.
import { describe, expect, it } from 'vitest'
import { admin, call, createTestOrg, OPERATOR_KEY } from '../helpers/api'

async function expectAdminError(res: Response, status: number, message?: RegExp) {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  const body = (await res.json()) as { error: { status: number; message: string } }
  expect(body.error.status).toBe(status)
  if (message) expect(body.error.message).toMatch(message)
}

describe('admin API authorization', () => {
  type Who = 'operator' | 'own admin key' | 'other org admin key' | 'scim token' | 'none'
  const credential = (
    who: Who,
    own: { adminKey: string; token: string },
    other: { adminKey: string },
  ) =>
    ({
      operator: OPERATOR_KEY,
      'own admin key': own.adminKey,
      'other org admin key': other.adminKey,
      'scim token': own.token,
      none: '',
    })[who]

  // [route, method, expected status per caller]
  const matrix: [string, string, Record<Who, number>][] = [
    [
      '/orgs',
      'GET',
      {
        operator: 200,
        'own admin key': 403,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/tokens',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/settings',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/shards',
      'GET',
      {
        operator: 200,
        'own admin key': 403,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/roles',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/entitlements',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/oauth-clients',
      'GET',
      {
        operator: 200,
        'own admin key': 200,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/oauth-clients/no-such-client',
      'DELETE',
      {
        operator: 404,
        'own admin key': 404,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
    [
      '/orgs/:org/admin-keys',
      'GET',
      {
        operator: 200,
        'own admin key': 403,
        'other org admin key': 403,
        'scim token': 401,
        none: 401,
      },
    ],
  ]

  it.each(
    matrix.flatMap(([route, method, expected]) =>
      (Object.keys(expected) as Who[]).map((who) => [route, method, who, expected[who]] as const),
    ),
  )(
    '%s %s as %s → %i (the org on shard second, the other on eu)',
    async (route, method, who, status) => {
      // Off the control database, and the other org on a third shard: every route routes by org.
      const own = await createTestOrg('Own', undefined, { shard: 'second' })
      const other = await createTestOrg('Other', undefined, { shard: 'eu' })
      const key = credential(who, own, other)
      const res = await call(`/admin/v1${route.replace(':org', own.orgId)}`, {
        method,
        headers: key ? { Authorization: `Bearer ${key}` } : {},
      })
      if (status === 200) expect(res.status).toBe(200)
      else await expectAdminError(res, status)
    },
  )

  it('only the operator creates orgs', async () => {
    const own = await createTestOrg()
    await expectAdminError(
      await admin('/orgs', own.adminKey, { method: 'POST', json: { name: 'x' } }),
      403,
    )
    const res = await admin('/orgs', OPERATOR_KEY, { method: 'POST', json: { name: 'Acme' } })
    expect(res.status).toBe(201)
    const org = (await res.json()) as {
      id: string
      settings: { roleValues: string[]; groupPolicy: string }
    }
    expect(org.settings).toMatchObject({
      groupPolicy: 'full',
      roleValues: ['member', 'team_admin', 'org_admin'],
    })
  })

  it('refuses a wrong operator key', async () => {
    await expectAdminError(await admin('/orgs', `${OPERATOR_KEY}x`, {}), 401)
  })

  it('an org admin key cannot mint tokens in another org', async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const res = await admin(`/orgs/${other.orgId}/tokens`, own.adminKey, {
      method: 'POST',
      json: { label: 'x' },
    })
    await expectAdminError(res, 403, /another organization/)
  })

  it('an org admin key cannot register OAuth clients in another org', async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const res = await admin(`/orgs/${other.orgId}/oauth-clients`, own.adminKey, {
      method: 'POST',
      json: { name: 'x', jwksUri: 'https://idp.example.com/jwks' },
    })
    await expectAdminError(res, 403, /another organization/)
  })

  it('a revoked admin key stops working on the next request', async () => {
    const own = await createTestOrg()
    const revoke = await admin(`/orgs/${own.orgId}/admin-keys/${own.adminKeyId}`, OPERATOR_KEY, {
      method: 'DELETE',
    })
    expect(revoke.status).toBe(200)
    await expectAdminError(await admin(`/orgs/${own.orgId}/tokens`, own.adminKey), 401)
  })
})

describe('admin API tokens', () => {
  it('lists tokens with prefix, label and dates, never the secret or its hash', async () => {
    const org = await createTestOrg()
    const res = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey)
    const body = (await res.json()) as { tokens: Record<string, unknown>[] }
    expect(body.tokens).toHaveLength(1)
    expect(body.tokens[0]).toMatchObject({ id: org.tokenId, label: 'test scim', kind: 'scim' })
    expect(org.token.startsWith(body.tokens[0].prefix as string)).toBe(true)
    expect(JSON.stringify(body)).not.toContain(org.token)
    expect(body.tokens[0]).not.toHaveProperty('secretHash')
  })

  it('creates a token with an expiry and refuses an expiry in the past', async () => {
    const org = await createTestOrg()
    const expiresAt = new Date(Date.now() + 3600_000).toISOString()
    const ok = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
      method: 'POST',
      json: { label: 'ci', expiresAt },
    })
    expect(ok.status).toBe(201)
    expect(((await ok.json()) as { token: { expiresAt: string } }).token.expiresAt).toBe(expiresAt)
    const past = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
      method: 'POST',
      json: { label: 'ci', expiresAt: '2001-01-01T00:00:00Z' },
    })
    await expectAdminError(past, 400, /future/)
  })

  it.each([
    ['a missing label', {}],
    ['an empty label', { label: '' }],
    ['an unknown field', { label: 'x', scope: 'all' }],
    ['a malformed expiry', { label: 'x', expiresAt: 'tomorrow' }],
  ])('400 for %s', async (_case, json) => {
    const org = await createTestOrg()
    await expectAdminError(
      await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, { method: 'POST', json }),
      400,
    )
  })

  it('400 for malformed JSON and 415 for a non-JSON body', async () => {
    const org = await createTestOrg()
    const path = `/orgs/${org.orgId}/tokens`
    const headers = { 'Content-Type': 'application/json' }
    await expectAdminError(
      await admin(path, org.adminKey, { method: 'POST', body: '{', headers }),
      400,
    )
    await expectAdminError(
      await admin(path, org.adminKey, {
        method: 'POST',
        body: 'label=x',
        headers: { 'Content-Type': 'text/plain' },
      }),
      415,
    )
  })

  it('rotating or revoking an unknown token is 404', async () => {
    const org = await createTestOrg()
    const id = crypto.randomUUID()
    await expectAdminError(
      await admin(`/orgs/${org.orgId}/tokens/${id}`, org.adminKey, { method: 'DELETE' }),
      404,
    )
    await expectAdminError(
      await admin(`/orgs/${org.orgId}/tokens/${id}/rotate`, org.adminKey, {
        method: 'POST',
        json: {},
      }),
      404,
    )
  })

  it('rotating a token already rotated (in its overlap) is 409 naming its successor; nothing is minted', async () => {
    const org = await createTestOrg()
    const first = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}/rotate`, org.adminKey, {
      method: 'POST',
      json: { overlapSeconds: 3600 },
    })
    expect(first.status).toBe(201)
    const successor = ((await first.json()) as { token: { id: string } }).token.id
    const count = async () =>
      (
        (await (await admin(`/orgs/${org.orgId}/tokens`, org.adminKey)).json()) as {
          tokens: unknown[]
        }
      ).tokens.length
    const before = await count()
    const again = await admin(`/orgs/${org.orgId}/tokens/${org.tokenId}/rotate`, org.adminKey, {
      method: 'POST',
      json: {},
    })
    await expectAdminError(again, 409, new RegExp(successor))
    expect(await count()).toBe(before)
    // The successor rotates as any live token does.
    const next = await admin(`/orgs/${org.orgId}/tokens/${successor}/rotate`, org.adminKey, {
      method: 'POST',
      json: {},
    })
    expect(next.status).toBe(201)
  })

  it('rotating an expired token is 404, as for a revoked one: no successor is minted', async () => {
    const org = await createTestOrg()
    const minted = await admin(`/orgs/${org.orgId}/tokens`, org.adminKey, {
      method: 'POST',
      json: { label: 'short' },
    })
    const { token } = (await minted.json()) as { token: { id: string } }
    const rotated = await admin(`/orgs/${org.orgId}/tokens/${token.id}/rotate`, org.adminKey, {
      method: 'POST',
      json: { overlapSeconds: 0 },
    })
    expect(rotated.status).toBe(201) // the old token retired at once: it is now expired
    const before = (
      (await (await admin(`/orgs/${org.orgId}/tokens`, org.adminKey)).json()) as {
        tokens: unknown[]
      }
    ).tokens.length
    await expectAdminError(
      await admin(`/orgs/${org.orgId}/tokens/${token.id}/rotate`, org.adminKey, {
        method: 'POST',
        json: {},
      }),
      404,
    )
    const after = (
      (await (await admin(`/orgs/${org.orgId}/tokens`, org.adminKey)).json()) as {
        tokens: unknown[]
      }
    ).tokens.length
    expect(after).toBe(before)
  })

  it("cannot revoke another org's token through its own org path", async () => {
    const own = await createTestOrg()
    const other = await createTestOrg()
    const res = await admin(`/orgs/${own.orgId}/tokens/${other.tokenId}`, own.adminKey, {
      method: 'DELETE',
    })
    await expectAdminError(res, 404)
  })
})

describe('admin API settings', () => {
  it('reads and updates settings; an unknown default team is refused', async () => {
    const org = await createTestOrg()
    const path = `/orgs/${org.orgId}/settings`
    const patch = await admin(path, org.adminKey, {
      method: 'PATCH',
      json: {
        groupPolicy: 'link-only',
        roleSchema: 'urn:acme:scim:ext:1.0:User',
        roleValues: ['viewer', 'admin'],
      },
    })
    expect(patch.status).toBe(200)
    expect(await (await admin(path, org.adminKey)).json()).toEqual({
      defaultTeamId: null,
      groupPolicy: 'link-only',
      roleSchema: 'urn:acme:scim:ext:1.0:User',
      roleValues: ['viewer', 'admin'],
      profile: 'lenient',
      readsPerSecond: 500,
      writesPerSecond: 200,
      maxReadsPerSecond: 500,
      maxWritesPerSecond: 200,
      eventRetentionDays: 30,
    })
    await expectAdminError(
      await admin(path, org.adminKey, {
        method: 'PATCH',
        json: { defaultTeamId: crypto.randomUUID() },
      }),
      400,
      /does not exist/,
    )
  })

  it('creating an org with a default team is refused like PATCH …/settings refuses one (no team exists yet)', async () => {
    const id = `t-dt-${crypto.randomUUID().slice(0, 8)}`
    await expectAdminError(
      await admin('/orgs', OPERATOR_KEY, {
        method: 'POST',
        json: { id, name: 'x', settings: { defaultTeamId: crypto.randomUUID() } },
      }),
      400,
      /does not exist/,
    )
    await expectAdminError(await admin(`/orgs/${id}`, OPERATOR_KEY), 404)
  })

  it.each([
    ['an unknown policy', { groupPolicy: 'sometimes' }],
    ['a role URN not ending in :User', { roleSchema: 'urn:acme:ext' }],
    ['duplicate role values', { roleValues: ['a', 'A'] }],
    ['no role values', { roleValues: [] }],
  ])('400 for %s', async (_case, json) => {
    const org = await createTestOrg()
    await expectAdminError(
      await admin(`/orgs/${org.orgId}/settings`, org.adminKey, { method: 'PATCH', json }),
      400,
    )
  })
})

describe('rate limits belong to the operator', () => {
  const settings = (org: { orgId: string }, key: string, json: unknown) =>
    admin(`/orgs/${org.orgId}/settings`, key, { method: 'PATCH', json })

  it('an org admin may lower its limits and go back up to the ceiling, never past it', async () => {
    const org = await createTestOrg()
    expect(
      (await settings(org, org.adminKey, { readsPerSecond: 20, writesPerSecond: 5 })).status,
    ).toBe(200)
    expect((await settings(org, org.adminKey, { readsPerSecond: 500 })).status).toBe(200)
    await expectAdminError(
      await settings(org, org.adminKey, { readsPerSecond: 100_000 }),
      403,
      /at most 500/,
    )
    await expectAdminError(await settings(org, org.adminKey, { writesPerSecond: 201 }), 403)
    await expectAdminError(await settings(org, org.adminKey, { maxReadsPerSecond: 100_000 }), 403)
    const now = (await (await admin(`/orgs/${org.orgId}/settings`, org.adminKey)).json()) as Record<
      string,
      number
    >
    expect(now).toMatchObject({ readsPerSecond: 500, writesPerSecond: 5, maxReadsPerSecond: 500 })
  })

  it('the operator raises a ceiling; the org admin may then use it', async () => {
    const org = await createTestOrg()
    const raised = await settings(org, OPERATOR_KEY, { maxWritesPerSecond: 1000 })
    expect(await raised.json()).toMatchObject({ writesPerSecond: 200, maxWritesPerSecond: 1000 })
    expect((await settings(org, org.adminKey, { writesPerSecond: 1000 })).status).toBe(200)
    await expectAdminError(await settings(org, org.adminKey, { writesPerSecond: 1001 }), 403)
    const lowered = await settings(org, OPERATOR_KEY, { maxWritesPerSecond: 100 })
    expect(await lowered.json()).toMatchObject({ writesPerSecond: 100, maxWritesPerSecond: 100 })
  })

  it('an org created with high rates gets ceilings to match', async () => {
    const org = await createTestOrg('fast', { readsPerSecond: 5000 })
    const now = (await (await admin(`/orgs/${org.orgId}/settings`, org.adminKey)).json()) as Record<
      string,
      number
    >
    expect(now).toMatchObject({
      readsPerSecond: 5000,
      maxReadsPerSecond: 5000,
      maxWritesPerSecond: 200,
    })
  })

  it('admin requests are rate-limited per key: 429 with Retry-After, other keys unaffected', async () => {
    const org = await createTestOrg()
    const other = await createTestOrg()
    const burst = await Promise.all(
      Array.from({ length: 200 }, () => admin(`/orgs/${org.orgId}/settings`, org.adminKey)),
    )
    const throttled = burst.filter((r) => r.status === 429)
    expect(throttled.length).toBeGreaterThan(0)
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(100)
    expect(Number(throttled[0].headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    await expectAdminError(throttled[0], 429)
    expect((await admin(`/orgs/${other.orgId}/settings`, other.adminKey)).status).toBe(200)
  })
})

describe('admin API events feed', () => {
  it('pages through the outbox in seq order, scoped to the org', async () => {
    const org = await createTestOrg()
    const other = await createTestOrg()
    const path = (q: string) => `/orgs/${org.orgId}/events${q}`
    const first = (await (await admin(path('?limit=2'), org.adminKey)).json()) as {
      data: { seq: number; type: string; data: unknown }[]
      next: number
    }
    expect(first.data.map((e) => [e.seq, e.type])).toEqual([
      [1, 'org.created'],
      [2, 'admin_key.created'],
    ])
    expect(first.next).toBe(2)
    const rest = (await (await admin(path(`?after=${first.next}`), org.adminKey)).json()) as {
      data: { seq: number; type: string; data: { label: string } }[]
    }
    expect(rest.data.map((e) => [e.seq, e.type, e.data.label])).toEqual([
      [3, 'token.created', 'test scim'],
    ])
    await expectAdminError(await admin(path(''), other.adminKey), 403)
    await expectAdminError(await admin(path('?after=-1'), org.adminKey), 400)
    await expectAdminError(await admin(path('?limit=abc'), org.adminKey), 400)
  })
})

describe('the OpenAPI document', () => {
  it('is served at /admin/v1/openapi.json without a key (it holds no secret)', async () => {
    const res = await call('/admin/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths).toHaveProperty('/orgs/{orgId}/users/{userId}')
  })
})
