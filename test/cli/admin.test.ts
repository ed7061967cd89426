// scim-edge CLI end to end: orgs, admin keys, tokens and settings against the real Worker.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, killRunning, newOrgId, orgWithAdminKey } from './run'
import { OPERATOR_KEY, startWorker, type Worker } from './worker'

let worker: Worker
const as = (key: string) => ({ SCIM_EDGE_URL: worker.url, SCIM_EDGE_KEY: key })
const operator = () => as(OPERATOR_KEY)
const field = (stdout: string, label: string) =>
  new RegExp(`^${label}:\\s+(\\S+)`, 'm').exec(stdout)?.[1] ?? ''
const secretOf = (stdout: string) => /^Secret \(shown once\): (\S+)$/m.exec(stdout)?.[1] ?? ''
const scimStatus = async (token: string) =>
  (
    await fetch(`${worker.url}/scim/v2/ServiceProviderConfig`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).status

beforeAll(async () => {
  worker = await startWorker()
}, 180_000)

afterAll(async () => {
  killRunning()
  await worker?.stop()
})

describe('orgs', () => {
  it('creates, lists and shows an org with the operator key', async () => {
    const id = newOrgId()
    const created = await cli(
      ['orgs', 'create', 'Acme CLI', '--id', id, '--set', 'groupPolicy=link-only'],
      operator(),
    )
    expect(created).toMatchObject({ code: 0, stderr: '' })
    expect(field(created.stdout, 'ID')).toBe(id)
    expect(field(created.stdout, 'groupPolicy')).toBe('link-only')

    const list = await cli(['orgs', 'list'], operator())
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+GROUP POLICY\s+SHARD\s+CREATED$/)
    expect(list.stdout).toMatch(
      new RegExp(`^${id}\\s+Acme CLI\\s+link-only\\s+(main|second)\\s+\\d{4}-`, 'm'),
    )

    const got = await cli(['orgs', 'get', id, '--json'], operator())
    expect(got.code, got.stderr).toBe(0)
    expect(JSON.parse(got.stdout)).toMatchObject({ id, name: 'Acme CLI' })
  })
})

describe('shards', () => {
  it('places an org, lists the shards, and moves the org with --wait', async () => {
    const id = newOrgId()
    const created = await cli(
      ['orgs', 'create', 'Mover CLI', '--id', id, '--shard', 'main'],
      operator(),
    )
    expect(created.code, created.stderr).toBe(0)
    expect(field(created.stdout, 'Shard')).toBe('main')
    const shards = await cli(['shards'], operator())
    expect(shards.code, shards.stderr).toBe(0)
    expect(shards.stdout.split('\n')[0]).toMatch(
      /^ID\s+BINDING\s+JURISDICTION\s+ORGS\s+USERS\s+SIZE\s+USED$/,
    )
    expect(shards.stdout).toMatch(/^eu\s+SHARD_EU\s+eu\s+/m)
    const moved = await cli(['orgs', 'move', id, '--shard', 'second', '--wait'], operator())
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toMatch(/^Move:\s+main → second$/m)
    expect(field(moved.stdout, 'Phase')).toBe('done')
    const again = await cli(['orgs', 'move', id, '--shard', 'second'], operator())
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already/)
  })
})

describe('admin keys', () => {
  it('prints a new key’s secret once; the key works until revoked', async () => {
    const { orgId } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const created = await cli(
      ['admin-keys', 'create', '--org', orgId, '--label', 'ops team'],
      operator(),
    )
    expect(created.code, created.stderr).toBe(0)
    const secret = secretOf(created.stdout)
    const keyId = field(created.stdout, 'ID')
    expect(secret).toMatch(/^scimadm_/)
    expect(created.stdout.split(secret)).toHaveLength(2)

    // The new key acts on its own org without --org (GET /me).
    const own = await cli(['orgs', 'get'], as(secret))
    expect(own.code, own.stderr).toBe(0)
    expect(field(own.stdout, 'ID')).toBe(orgId)

    const list = await cli(['admin-keys', 'list', '--org', orgId], operator())
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).toMatch(new RegExp(`^${keyId}\\s+ops team\\s+\\S+\\s+active\\b`, 'm'))
    expect(list.stdout).not.toContain(secret)

    const revoked = await cli(['admin-keys', 'revoke', keyId, '--org', orgId], operator())
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(field(revoked.stdout, 'Status')).toBe('revoked')
    const refused = await cli(['settings', 'get'], as(secret))
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/^error: .+ \(HTTP 401\)$/m)
  })
})

describe('tokens (org admin key)', () => {
  it('creates, lists, rotates and revokes SCIM tokens', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const created = await cli(['tokens', 'create', '--label', 'okta'], as(adminKey))
    expect(created.code, created.stderr).toBe(0)
    const first = secretOf(created.stdout)
    const firstId = field(created.stdout, 'ID')
    expect(field(created.stdout, 'Org')).toBe(orgId)
    expect(await scimStatus(first)).toBe(200)

    const listed = await cli(['tokens', 'list', '--json'], as(adminKey))
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout).tokens).toMatchObject([{ id: firstId, label: 'okta' }])

    const rotated = await cli(['tokens', 'rotate', firstId, '--overlap', '0'], as(adminKey))
    expect(rotated.code, rotated.stderr).toBe(0)
    const second = secretOf(rotated.stdout)
    const secondId = field(rotated.stdout, 'ID')
    expect(second).not.toBe(first)
    expect(rotated.stdout).toContain(`Previous ${firstId} keeps working until`)
    expect(await scimStatus(second)).toBe(200)
    expect(await scimStatus(first)).toBe(401)

    const revoked = await cli(['tokens', 'revoke', secondId], as(adminKey))
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(field(revoked.stdout, 'Status')).toBe('revoked')
    expect(await scimStatus(second)).toBe(401)

    const table = await cli(['tokens', 'list', '--org', orgId], as(adminKey))
    expect(table.stdout).toMatch(new RegExp(`^${firstId}\\s+okta\\s+\\S+\\s+expired\\b`, 'm'))
    expect(table.stdout).toMatch(new RegExp(`^${secondId}\\s+okta\\s+\\S+\\s+revoked\\b`, 'm'))
    for (const secret of [first, second]) expect(table.stdout).not.toContain(secret)
  })
})

describe('settings', () => {
  it('sets typed values and reads them back', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const words = [
      'groupPolicy=link-only',
      'readsPerSecond=100',
      'roleValues=a,b,c',
      'eventRetentionDays=90',
    ]
    const set = await cli(
      ['settings', 'set', '--org', orgId, ...words, 'defaultTeamId=none'],
      operator(),
    )
    expect(set).toMatchObject({ code: 0, stderr: '' })
    expect(field(set.stdout, 'readsPerSecond')).toBe('100')
    expect(field(set.stdout, 'roleValues')).toBe('a,b,c')

    const got = await cli(['settings', 'get', '--json'], as(adminKey))
    expect(got.code, got.stderr).toBe(0)
    expect(JSON.parse(got.stdout)).toMatchObject({
      defaultTeamId: null,
      groupPolicy: 'link-only',
      readsPerSecond: 100,
      roleValues: ['a', 'b', 'c'],
      eventRetentionDays: 90,
    })
  })

  it('refuses a bad value: locally for a number, with the server’s message otherwise', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const local = await cli(['settings', 'set', 'readsPerSecond=fast'], as(adminKey))
    expect(local.code).not.toBe(0)
    expect(local.stderr).toMatch(/readsPerSecond must be a whole number/)
    const server = await cli(['settings', 'set', 'groupPolicy=sometimes'], as(adminKey))
    expect(server.code).toBe(1)
    expect(server.stderr).toMatch(/^error: .*groupPolicy.* \(HTTP 400\)$/m)
  })
})

describe('catalogues', () => {
  it('sets roles from words and an entitlement type from a file, lists, shows and deletes', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const roles = await cli(['roles', 'set', 'viewer=Read only', 'admin'], as(adminKey))
    expect(roles).toMatchObject({ code: 0, stderr: '' })
    expect(roles.stdout).toMatch(/^viewer\s+Read only/m)
    const listed = await cli(['roles', 'list', '--json'], as(adminKey))
    expect(JSON.parse(listed.stdout)).toEqual([
      { value: 'viewer', displayName: 'Read only', description: null },
      { value: 'admin', displayName: 'admin', description: null },
    ])

    const dir = mkdtempSync(join(tmpdir(), 'scim-edge-cli-'))
    const file = join(dir, 'licenses.json')
    writeFileSync(file, JSON.stringify([{ value: 'pro', displayName: 'Pro', description: 'All' }]))
    const set = await cli(['entitlements', 'set', 'Licenses', '--file', file], as(adminKey))
    expect(set).toMatchObject({ code: 0, stderr: '' })
    expect(set.stdout).toMatch(/^pro\s+Pro\s+All/m)
    const types = await cli(['entitlements', 'list'], as(adminKey))
    expect(types.stdout).toMatch(/^Licenses\s+1$/m)
    const shown = await cli(['entitlements', 'show', 'licenses', '--json'], as(adminKey))
    expect(JSON.parse(shown.stdout)).toEqual([
      { value: 'pro', displayName: 'Pro', description: 'All' },
    ])
    const deleted = await cli(['entitlements', 'delete', 'Licenses'], as(adminKey))
    expect(deleted).toMatchObject({ code: 0, stdout: 'Removed entitlement type Licenses.\n' })
    const gone = await cli(['entitlements', 'show', 'Licenses'], as(adminKey))
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/\(HTTP 404\)$/m)
  })

  it("refuses a type name the server refuses, with the server's reason", async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const res = await cli(['entitlements', 'set', 'Users', 'x'], as(adminKey))
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/shadow the SCIM endpoint \/Users.*\(HTTP 400\)/)
  })
})
