// An `eq` filter on a declared extension attribute at 100,000 users is an index probe: it reads
// the matching rows, not the org (X-D1-Rows), and finds exactly the users that hold the value.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { scim } from '../../helpers/api'
import { behindWriter } from '../../helpers/behind-writer'
import { ACME, orgWithAcme } from './helpers'

const USERS = 100_000
const CENTRES = 1_000

/**
 * Users with `costCenter` CC-<i mod 1000> and `badge` i, and their index rows, as the writer
 * writes them (D1 binds numbers as REAL: the counter is cast).
 */
async function seed(orgId: string) {
  const now = new Date().toISOString()
  for (let start = 0; start < USERS; start += 5000) {
    await behindWriter(
      orgId,
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?3)
        INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at)
        SELECT ?1, 'u' || i, 'user' || i || '@scale.test', 'user' || i || '@scale.test',
          json_object('userName', 'user' || i || '@scale.test', 'active', json('true'),
            ?4, json_object('costCenter', 'CC-' || (i % ${CENTRES}), 'badge', i)), ?5, ?5
        FROM n`,
      ).bind(orgId, start, start + 5000, ACME, now),
    )
  }
  await behindWriter(
    orgId,
    env.DB.prepare(
      `INSERT INTO user_extension_values (org_id, attr_key, value_key, user_id)
      SELECT org_id, lower(?2 || ':costCenter'), lower(json_extract(data, '$."' || ?2 || '".costCenter')), id
      FROM users WHERE org_id = ?1`,
    ).bind(orgId, ACME),
  )
}

const rowsRead = (res: Response) =>
  Number(/read=(\d+)/.exec(res.headers.get('X-D1-Rows') ?? '')?.[1])

describe('a declared extension attribute at 100,000 users', () => {
  it('eq reads the matches by index; a range filter walks the JSON and is still exact', async () => {
    const org = await orgWithAcme({ readsPerSecond: 100_000 })
    await seed(org.orgId)

    const started = Date.now()
    const res = await scim(
      `/Users?count=1000&filter=${encodeURIComponent(`${ACME}:costCenter eq "cc-7"`)}`,
      org.token,
    )
    const probeMs = Date.now() - started
    expect(res.status).toBe(200)
    const body = (await res.json()) as { totalResults: number; Resources: any[] }
    expect(body.totalResults).toBe(USERS / CENTRES)
    expect(body.Resources.every((r) => r[ACME].costCenter === 'CC-7')).toBe(true)
    expect(new Set(body.Resources.map((r) => r[ACME].badge % CENTRES))).toEqual(new Set([7]))
    // The page (100 users) and the count, each from the index: hundreds of rows, not the org.
    expect(rowsRead(res)).toBeLessThan(1_000)

    const walked = Date.now()
    const range = await scim(
      `/Users?count=10&filter=${encodeURIComponent(`${ACME}:badge ge ${USERS - 5}`)}`,
      org.token,
    )
    const walkMs = Date.now() - walked
    expect(range.status).toBe(200)
    expect(((await range.json()) as { totalResults: number }).totalResults).toBe(5)
    expect(rowsRead(range)).toBeGreaterThanOrEqual(USERS)
    console.log(
      JSON.stringify({
        msg: 'extension filter at 100k',
        probeMs,
        walkMs,
        probeRows: rowsRead(res),
        walkRows: rowsRead(range),
      }),
    )
  }, 180_000)
})
