#!/usr/bin/env node
// `npm start`: local D1 migrations, a demo org with a fresh SCIM token and org admin key, then the
// Worker on http://127.0.0.1:8787 with local D1/KV/DO state under .wrangler/. Offline.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const HOST = '127.0.0.1'
const PORT = Number(process.env.PORT ?? 8787)
const BASE = `http://${HOST}:${PORT}`
const DEMO_ORG = { id: 'demo', name: 'Demo org' }

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true', // no interactive confirmation for local migrations
}

function operatorKey() {
  const path = '.dev.vars'
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const match = /^ADMIN_API_KEY=(.+)$/m.exec(existing)
  if (match) return match[1].trim()
  const key = `op_${randomBytes(32).toString('base64url')}`
  writeFileSync(path, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}ADMIN_API_KEY=${key}\n`)
  console.log('Generated a local operator key in .dev.vars (git-ignored).')
  return key
}

function applyMigrations() {
  const run = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}

async function waitForHealth(child) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev exited early')
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('the Worker did not become healthy within 60 s')
}

async function adminCall(key, method, path, body) {
  const res = await fetch(`${BASE}/admin/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  })
  const json = await res.json()
  return { status: res.status, json }
}

async function provisionDemo(opKey) {
  const org = await adminCall(opKey, 'POST', '/orgs', DEMO_ORG)
  if (org.status !== 201 && org.status !== 409) throw new Error(`create org: ${JSON.stringify(org.json)}`)
  const stamp = new Date().toISOString()
  const key = await adminCall(opKey, 'POST', `/orgs/${DEMO_ORG.id}/admin-keys`, { label: `npm start ${stamp}` })
  if (key.status !== 201) throw new Error(`admin key: ${JSON.stringify(key.json)}`)
  const token = await adminCall(key.json.secret, 'POST', `/orgs/${DEMO_ORG.id}/tokens`, { label: `npm start ${stamp}` })
  if (token.status !== 201) throw new Error(`scim token: ${JSON.stringify(token.json)}`)
  return { adminKey: key.json.secret, token: token.json.secret }
}

const opKey = operatorKey()
applyMigrations()
const child = spawn('npx', ['wrangler', 'dev', '--ip', HOST, '--port', String(PORT), '--log-level', 'warn'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))

try {
  await waitForHealth(child)
  const { adminKey, token } = await provisionDemo(opKey)
  console.log(`
scim-edge is running at ${BASE}

  SCIM base URL   ${BASE}/scim/v2
  SCIM token      ${token}
  Org admin key   ${adminKey}
  (both are shown once; only their SHA-256 is stored. The operator key is in .dev.vars.)

  curl -H "Authorization: Bearer ${token}" ${BASE}/scim/v2/ServiceProviderConfig

Press Ctrl+C to stop.
`)
} catch (error) {
  console.error(String(error))
  child.kill('SIGTERM')
  process.exitCode = 1
}
