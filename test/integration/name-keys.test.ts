// The name-key migration (migrations/0003 + do/plans/name-keys.ts): SQL could only backfill
// lower(), so an org whose keys follow the old rule is re-keyed by its writer before its first
// write — and by the scheduled sweep if it never writes. Collisions are reported, never fatal.
import { env, evictDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orgWriterStub } from '../../src/do/client'
import { rekeyOrgsBehind } from '../../src/jobs/scheduled'
import { admin, createTestOrg, OPERATOR_KEY, type TestOrg } from '../helpers/api'
import { createGroup, createUser, getJson, send } from '../helpers/resources'
import { behindWriter } from '../helpers/behind-writer'

/** Puts the org back where the migration left it: keys = lower(name), version 0, writer cold. */
async function asMigrated(org: TestOrg) {
  await behindWriter(
    org.orgId,
    env.DB.prepare(
      'UPDATE users SET user_name_key = lower(user_name), display_name_key = lower(display_name) WHERE org_id = ?',
    ).bind(org.orgId),
    env.DB.prepare('UPDATE teams SET display_name_key = lower(display_name) WHERE org_id = ?').bind(
      org.orgId,
    ),
    env.DB.prepare('UPDATE orgs SET name_keys_version = 0 WHERE id = ?').bind(org.orgId),
  )
  await evictDurableObject(orgWriterStub(env, org.orgId))
}

const keys = async (orgId: string) =>
  (
    await env.DB.prepare(
      'SELECT user_name AS name, user_name_key AS key, display_name_key AS displayKey FROM users WHERE org_id = ? ORDER BY seq',
    )
      .bind(orgId)
      .all<{ name: string; key: string; displayKey: string | null }>()
  ).results

const version = async (orgId: string) =>
  (
    await env.DB.prepare('SELECT name_keys_version AS v FROM orgs WHERE id = ?')
      .bind(orgId)
      .first<{ v: number }>()
  )?.v

async function rebuiltEvents(org: TestOrg) {
  const res = await admin(`/orgs/${org.orgId}/events?limit=1000`, org.adminKey)
  const body = (await res.json()) as { data: { type: string; data: any }[] }
  return body.data.filter((e) => e.type === 'org.name_keys_rebuilt')
}

describe('re-keying names after the folding rule changed', () => {
  it('the first write re-keys every non-ASCII name, then runs', async () => {
    const org = await createTestOrg()
    await createUser(org, 'ÉMILE@x.test', { displayName: 'Émile Zola' })
    await createUser(org, 'plain@x.test', { displayName: 'Plain' })
    const team = await createGroup(org, 'ÉQUIPE')
    await asMigrated(org)
    expect((await keys(org.orgId))[0].key).toBe('Émile@x.test') // lower() left the É
    // A write: the writer re-keys first, so the duplicate in another case is caught.
    const dup = await send(org, 'POST', '/Users', { userName: 'émile@X.TEST' })
    expect(dup.status).toBe(409)
    expect(await keys(org.orgId)).toEqual([
      { name: 'ÉMILE@x.test', key: 'émile@x.test', displayKey: 'émile zola' },
      { name: 'plain@x.test', key: 'plain@x.test', displayKey: 'plain' },
    ])
    expect(await version(org.orgId)).toBe(1)
    const found = await getJson(
      org,
      `/Groups?filter=${encodeURIComponent('displayName eq "équipe"')}`,
    )
    expect(found.Resources.map((r: { id: string }) => r.id)).toEqual([team.id])
    const [event] = await rebuiltEvents(org)
    expect(event.data).toMatchObject({ version: 1, rekeyed: 2, collisions: [], done: true }) // ÉMILE and ÉQUIPE
  })

  it('a collision is reported, the row keeps its old key, and writing goes on', async () => {
    const org = await createTestOrg()
    const upper = await createUser(org, 'ÉMILE@x.test')
    await asMigrated(org)
    // Written behind the new rule's back, as the old one allowed: a second spelling of the name.
    await behindWriter(
      org.orgId,
      env.DB.prepare(
        "INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at) VALUES (?, 'lower-emile', 'émile@x.test', 'émile@x.test', '{\"userName\":\"émile@x.test\",\"active\":true}', '', '')",
      ).bind(org.orgId),
    )
    const res = await send(org, 'POST', '/Users', { userName: 'new@x.test' })
    expect(res.status).toBe(201)
    const [event] = await rebuiltEvents(org)
    expect(event.data.collisions).toEqual([
      { resourceType: 'User', id: upper.id, heldBy: 'lower-emile', key: 'émile@x.test' },
    ])
    expect((await keys(org.orgId)).map((k) => k.key)).toEqual([
      'Émile@x.test',
      'émile@x.test',
      'new@x.test',
    ])
    expect(await version(org.orgId)).toBe(1)
  })

  it('the scheduled sweep re-keys an org that never writes', async () => {
    // An id that sorts first among orgs behind, so this run's sweep reaches it.
    const id = `000-rekey-${crypto.randomUUID().slice(0, 8)}`
    const created = await admin('/orgs', OPERATOR_KEY, {
      method: 'POST',
      json: { id, name: 'r', shard: 'main' },
    })
    expect(created.status).toBe(201)
    await behindWriter(
      id,
      env.DB.prepare(
        "INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at) VALUES (?, 'u1', 'ÅSA@x.test', 'Åsa@x.test', '{\"userName\":\"ÅSA@x.test\",\"active\":true}', '', '')",
      ).bind(id),
      env.DB.prepare('UPDATE orgs SET name_keys_version = 0 WHERE id = ?').bind(id),
    )
    await evictDurableObject(orgWriterStub(env, id))
    expect(await rekeyOrgsBehind(env)).toBeGreaterThan(0)
    expect(await version(id)).toBe(1)
    expect((await keys(id))[0].key).toBe('åsa@x.test')
  })

  it('an org already on the current rule is left alone (no event, no extra write)', async () => {
    const org = await createTestOrg()
    await createUser(org, 'ÉMILE@x.test')
    await evictDurableObject(orgWriterStub(env, org.orgId))
    expect((await send(org, 'POST', '/Users', { userName: 'two@x.test' })).status).toBe(201)
    expect(await rebuiltEvents(org)).toEqual([])
  })
})
