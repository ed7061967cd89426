// scim-edge CLI end to end: failures exit non-zero with the server's message (or a clear one).
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, killRunning, newOrgId, orgWithAdminKey } from './run'
import { OPERATOR_KEY, startWorker, type Worker } from './worker'

let worker: Worker
const as = (key: string) => ({ SCIM_EDGE_URL: worker.url, SCIM_EDGE_KEY: key })

/** A 127.0.0.1 port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

beforeAll(async () => {
  worker = await startWorker()
}, 180_000)

afterAll(async () => {
  killRunning()
  await worker?.stop()
})

describe('errors', () => {
  it('an unknown org: exit 1 with the server’s message and status', async () => {
    const missing = newOrgId('missing')
    const result = await cli(['orgs', 'get', missing], as(OPERATOR_KEY))
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr.trim()).toBe(`error: Org ${missing} not found. (HTTP 404)`)
  })

  it('another org’s admin key: exit 1 with the 403 message', async () => {
    const mine = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const other = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    for (const args of [
      ['tokens', 'list', '--org', other.orgId],
      ['settings', 'set', '--org', other.orgId, 'readsPerSecond=10'],
    ]) {
      const result = await cli(args, as(mine.adminKey))
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        'error: This admin key belongs to another organization. (HTTP 403)',
      )
    }
    // An org admin key may not do what only the operator does.
    const denied = await cli(['orgs', 'list', '--json'], as(mine.adminKey))
    expect(denied.code).toBe(1)
    expect(denied.stderr).toMatch(/^error: .+ \(HTTP 403\)$/m)
  })

  it('a wrong key: exit 1 with HTTP 401', async () => {
    const result = await cli(['orgs', 'list'], as('scimadm_not-a-real-key'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: .+ \(HTTP 401\)$/m)
  })

  it('the server is unreachable: exit 1 with a clear message', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const result = await cli(['orgs', 'list'], { SCIM_EDGE_URL: url, SCIM_EDGE_KEY: 'k' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(`error: cannot reach ${url}: ECONNREFUSED`)
  })

  it('missing settings and arguments are usage errors, before any request', async () => {
    const noKey = await cli(['orgs', 'list'], { SCIM_EDGE_URL: worker.url })
    expect(noKey.code).not.toBe(0)
    expect(noKey.stderr).toMatch(/no key: pass --key or set SCIM_EDGE_KEY/)
    const noUrl = await cli(['orgs', 'list', '--key', OPERATOR_KEY], {})
    expect(noUrl.code).not.toBe(0)
    expect(noUrl.stderr).toMatch(/no server: pass --url or set SCIM_EDGE_URL/)
    const noOrg = await cli(['tokens', 'list'], as(OPERATOR_KEY))
    expect(noOrg.code).not.toBe(0)
    expect(noOrg.stderr).toMatch(/needs --org <id>/)
    const noLabel = await cli(['tokens', 'create', '--org', 'x'], as(OPERATOR_KEY))
    expect(noLabel.code).not.toBe(0)
    expect(noLabel.stderr).toMatch(/--label/)
    const flags = await cli(
      ['--url', worker.url, '--key', OPERATOR_KEY, 'orgs', 'get', newOrgId('flag')],
      {},
    )
    expect(flags.stderr).toMatch(/\(HTTP 404\)/)
  })
})
