// Per-org rate limits: floods get 429 with a SCIM body and an integer Retry-After (Okta honours
// it); the defaults let ordinary bursts through. Limits are org settings.
import { describe, expect, it } from 'vitest'
import { admin, createTestOrg, expectScimError, scim } from '../helpers/api'
import { send } from '../helpers/resources'

async function orgWithLimits(limits: { readsPerSecond?: number; writesPerSecond?: number }) {
  const org = await createTestOrg()
  const res = await admin(`/orgs/${org.orgId}/settings`, org.adminKey, {
    method: 'PATCH',
    json: limits,
  })
  expect(res.status).toBe(200)
  return org
}

async function expectThrottled(responses: Response[]) {
  const limited = responses.filter((r) => r.status === 429)
  expect(limited.length).toBeGreaterThan(0)
  for (const res of limited) {
    expect(res.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/)
    await expectScimError(res, 429)
  }
  return limited.length
}

describe('rate limits', () => {
  it('a burst of 80 creates and 80 reads at the default limits is never throttled', async () => {
    const org = await createTestOrg()
    const writes = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        send(org, 'POST', '/Users', { userName: `ok${i}@x.test` }),
      ),
    )
    expect(writes.map((r) => r.status)).toEqual(Array(80).fill(201))
    const reads = await Promise.all(
      Array.from({ length: 80 }, () => scim('/Users?count=1', org.token)),
    )
    expect(reads.every((r) => r.status === 200)).toBe(true)
  })

  it('a write flood above the org’s limit gets 429 + Retry-After, and throttled writes write nothing', async () => {
    const org = await orgWithLimits({ writesPerSecond: 1 })
    await send(org, 'POST', '/Users', { userName: 'warm@x.test' }) // loads the org's limit
    const responses = await Promise.all(
      Array.from({ length: 130 }, (_, i) =>
        send(org, 'POST', '/Users', { userName: `f${i}@x.test` }),
      ),
    )
    const limited = await expectThrottled(responses)
    const created = responses.filter((r) => r.status === 201).length
    expect(created + limited).toBe(130)
    const list = (await (await scim('/Users?count=0', org.token)).json()) as {
      totalResults: number
    }
    expect(list.totalResults).toBe(created + 1)
  })

  it('a read flood above the org’s limit gets 429 + Retry-After', async () => {
    const org = await orgWithLimits({ readsPerSecond: 1 })
    const responses = await Promise.all(
      Array.from({ length: 130 }, () => scim('/Users?count=1', org.token)),
    )
    await expectThrottled(responses)
  })

  it('limits are per org: one org’s flood does not throttle another', async () => {
    const flooded = await orgWithLimits({ readsPerSecond: 1 })
    const calm = await createTestOrg()
    await Promise.all(Array.from({ length: 130 }, () => scim('/Users?count=1', flooded.token)))
    expect((await scim('/Users?count=1', calm.token)).status).toBe(200)
  })
})
