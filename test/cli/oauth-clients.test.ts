// scim-edge CLI end to end: `oauth-clients create|list|delete`, and the client it registers
// getting an access token from the real Worker's token endpoint.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, killRunning, orgWithAdminKey } from './run'
import { OPERATOR_KEY, startWorker, type Worker } from './worker'

let worker: Worker
let temp: string
const as = (key: string) => ({ SCIM_EDGE_URL: worker.url, SCIM_EDGE_KEY: key })
const field = (stdout: string, label: string) =>
  new RegExp(`^${label}:\\s+(\\S+)`, 'm').exec(stdout)?.[1] ?? ''

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'scim-edge-cli-oauth-'))
  worker = await startWorker()
}, 180_000)

afterAll(async () => {
  killRunning()
  await worker?.stop()
  rmSync(temp, { recursive: true, force: true })
})

async function tokenFor(clientId: string, privateKey: CryptoKey) {
  const endpoint = `${worker.url}/oauth/token`
  const jwt = await new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid: 'cli-key' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(endpoint)
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(privateKey)
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
    }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { access_token: string }).access_token
}

const usersStatus = async (token: string) =>
  (await fetch(`${worker.url}/scim/v2/Users`, { headers: { Authorization: `Bearer ${token}` } }))
    .status

describe('oauth-clients', () => {
  it('registers a client from a JWKS file, lists it, and deleting it ends its tokens', async () => {
    const { orgId, adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
    const file = join(temp, 'jwks.json')
    writeFileSync(
      file,
      JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'cli-key' }] }),
    )

    const created = await cli(
      ['oauth-clients', 'create', '--org', orgId, '--name', 'Acme IdP', '--jwks-file', file],
      as(OPERATOR_KEY),
    )
    expect(created).toMatchObject({ code: 0, stderr: '' })
    const clientId = field(created.stdout, 'Client ID')
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/)
    expect(field(created.stdout, 'Keys')).toBe('cli-key')
    expect(field(created.stdout, 'Token endpoint')).toBe(`${worker.url}/oauth/token`)

    const list = await cli(['oauth-clients', 'list'], as(adminKey))
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^CLIENT ID\s+NAME\s+KEYS\s+CREATED$/)
    expect(list.stdout).toMatch(new RegExp(`^${clientId}\\s+Acme IdP\\s+cli-key\\s+\\d{4}-`, 'm'))

    const token = await tokenFor(clientId, privateKey)
    expect(await usersStatus(token)).toBe(200)
    const deleted = await cli(['oauth-clients', 'delete', clientId], as(adminKey))
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted OAuth client ${clientId}.\n` })
    expect(await usersStatus(token)).toBe(401)
    const empty = await cli(['oauth-clients', 'list', '--json'], as(adminKey))
    expect(JSON.parse(empty.stdout)).toEqual({ data: [] })
  })

  it('registers a jwks URI, and reports what the server refuses', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const uri = 'https://idp.example.com/.well-known/jwks.json'
    const created = await cli(
      ['oauth-clients', 'create', '--name', 'B', '--jwks-uri', uri, '--json'],
      as(adminKey),
    )
    expect(created.code, created.stderr).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'B', jwksUri: uri })

    const refused = await cli(
      ['oauth-clients', 'create', '--name', 'C', '--jwks-uri', 'http://idp.example.com/j'],
      as(adminKey),
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^error: Invalid jwksUri: url must be https:\. \(HTTP 400\)$/m)
  })

  it('needs exactly one of --jwks-file and --jwks-uri, and a readable JSON file', async () => {
    const { adminKey } = await orgWithAdminKey(worker.url, OPERATOR_KEY)
    const neither = await cli(['oauth-clients', 'create', '--name', 'x'], as(adminKey))
    expect(neither).toMatchObject({ code: 2, stdout: '' })
    expect(neither.stderr).toMatch(/exactly one of --jwks-file and --jwks-uri/)
    const bad = join(temp, 'bad.json')
    writeFileSync(bad, 'not json')
    const notJson = await cli(
      ['oauth-clients', 'create', '--name', 'x', '--jwks-file', bad],
      as(adminKey),
    )
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toMatch(/is not JSON/)
  })
})
