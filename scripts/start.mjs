#!/usr/bin/env node
// `npm start`: local D1 migrations, a demo org with a fresh SCIM token and org admin key, then the
// Worker on http://127.0.0.1:8787 with local D1/KV/DO state under .wrangler/. Offline.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname } from 'node:path'

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

/**
 * Local settings in .dev.vars (git-ignored), each generated once and then kept: the operator key,
 * the key that seals webhook secrets, and permission for webhooks to http://127.0.0.1 (a local
 * receiver). Returns the operator key.
 */
function localVars() {
  const path = '.dev.vars'
  let text = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const wanted = {
    ADMIN_API_KEY: () => `op_${randomBytes(32).toString('base64url')}`,
    WEBHOOK_SECRETS_KEY: () => randomBytes(32).toString('base64url'),
    WEBHOOK_ALLOW_LOCAL: () => 'true',
  }
  const added = []
  for (const [name, make] of Object.entries(wanted)) {
    if (new RegExp(`^${name}=`, 'm').test(text)) continue
    text += `${text && !text.endsWith('\n') ? '\n' : ''}${name}=${make()}\n`
    added.push(name)
  }
  if (added.length > 0) {
    writeFileSync(path, text)
    console.log(`Generated ${added.join(', ')} in .dev.vars (git-ignored).`)
  }
  return /^ADMIN_API_KEY=(.+)$/m.exec(text)[1].trim()
}

/** The shards' D1 bindings, from wrangler.toml's SHARDS (`id=BINDING[@jurisdiction],…`). */
function shardBindings() {
  const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8')
  const spec = /^SHARDS\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? ''
  const bindings = spec
    .split(',')
    .map((entry) => /=([A-Za-z_][A-Za-z0-9_]*)/.exec(entry)?.[1])
    .filter(Boolean)
  return bindings.length > 0 ? bindings : ['DB']
}

/** Every shard gets the same migrations. */
function applyMigrations() {
  for (const binding of shardBindings()) {
    const run = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', binding, '--local'], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    if (run.status !== 0) process.exit(run.status ?? 1)
  }
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

// The demo org's credentials live beside the local state they belong to (git-ignored, deleted
// with it): a restart reuses them while they still work, so an IdP pointed at this Worker keeps
// working; otherwise the earlier `npm start` credentials are revoked before new ones are minted.
const SAVED = '.wrangler/state/demo-credentials.json'
const LABEL = 'npm start'

async function stillValid(saved) {
  if (!saved?.adminKey || !saved?.token) return false
  const me = await adminCall(saved.adminKey, 'GET', '/me')
  const scim = await fetch(`${BASE}/scim/v2/ServiceProviderConfig`, {
    headers: { Authorization: `Bearer ${saved.token}` },
  })
  await scim.body?.cancel()
  return me.status === 200 && me.json.orgId === DEMO_ORG.id && scim.status === 200
}

/** Revokes every live credential an earlier `npm start` minted for the demo org; returns how many. */
async function revokeEarlier(opKey) {
  let revoked = 0
  const lists = [
    ['/admin-keys', 'keys'],
    ['/tokens', 'tokens'],
  ]
  for (const [path, field] of lists) {
    const list = await adminCall(opKey, 'GET', `/orgs/${DEMO_ORG.id}${path}`)
    for (const t of list.json[field] ?? []) {
      if (!t.label.startsWith(LABEL) || t.revokedAt) continue
      const res = await adminCall(opKey, 'DELETE', `/orgs/${DEMO_ORG.id}${path}/${t.id}`)
      if (res.status === 200) revoked++
    }
  }
  return revoked
}

async function provisionDemo(opKey) {
  const org = await adminCall(opKey, 'POST', '/orgs', DEMO_ORG)
  if (org.status !== 201 && org.status !== 409) throw new Error(`create org: ${JSON.stringify(org.json)}`)
  const saved = existsSync(SAVED) ? JSON.parse(readFileSync(SAVED, 'utf8')) : undefined
  if (await stillValid(saved)) return { ...saved, note: 'reused from the previous `npm start`' }
  const revoked = await revokeEarlier(opKey)
  const label = `${LABEL} ${new Date().toISOString()}`
  const key = await adminCall(opKey, 'POST', `/orgs/${DEMO_ORG.id}/admin-keys`, { label })
  if (key.status !== 201) throw new Error(`admin key: ${JSON.stringify(key.json)}`)
  const token = await adminCall(key.json.secret, 'POST', `/orgs/${DEMO_ORG.id}/tokens`, { label })
  if (token.status !== 201) throw new Error(`scim token: ${JSON.stringify(token.json)}`)
  const minted = { adminKey: key.json.secret, token: token.json.secret }
  mkdirSync(dirname(SAVED), { recursive: true })
  writeFileSync(SAVED, JSON.stringify(minted), { mode: 0o600 })
  const note = revoked > 0 ? `new; ${revoked} from earlier runs revoked` : 'new'
  return { ...minted, note }
}

/** Refuses to start when something else answers on the port (it would be mistaken for us). */
async function ensurePortFree() {
  const free = await new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(PORT, HOST, () => probe.close(() => resolve(true)))
  })
  if (!free) {
    console.error(`Port ${PORT} on ${HOST} is in use. Stop what runs there, or start with PORT=8788 npm start.`)
    process.exit(1)
  }
}

const opKey = localVars()
await ensurePortFree()
applyMigrations()
// Its own process group, so stopping `npm start` stops wrangler and workerd with it.
const child = spawn('npx', ['wrangler', 'dev', '--ip', HOST, '--port', String(PORT), '--log-level', process.env.LOG_LEVEL ?? 'log'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
})
const stop = (signal) => {
  try {
    process.kill(-child.pid, signal)
  } catch {}
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal))
child.on('exit', (code) => process.exit(code ?? 0))

try {
  await waitForHealth(child)
  const { adminKey, token, note } = await provisionDemo(opKey)
  console.log(`
scim-edge is running at ${BASE}

  SCIM base URL   ${BASE}/scim/v2
  SCIM token      ${token}
  Org admin key   ${adminKey}
  Admin console   ${BASE}/admin  (sign in with the org admin key)
  (credentials ${note}; the server keeps only their SHA-256. This local copy is in
   ${SAVED}, deleted with the local state. The operator key is in .dev.vars.)

  curl -H "Authorization: Bearer ${token}" ${BASE}/scim/v2/ServiceProviderConfig

Press Ctrl+C to stop.
`)
} catch (error) {
  console.error(String(error))
  stop('SIGTERM')
  process.exitCode = 1
}
