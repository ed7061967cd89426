// scim-edge CLI end to end: `users list|get` and `teams list|create|delete` (the directory routes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, cli, killRunning, orgWithAdminKey } from './run'
import { OPERATOR_KEY, startWorker, type Worker } from './worker'

let worker: Worker
const as = (key: string) => ({ SCIM_EDGE_URL: worker.url, SCIM_EDGE_KEY: key })

/** An org with a SCIM token, two users (the first in an IdP group) written through SCIM. */
async function directory() {
  const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
  const minted = await admin(worker.url, adminKey, `/orgs/${orgId}/tokens`, {
    method: 'POST',
    json: { label: 'idp' },
  })
  const scim = async (path: string, body: unknown) => {
    const res = await fetch(`${worker.url}/scim/v2${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${minted.body.secret}`,
        'Content-Type': 'application/scim+json',
      },
      body: JSON.stringify(body),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as { id: string }
  }
  const ada = await scim('/Users', {
    userName: 'ada@cli.test',
    displayName: 'Ada Lovelace',
    emails: [{ value: 'ada@cli.test', primary: true }],
  })
  const bob = await scim('/Users', { userName: 'bob@cli.test', active: false })
  const group = await scim('/Groups', { displayName: 'Engineers', members: [{ value: ada.id }] })
  return { orgId, adminKey, ada, bob, group }
}

beforeAll(async () => {
  worker = await startWorker()
}, 180_000)

afterAll(async () => {
  killRunning()
  await worker?.stop()
})

describe('users', () => {
  it('lists users as a table, pages with --limit/--all, filters, and shows one', async () => {
    const { adminKey, ada, bob } = await directory()
    const table = await cli(['users', 'list'], as(adminKey))
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+USERNAME\s+EMAIL\s+ACTIVE\s+NAME\s+ROLE\s+TEAMS$/,
    )
    expect(table.stdout).toMatch(
      new RegExp(
        `^${ada.id}\\s+ada@cli\\.test\\s+ada@cli\\.test\\s+yes\\s+Ada Lovelace\\s.*Engineers$`,
        'm',
      ),
    )
    expect(table.stdout).toMatch(new RegExp(`^${bob.id}\\s+bob@cli\\.test\\s+-\\s+no\\s`, 'm'))

    const first = await cli(['users', 'list', '--limit', '1'], as(adminKey))
    expect(first.stdout.trim().split('\n')).toHaveLength(2)
    expect(first.stderr).toMatch(/\(more: --after \S+, or --all\)/)

    const all = await cli(['users', 'list', '--limit', '1', '--all', '--json'], as(adminKey))
    expect(all.code, all.stderr).toBe(0)
    const ids = JSON.parse(all.stdout).data.map((u: { id: string }) => u.id)
    expect(ids.sort()).toEqual([ada.id, bob.id].sort())

    const byEmail = await cli(['users', 'list', '--email', 'ada@cli.test', '--json'], as(adminKey))
    expect(JSON.parse(byEmail.stdout).data.map((u: { id: string }) => u.id)).toEqual([ada.id])
    const inactive = await cli(['users', 'list', '--active', 'false', '--json'], as(adminKey))
    expect(JSON.parse(inactive.stdout).data.map((u: { id: string }) => u.id)).toEqual([bob.id])

    const one = await cli(['users', 'get', ada.id], as(adminKey))
    expect(one.code, one.stderr).toBe(0)
    expect(one.stdout).toMatch(/^userName:\s+ada@cli\.test$/m)
    expect(one.stdout).toMatch(/^Teams:\s+Engineers \(/m)
    const missing = await cli(['users', 'get', 'no-such-user'], as(adminKey))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^error: .+ \(HTTP 404\)$/m)
  })
})

describe('teams', () => {
  it('creates, lists and deletes an app team; an IdP group cannot be deleted here', async () => {
    const { orgId, adminKey, group } = await directory()
    const created = await cli(['teams', 'create', 'Support', '--org', orgId], as(OPERATOR_KEY))
    expect(created.code, created.stderr).toBe(0)
    const id = /^ID:\s+(\S+)$/m.exec(created.stdout)?.[1] ?? ''
    expect(created.stdout).toMatch(/^Source:\s+app$/m)

    const list = await cli(['teams', 'list'], as(adminKey))
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+SOURCE\s+MEMBERS\s+EXTERNAL ID$/)
    expect(list.stdout).toMatch(new RegExp(`^${id}\\s+Support\\s+app\\s+0\\b`, 'm'))
    expect(list.stdout).toMatch(new RegExp(`^${group.id}\\s+Engineers\\s+idp\\s+1\\b`, 'm'))
    const byName = await cli(['teams', 'list', '--name', 'Support', '--json'], as(adminKey))
    expect(JSON.parse(byName.stdout).data.map((t: { id: string }) => t.id)).toEqual([id])

    const deleted = await cli(['teams', 'delete', id], as(adminKey))
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted team ${id}.\n` })
    const after = await cli(['teams', 'list', '--json'], as(adminKey))
    expect(JSON.parse(after.stdout).data.map((t: { id: string }) => t.id)).toEqual([group.id])

    const refused = await cli(['teams', 'delete', group.id], as(adminKey))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^error: .+ \(HTTP 409\)$/m)
  })
})

describe('activity', () => {
  it('lists SCIM changes newest first, errors only with --kind, and a per-token summary', async () => {
    const { adminKey, orgId } = await directory()
    // Activity is flushed to the org's Durable Object about a second after each request.
    let listed = { data: [] as { operation: string; status: number }[] }
    for (let i = 0; i < 40 && listed.data.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const json = await cli(['activity', 'list', '--json'], as(adminKey))
      expect(json.code, json.stderr).toBe(0)
      listed = JSON.parse(json.stdout)
    }
    expect(listed.data.map((e) => [e.operation, e.status])).toEqual([
      ['POST /Groups', 201],
      ['POST /Users', 201],
      ['POST /Users', 201],
    ])
    const table = await cli(['activity', 'list', '--org', orgId], as(OPERATOR_KEY))
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^AT\s+IDP\s+TOKEN\s+OPERATION/)
    expect(table.stdout).toContain('POST /Groups')
    const errors = await cli(['activity', 'list', '--kind', 'error'], as(adminKey))
    expect(errors.stdout.trim()).toBe('(no activity)')
    const summary = await cli(['activity', 'summary'], as(adminKey))
    expect(summary.code, summary.stderr).toBe(0)
    expect(summary.stdout).toMatch(/idp\s+\S+\s+\S+\s+3\s+0/)
    const bad = await cli(['activity', 'list', '--kind', 'reads'], as(adminKey))
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/kind/)
  })
})
