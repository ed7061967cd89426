// scim-edge CLI end to end: `events list` and `events tail` against the real Worker's feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, cli, killRunning, orgWithAdminKey, startCli } from './run'
import { OPERATOR_KEY, startWorker, type Worker } from './worker'

let worker: Worker
const as = (key: string) => ({ SCIM_EDGE_URL: worker.url, SCIM_EDGE_KEY: key })
const patchSettings = (key: string, orgId: string, json: Record<string, unknown>) =>
  admin(worker.url, key, `/orgs/${orgId}/settings`, { method: 'PATCH', json })
/** Starting a tail is done once it says so on stderr (it has read the feed to its end). */
const FOLLOWING = /^Following .+ after seq \d+/m

beforeAll(async () => {
  worker = await startWorker()
}, 180_000)

afterAll(async () => {
  killRunning()
  await worker?.stop()
})

describe('events list', () => {
  it('shows the org’s events, oldest first; --types filters; --json parses', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    expect((await patchSettings(adminKey, orgId, { readsPerSecond: 50 })).status).toBe(200)

    const table = await cli(['events', 'list', '--org', orgId], as(OPERATOR_KEY))
    expect(table.code, table.stderr).toBe(0)
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^SEQ\s+OCCURRED\s+TYPE\s+ACTOR\s+SUBJECT\s+DATA$/)
    const types = lines.slice(1).map((l) => l.split(/\s+/)[2])
    expect(types[0]).toBe('org.created')
    expect(types).toContain('org.settings_updated')

    const json = await cli(
      ['events', 'list', '--json', '--types', 'org.settings_updated', '--all', '--limit', '1'],
      as(adminKey),
    )
    expect(json.code, json.stderr).toBe(0)
    const { data } = JSON.parse(json.stdout)
    expect(data.length).toBeGreaterThanOrEqual(1)
    for (const event of data) expect(event.type).toBe('org.settings_updated')
  })
})

describe('events tail', () => {
  it('prints an event that happens after it started (--max 1), not the older ones', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const tail = startCli(['events', 'tail', '--interval', '200', '--max', '1'], as(adminKey))
    await tail.stderrMatches(FOLLOWING)
    expect((await patchSettings(adminKey, orgId, { writesPerSecond: 42 })).status).toBe(200)
    const result = await tail.result
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d+\s+\S+\s+org\.settings_updated\s/)
  })

  it('--from-start --json prints the feed from seq 0, one JSON event per line', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const result = await cli(
      ['events', 'tail', '--from-start', '--json', '--max', '2', '--interval', '200'],
      as(adminKey),
    )
    expect(result.code, result.stderr).toBe(0)
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(events).toHaveLength(2)
    expect(events[0].type).toBe('org.created')
    expect(events[1].seq).toBeGreaterThan(events[0].seq)
  })

  it('--types skips other events; --timeout ends a quiet tail with exit 0', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const args = ['events', 'tail', '--types', 'token.revoked', '--interval', '200']
    const tail = startCli([...args, '--timeout', '3000'], as(adminKey))
    await tail.stderrMatches(FOLLOWING)
    expect((await patchSettings(adminKey, orgId, { writesPerSecond: 43 })).status).toBe(200)
    const result = await tail.result
    expect(result).toMatchObject({ code: 0, stdout: '' })
  })

  it('stops on SIGINT', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const tail = startCli(['events', 'tail', '--interval', '200'], as(adminKey))
    await tail.stderrMatches(FOLLOWING)
    const sent = Date.now()
    tail.child.kill('SIGINT')
    const result = await tail.result
    expect(result.code).toBe(130)
    expect(Date.now() - sent).toBeLessThan(5000)
  })
})
