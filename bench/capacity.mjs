// `npm run bench:capacity`: what the service stores, in bytes, per provisioned user, team,
// membership and event — measured, for the capacity model in docs/scaling.md. The production
// bundle runs in workerd on a fresh local D1; everything is written through the SCIM API as an
// IdP would write it (Okta-shaped users via /Bulk, groups, membership PATCHes), and each step's
// cost is the growth of the database file (D1 reports `size_after` with every result; 4 KiB pages,
// so steps are thousands of rows). Prints a table and writes bench/results/capacity-<time>.json.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { printTable } from './lib/report.mjs'
import { bundle, shardsOf, startRuntime, workerdChildren } from './lib/runtime.mjs'
import * as gen from './lib/scim.mjs'
import { migrateShards } from './lib/seed.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BENCH = join(ROOT, 'bench')
const USERS = 4000
const TEAMS = 200
/** Memberships: every user joins this many teams. */
const TEAMS_PER_USER = 3
const EVENTS = 20_000

const temp = mkdtempSync(join(tmpdir(), 'scim-edge-capacity-'))
const children = new Set()
let runtime

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function stop() {
  await runtime?.mf.dispose().catch(() => {})
  for (const pid of workerdChildren()) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {}
  }
  for (const child of children) child.kill('SIGKILL')
  rmSync(temp, { recursive: true, force: true })
}

/** An Okta-shaped user (test/fixtures/idp/okta): name, work email, enterprise and role attributes. */
const oktaUser = (i) => ({
  schemas: [gen.USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  userName: `person.${i}@capacity.example.com`,
  name: { givenName: `Given${i}`, familyName: `Family${i}` },
  displayName: `Given${i} Family${i}`,
  emails: [{ primary: true, value: `person.${i}@capacity.example.com`, type: 'work' }],
  externalId: `00u${String(i).padStart(17, '0')}`,
  active: true,
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
    employeeNumber: String(100000 + i),
    department: `Department ${i % 40}`,
  },
})

async function main() {
  const out = join(temp, 'build')
  const floorOut = join(temp, 'floor')
  const [script, floorScript] = await Promise.all([
    bundle(ROOT, join(ROOT, 'wrangler.toml'), out, (c) => children.add(c)),
    bundle(ROOT, join(BENCH, 'floor/wrangler.toml'), floorOut, (c) => children.add(c)),
  ])
  const operatorKey = `op_cap_${randomBytes(24).toString('base64url')}`
  const [port, floorPort] = [await freePort(), await freePort()]
  const base = `http://127.0.0.1:${port}`
  runtime = await startRuntime({
    product: { config: join(ROOT, 'wrangler.toml'), script, outdir: out, port },
    floor: {
      config: join(BENCH, 'floor/wrangler.toml'),
      script: floorScript,
      outdir: floorOut,
      port: floorPort,
    },
    persistDir: join(temp, 'state'),
    adminKey: operatorKey,
  })
  // Every shard gets the migrations (as `npm start` applies them); the org is placed on DB's shard,
  // the database whose growth is measured below.
  const shards = await shardsOf(join(ROOT, 'wrangler.toml'))
  await migrateShards(runtime.mf, shards, join(ROOT, 'migrations'))
  const db = await runtime.mf.getD1Database('DB')
  const { token } = await gen.provisionOrg(base, operatorKey, 'capacity', {
    shard: shards.find((s) => s.binding === 'DB').id,
  })
  const scim = gen.scimClient(base, token)
  const size = async () => (await db.prepare('SELECT 1').run()).meta.size_after
  const count = async (sql) => (await db.prepare(sql).first()).n
  const must = (r, what) => {
    if (r.status >= 300)
      throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`)
    return r.json
  }
  const rows = []
  const step = async (what, unit, n, run) => {
    const events0 = await count('SELECT count(*) AS n FROM events')
    const before = await size()
    await run()
    const bytes = (await size()) - before
    const events = (await count('SELECT count(*) AS n FROM events')) - events0
    rows.push({ what, unit, n, bytes, bytesEach: Math.round(bytes / n), eventsWritten: events })
    console.log(`${what}: ${n} ${unit}, ${bytes} bytes, ${events} events`)
  }

  const userIds = []
  await step('users (Okta-shaped, via /Bulk, with their events)', 'users', USERS, async () => {
    for (let start = 0; start < USERS; start += 1000) {
      const Operations = Array.from({ length: 1000 }, (_, k) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `u${start + k}`,
        data: oktaUser(start + k),
      }))
      const body = must(
        await scim('POST', '/Bulk', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
          Operations,
        }),
        'bulk users',
      )
      for (const o of body.Operations) userIds.push(o.location.split('/').pop())
    }
  })
  const teamIds = []
  await step('teams (groups pushed, with their events)', 'teams', TEAMS, async () => {
    for (let t = 0; t < TEAMS; t++) {
      const team = must(
        await scim('POST', '/Groups', { schemas: [gen.GROUP_SCHEMA], displayName: `Team ${t}` }),
        'group',
      )
      teamIds.push(team.id)
    }
  })
  const memberships = USERS * TEAMS_PER_USER
  await step(
    'memberships (group PATCH add, with their events)',
    'memberships',
    memberships,
    async () => {
      for (let t = 0; t < TEAMS; t++) {
        // User i joins teams i, i+1, i+2 (mod TEAMS): every user is in TEAMS_PER_USER teams.
        const members = userIds.filter((_, i) => (t - (i % TEAMS) + TEAMS) % TEAMS < TEAMS_PER_USER)
        must(
          await scim('PATCH', `/Groups/${teamIds[t]}`, {
            schemas: [gen.PATCH_OP],
            Operations: [
              { op: 'add', path: 'members', value: members.map((value) => ({ value })) },
            ],
          }),
          'members',
        )
      }
    },
  )
  // Events alone: copies of the org's own user.updated-sized events (a deactivation's snapshot).
  await step('events (user snapshots, copied in the outbox)', 'events', EVENTS, async () => {
    must(
      await scim('PATCH', `/Users/${userIds[0]}`, {
        schemas: [gen.PATCH_OP],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
      'deactivate',
    )
    const { seq } = await db
      .prepare("SELECT max(seq) AS seq FROM events WHERE org_id = 'capacity'")
      .first()
    for (let start = 0; start < EVENTS; start += 5000) {
      await db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
          INSERT INTO events (org_id, seq, id, type, resource_type, resource_id, token_id, actor, data, previous, created_at)
          SELECT e.org_id, e.seq + ?2 + n.i, lower(hex(randomblob(16))), e.type, e.resource_type, e.resource_id,
            e.token_id, e.actor, e.data, e.previous, e.created_at
          FROM events e, n WHERE e.org_id = 'capacity' AND e.seq = ?1`,
        )
        .bind(seq, start)
        .run()
    }
  })
  const rowCounts = {}
  for (const table of [
    'users',
    'user_emails',
    'teams',
    'team_members',
    'events',
    'role_assignments',
  ]) {
    rowCounts[table] = await count(`SELECT count(*) AS n FROM ${table}`)
  }
  console.log('')
  printTable({
    head: ['step', 'count', 'bytes', 'bytes each', 'events written'],
    rows: rows.map((r) => [r.what, `${r.n} ${r.unit}`, r.bytes, r.bytesEach, r.eventsWritten]),
  })
  const resultsDir = join(BENCH, 'results')
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `capacity-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ rows, rowCounts, totalBytes: await size() }, null, 2))
  console.log(`\nrows: ${JSON.stringify(rowCounts)}\nresults: ${file}`)
}

try {
  await main()
} finally {
  await stop()
}
