// Tenant fairness on the shared database (http/read-limit.ts, repo/filter-sql.ts): a filter has a
// cost budget (400 tooMany past it), and one org's costly searches in flight are capped (429 +
// Retry-After), while keyed lookups — the IdP's create-vs-link `userName eq` — are never gated.
import { describe, expect, it } from 'vitest'
import { createTestOrg, expectScimError, scim } from '../helpers/api'
import { createUser } from '../helpers/resources'
import { seedUsers } from '../helpers/seed'

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}&count=5`
/** Three terms walking multi-valued attributes: cost 30, a costly read. */
const COSTLY = 'emails co "zz" or phoneNumbers co "99" or addresses.locality co "x"'

describe('reads that cannot starve another tenant', () => {
  it('a filter past the cost budget is 400 tooMany; the same terms fewer times run', async () => {
    const org = await createTestOrg()
    const terms = (n: number) =>
      Array.from({ length: n }, (_, i) => `emails co "${i}"`).join(' or ')
    const res = await scim(q(terms(11)), org.token)
    const body = await expectScimError(res, 400, 'tooMany')
    expect(body.detail).toMatch(/at most 100/)
    expect((await scim(q(terms(10)), org.token)).status).toBe(200)
  })

  it("an org's costly searches beyond the cap get 429; its keyed lookups and other orgs go on", async () => {
    const heavy = await createTestOrg()
    const other = await createTestOrg()
    await seedUsers(heavy.orgId, 500)
    const someone = await createUser(heavy, 'someone@x.test', {
      emails: [{ value: 'Someone@Work.test', type: 'work' }],
    })
    const neighbour = await createUser(other, 'neighbour@x.test')
    const flood = Array.from({ length: 24 }, () => scim(q(COSTLY), heavy.token))
    // The IdPs' lookups: userName, and the email match Entra and OpenID IPSIE use (indexed).
    const lookups = Array.from({ length: 8 }, (_, i) =>
      scim(
        q(
          i % 2
            ? `userName eq "${someone.userName}"`
            : 'emails[type eq "work"].value eq "someone@work.test"',
        ),
        heavy.token,
      ),
    )
    const neighbours = Array.from({ length: 8 }, () =>
      scim(q(`userName eq "${neighbour.userName}"`), other.token),
    )
    const [floodRes, lookupRes, neighbourRes] = await Promise.all([
      Promise.all(flood),
      Promise.all(lookups),
      Promise.all(neighbours),
    ])
    const throttled = floodRes.filter((r) => r.status === 429)
    expect(throttled.length).toBeGreaterThan(0)
    expect(floodRes.every((r) => r.status === 200 || r.status === 429)).toBe(true)
    expect(throttled[0].headers.get('Retry-After')).toBe('1')
    await expectScimError(throttled[0], 429)
    expect(lookupRes.map((r) => r.status)).toEqual(Array(8).fill(200))
    for (const res of lookupRes) {
      expect(((await res.json()) as { totalResults: number }).totalResults).toBe(1)
    }
    expect(neighbourRes.map((r) => r.status)).toEqual(Array(8).fill(200))
  })

  it('a costly search is priced by the resources it would examine: too many is 400 tooMany', async () => {
    const org = await createTestOrg()
    await seedUsers(org.orgId, 1700) // 1,700 × cost 30 > 50,000
    const res = await scim(q(COSTLY), org.token)
    const body = await expectScimError(res, 400, 'tooMany')
    expect(body.detail).toMatch(/examine 1700 resources/)
    // The same org's indexed lookups and one-term scans still run.
    expect((await scim(q('emails co "zz"'), org.token)).status).toBe(200)
    expect((await scim(q('userName eq "seed7@seed.test"'), org.token)).status).toBe(200)
  })

  it('the gate lets costly searches through again once earlier ones finish', async () => {
    const org = await createTestOrg()
    for (let i = 0; i < 6; i++) expect((await scim(q(COSTLY), org.token)).status).toBe(200)
  })
})
