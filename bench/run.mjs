#!/usr/bin/env node
// scim-edge benchmark: `npm run bench` (quick, CI-sized, < 3 min) and `npm run bench:full`.
//
// How the Worker runs, and why:
//   * Built with `wrangler deploy --dry-run --outdir <tmp>`: the exact bundle a deploy uploads
//     (same esbuild settings, same entry, no dev-only middleware).
//   * Run with Miniflare's programmatic API, the Miniflare that wrangler itself depends on (resolved
//     through wrangler's package, so its workerd is wrangler's). Bindings, Durable Object classes,
//     compatibility date and flags come from wrangler.toml through wrangler's
//     unstable_getMiniflareWorkerOptions, as `wrangler dev` and the vitest pool read them.
//   * No `wrangler dev`: no ProxyWorker, no Miniflare entry worker in front (each Worker is reached
//     through an `unsafeDirectSockets` socket straight into its default entrypoint), request
//     logging off, local observability/tracing off, no inspector.
//   * D1, KV and Durable Object state persist under a fresh temp dir, deleted at the end
//     (--keep keeps it). Migrations are migrations/*.sql, split like `wrangler d1 migrations apply`.
//   * The org and its SCIM token are made through the real admin API (operator key passed as the
//     ADMIN_API_KEY binding → POST /admin/v1/orgs → admin-keys → tokens with the admin key). The
//     org is created with the highest per-org read/write rates the API allows (100,000/s), so the
//     run measures capacity rather than the rate limiter (whose bookkeeping still runs).
//   * Big stores are seeded with bulk SQL straight into D1 (test/helpers/seed.ts row shape).
//   * Shards: migrations go to every D1 binding wrangler.toml's SHARDS lists, and every org seeded
//     with SQL is created with an explicit "shard" and seeded into that shard's database (the bench
//     org on `main` = DB, which the floor also reads). The shard scenarios run last: two hot orgs on
//     one shard vs two (SHARD_2), and a noisy neighbour on the same shard vs another. Locally every
//     D1 database lives in the one workerd process, so they show the routing and what separate
//     databases buy on this machine, not on Cloudflare.
//   * The platform floor is bench/floor (its own wrangler.toml, same compatibility date and flags,
//     bound to the same D1 and KV), in the same workerd process, measured in the same run.
//   * Load: autocannon in this process, 127.0.0.1 only, fixed connections and duration per
//     scenario, after a short warm-up. Latency percentiles come from every response (sub-ms).
//     In --full each SCIM run is split into 3 slices alternating with 3 slices of its floor, so
//     the ratio is taken under the same background load (this machine is shared).
//   * Peak RSS is the workerd child's VmHWM (reset through /proc/<pid>/clear_refs before each
//     scenario) and its highest sampled VmRSS. Each store size (1k, 10k, 100k) starts a fresh
//     workerd on the persisted state, and its first load is the same filter-eq run, so peak RSS
//     compares across store sizes (RSS otherwise climbs with process age).
//   * Group commit evidence: the OrgWriter's commitStats() (writes, D1 batches) is read through
//     Miniflare before and after each write scenario.
//   * Everything is bounded: fixed durations, a global deadline, and on exit, SIGINT or SIGTERM
//     Miniflare is disposed and any workerd child still alive is killed by its PID.
//
// Quick (default): 2 s per scenario after 0.5 s warm-up, 1k/10k/100k stores, no 100k imports.
// Flags: --full (12 s per scenario paired with its floor, 100k imports and deep pages, rewrites the
// generated part of bench/RESULTS.md), --duration S, --connections N, --note "text" (the "what
// changed" note in RESULTS.md), --keep (keep the temp dir), --no-results-md, --port N (with
// --serve), --serve: start the production bundle exactly as the benchmark runs it, on a loopback
// port, make a fresh org, print its SCIM base URL, token and admin key, and serve until
// interrupted (no scenarios, no deadline) — for external load tools and other suites.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseD1Rows, runConfigs, runLoad, percentile } from './lib/load.mjs'
import { load, memoryOf, peakSampler } from './lib/proc.mjs'
import {
  attachRatios,
  changesSince,
  checkTargets,
  machine,
  markdownTable,
  printTable,
  scenarioTable,
  shardFindings,
  shardTable,
  timedTable,
} from './lib/report.mjs'
import { bundle, shardsOf, startRuntime, versions, workerdChildren } from './lib/runtime.mjs'
import * as gen from './lib/scim.mjs'
import {
  countUsers,
  migrateShards,
  seedExtensionValues,
  seedMembers,
  seedUsers,
} from './lib/seed.mjs'

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(
    `bench: Node ${process.version}; wrangler needs Node 22. Run it as \`npm run bench\` (node@22 comes with the dev dependencies).`,
  )
  process.exit(1)
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BENCH = join(ROOT, 'bench')
const ORG = 'bench'

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string' },
    note: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-results-md': { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    port: { type: 'string' },
  },
})
const FULL = flags.full
const CFG = {
  mode: FULL ? 'full' : 'quick',
  durationSec: Number(flags.duration ?? (FULL ? 12 : 2)),
  /** Full mode: each SCIM run is 3 slices alternating with 3 equal slices of its floor. */
  pairRounds: FULL ? 3 : 0,
  warmupSec: FULL ? 2 : 0.5,
  connections: Number(flags.connections ?? 10),
  sizes: [1_000, 10_000, 100_000],
  groupSizes: [10, 10_000, 100_000],
  /** Users outside every group, each added once by the add-one-member runs. */
  pool: FULL ? 40_000 : 4_000,
  patch1000Runs: FULL ? 10 : 4,
  import100k: FULL,
  deadlineSec: FULL ? 30 * 60 : 5 * 60,
}

// ---------------------------------------------------------------- lifecycle and clean-up
const started = Date.now()
const startLoad = load()
const temp = mkdtempSync(join(tmpdir(), 'scim-edge-bench-'))
const children = new Set()
let runtime
let cleaning
/** Set once clean-up starts: the run stops at its next step instead of starting new work. */
let stopping = false
const checkStopping = () => {
  if (stopping) throw new Error('stopped')
}

async function cleanup() {
  stopping = true
  if (cleaning) return cleaning
  cleaning = (async () => {
    const pids = workerdChildren()
    if (runtime) {
      await Promise.race([
        runtime.mf.dispose().catch(() => {}),
        new Promise((r) => setTimeout(r, 5000)),
      ])
    }
    for (const pid of [...pids, ...workerdChildren()]) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
    }
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    if (!flags.keep) {
      try {
        rmSync(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
      } catch (error) {
        console.error(`could not remove ${temp}: ${error}`)
      }
    } else console.log(`kept ${temp}`)
  })()
  return cleaning
}
// Last resort, synchronous: whatever way the process ends, no workerd child and no temp dir stay.
process.on('exit', () => {
  for (const p of workerdChildren()) {
    try {
      process.kill(p, 'SIGKILL')
    } catch {}
  }
  if (!flags.keep) {
    try {
      rmSync(temp, { recursive: true, force: true })
    } catch {}
  }
})
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {}) // EPIPE (| head)
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    console.error(`${event}: ${error?.stack ?? error}`)
    cleanup().finally(() => process.exit(1))
  })
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`)
    cleanup().finally(() => process.exit(130))
  })
}
const deadline = setTimeout(() => {
  console.error(`bench: deadline of ${CFG.deadlineSec}s reached, stopping`)
  cleanup().finally(() => process.exit(1))
}, CFG.deadlineSec * 1000)
deadline.unref()
if (flags.serve) clearTimeout(deadline) // serves until interrupted

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`
const say = (msg) => console.log(`[${elapsed()}] ${msg}`)

// ---------------------------------------------------------------- worker logs
const workerLogs = { errors: 0, shown: 0 }
function onLog(log) {
  const level = String(log.level ?? '')
  if (level === 'error' || level === 'warn') {
    workerLogs.errors++
    if (workerLogs.shown++ < 8)
      console.error(
        `  workerd ${level}: ${String(log.message ?? JSON.stringify(log)).slice(0, 400)}`,
      )
  }
}

/** A loopback TCP server that accepts connections and never answers (a dead webhook endpoint). */
async function blackhole() {
  const sockets = new Set()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    close() {
      for (const socket of sockets) socket.destroy()
      server.close()
    },
  }
}

// ---------------------------------------------------------------- scenario helpers
const scenarios = []
const timed = []
const memory = { idleAfterSeed: {}, idleFresh: {} }
let pid
let productBase
let floorBase
let headers
let workerdBinaryVersion = 'n/a'
/** Seeded user ids: ids[i] is user i (userName user<i>@bench.test). */
const ids = []
let orgLimits
/** The product revision that was bundled. */
let productInfo = {}

async function probe(base, next, with_ = headers) {
  const r = next()
  const res = await fetch(`${base}${r.path}`, {
    method: r.method,
    headers: { ...with_, ...r.headers },
    body: r.body,
    signal: AbortSignal.timeout(30_000),
  })
  const text = await res.text()
  return { status: res.status, text, trips: res.headers.get('x-io-trips') }
}

/** One load scenario: a sequential probe (must be 2xx), warm-up, then the measured run. */
/** A fresh request generator for a floor scenario, to pair it with a SCIM scenario. */
function floorNext(floorId) {
  const [name, size] = floorId.split('@')
  if (name === 'floor.d1') return gen.floorRequests.d1(ORG, ids, Number(size), 7)
  if (name === 'floor.do_d1') return gen.floorRequests.doWrite(`${ORG}-paired`)
  throw new Error(`no paired floor for ${floorId}`)
}

/** The org writer's own counters (group commit): writes committed and D1 batches used. */
async function writerStats() {
  try {
    const ns = await runtime.mf.getDurableObjectNamespace('ORG_WRITER', 'scim-edge')
    const stats = await ns.get(ns.idFromName(ORG)).commitStats()
    return stats && typeof stats.writes === 'number'
      ? { writes: stats.writes, batches: stats.batches }
      : undefined
  } catch {
    return undefined
  }
}

/**
 * One load scenario: a sequential probe (must be 2xx), warm-up, then the measured run; in full
 * mode alternating with slices of its floor (the ratio is then taken against that paired floor).
 */
async function scenario(
  id,
  label,
  { kind, floorId, store, groupSize, base = productBase, next, connections = CFG.connections },
) {
  checkStopping()
  const check = await probe(base, next)
  if (check.status < 200 || check.status >= 300) {
    console.error(`  ${id}: probe answered ${check.status}: ${check.text.slice(0, 300)}`)
  }
  const before = kind === 'write' ? await writerStats() : undefined
  const pair =
    CFG.pairRounds > 0 && floorId ? { base: floorBase, next: floorNext(floorId) } : undefined
  const r = await runLoad({
    base,
    connections,
    durationSec: CFG.durationSec,
    warmupSec: CFG.warmupSec,
    headers,
    next,
    pid,
    pair,
    rounds: CFG.pairRounds,
  })
  const after = kind === 'write' ? await writerStats() : undefined
  const s = { id, label, kind, floorId, store, groupSize, probeStatus: check.status, ...r }
  if (before && after && after.batches > before.batches) {
    s.writerCommits = {
      writes: after.writes - before.writes,
      batches: after.batches - before.batches,
    }
    s.writesPerBatch = s.writerCommits.writes / s.writerCommits.batches
  }
  scenarios.push(s)
  const floorText = r.pairedFloor ? `  paired floor ${Math.round(r.pairedFloor.rps)} req/s` : ''
  const batchText = s.writesPerBatch ? `  ${s.writesPerBatch.toFixed(2)} writes/batch` : ''
  say(
    `${label.padEnd(34)} ${String(Math.round(r.rps)).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  err ${r.errors}/${r.non2xx}  trips ${r.trips}${rowsText(r)}  rss ${r.peakRssMiB?.toFixed(0)} MiB${floorText}${batchText}`,
  )
  return s
}

const rowsText = (r) =>
  r.rowsRead === undefined
    ? ''
    : `  d1 rows ${r.rowsRead.toFixed(1)} read/${r.rowsWritten.toFixed(1)} written`

/** Mean and max of X-D1-Rows headers (strings or null), as summarize() in lib/load.mjs reports them. */
function rowsOf(headerValues) {
  const parsed = headerValues.map(parseD1Rows).filter(Boolean)
  if (parsed.length === 0) return {}
  const sum = (i) => parsed.reduce((n, p) => n + p[i], 0)
  return {
    rowsRead: sum(0) / parsed.length,
    rowsWritten: sum(1) / parsed.length,
    rowsReadMax: Math.max(...parsed.map((p) => p[0])),
  }
}

function summarizeTimed(id, label, store, durations, tripsSeen, errors, totalMs, mem, extra = {}) {
  const sorted = durations.slice().sort((a, b) => a - b)
  const tally = new Map()
  for (const t of tripsSeen) if (t) tally.set(t, (tally.get(t) ?? 0) + 1)
  const trips = [...tally.entries()].sort((a, b) => b[1] - a[1])
  const t = {
    id,
    label,
    store,
    count: durations.length,
    totalMs,
    min: sorted[0],
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    errors,
    trips: trips.length === 0 ? 'n/a' : trips[0][0] + (trips.length > 1 ? '*' : ''),
    tripsMix: trips.length > 1 ? Object.fromEntries(trips.slice(0, 5)) : undefined,
    peakRssMiB: mem?.peakMiB,
    ...extra,
  }
  timed.push(t)
  say(
    `${label.padEnd(34)} ${t.count} in ${(totalMs / 1000).toFixed(2)} s  p50 ${t.p50?.toFixed(1)} ms  max ${t.max?.toFixed(1)} ms  errors ${errors}  trips ${t.trips}${rowsText(t)}`,
  )
  return t
}

/** Sequential import of every user, count=100, by startIndex or by cursor (RFC 9865). */
async function importAll(mode, store) {
  checkStopping()
  const scim = gen.scimClient(productBase, headers.Authorization.slice(7))
  const durations = []
  const trips = []
  const rows = []
  const seen = new Set()
  const cursors = []
  let errors = 0
  const sampler = peakSampler(pid)
  const t0 = performance.now()
  if (mode === 'index') {
    for (let start = 1; ; start += 100) {
      const t = performance.now()
      const r = await scim('GET', `/Users?startIndex=${start}&count=100`)
      durations.push(performance.now() - t)
      trips.push(r.headers.get('x-io-trips'))
      rows.push(r.headers.get('x-d1-rows'))
      if (r.status !== 200) {
        errors++
        break
      }
      for (const u of r.json.Resources) seen.add(u.id)
      if (r.json.Resources.length === 0 || start + 100 > r.json.totalResults) break
    }
  } else {
    let cursor = ''
    for (;;) {
      const t = performance.now()
      const r = await scim('GET', `/Users?cursor=${encodeURIComponent(cursor)}&count=100`)
      durations.push(performance.now() - t)
      trips.push(r.headers.get('x-io-trips'))
      rows.push(r.headers.get('x-d1-rows'))
      if (r.status !== 200) {
        errors++
        break
      }
      for (const u of r.json.Resources) seen.add(u.id)
      if (!r.json.nextCursor) break
      cursor = r.json.nextCursor
      cursors.push(cursor)
    }
  }
  const totalMs = performance.now() - t0
  const mem = sampler.stop()
  if (seen.size !== store) {
    errors++
    console.error(`  import by ${mode}: saw ${seen.size} distinct users, expected ${store}`)
  }
  summarizeTimed(
    `users.import_${mode}@${store}`,
    `full import by ${mode} (count=100)`,
    store,
    durations,
    trips,
    errors,
    totalMs,
    mem,
    { users: seen.size, ...rowsOf(rows) },
  )
  return cursors
}

async function seedTo(db, ids, size) {
  const t = performance.now()
  await seedUsers(db, ORG, ids, size)
  const n = await countUsers(db, ORG)
  await new Promise((r) => setTimeout(r, 300))
  memory.idleAfterSeed[size] = memoryOf(pid)?.rssMiB
  say(
    `seeded users to ${n.toLocaleString('en-US')} in ${((performance.now() - t) / 1000).toFixed(1)} s (workerd RSS ${memory.idleAfterSeed[size]?.toFixed(0)} MiB)`,
  )
}

/**
 * --serve: the product as the benchmark runs it, left running for someone else's load. Ends on
 * SIGINT/SIGTERM like every run (workerd disposed, temp state removed unless --keep).
 */
async function serve({ token, adminKey, operatorKey, mainShard }) {
  const listed = await gen.call(productBase, operatorKey, 'GET', '/admin/v1/shards')
  const shardList =
    listed.status === 200
      ? listed.json.data
          .map((s) => `${s.id}=${s.binding}${s.jurisdiction ? `@${s.jurisdiction}` : ''}`)
          .join(', ')
      : `GET /admin/v1/shards answered ${listed.status}`
  console.log(
    [
      '',
      'scim-edge is serving the production bundle (workerd, no dev proxy); Ctrl-C stops it.',
      `  SCIM base URL     ${productBase}/scim/v2`,
      `  SCIM token        ${token}`,
      `  org               ${ORG} on shard ${mainShard}  (reads and writes per second: ${orgLimits?.readsPerSecond ?? 'default'})`,
      `  shards            ${shardList}  (migrated; POST /admin/v1/orgs takes "shard")`,
      `  org admin key     ${adminKey}    (${productBase}/admin/v1/orgs/${ORG}/…)`,
      `  operator key      ${operatorKey}`,
      `  platform floor    ${floorBase}  (bench/floor: trivial route, D1 select, DO→D1 write)`,
      `  state             ${temp}`,
      '',
      `  e.g. curl -H 'Authorization: Bearer ${token}' ${productBase}/scim/v2/Users?count=1`,
      '',
    ].join('\n'),
  )
  await new Promise(() => {}) // until a signal ends the process (cleanup above)
}

// ---------------------------------------------------------------- the run
async function main() {
  say(
    `scim-edge bench (${CFG.mode}): ${CFG.durationSec}s per scenario after ${CFG.warmupSec}s warm-up, ${CFG.connections} connections, 127.0.0.1 only`,
  )
  const outProduct = join(temp, 'build/product')
  const outFloor = join(temp, 'build/floor')
  const [productScript, floorScript] = await Promise.all([
    bundle(ROOT, join(ROOT, 'wrangler.toml'), outProduct, (c) => children.add(c)),
    bundle(ROOT, join(BENCH, 'floor/wrangler.toml'), outFloor, (c) => children.add(c)),
  ])
  say('bundled with wrangler deploy --dry-run')
  // What was bundled: the revision at build time (others may commit while the run goes on).
  const git = (...args) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? ''
  productInfo = {
    commit: git('rev-parse', '--short', 'HEAD'),
    subject: git('log', '-1', '--format=%s').slice(0, 120),
    uncommittedFiles: git('status', '--porcelain', '--', 'src', 'migrations', 'wrangler.toml')
      .split('\n')
      .filter(Boolean).length,
  }

  const operatorKey = `op_bench_${randomBytes(24).toString('base64url')}`
  const [productPort, floorPort] = [
    flags.port ? Number(flags.port) : await freePort(),
    await freePort(),
  ]
  productBase = `http://127.0.0.1:${productPort}`
  floorBase = `http://127.0.0.1:${floorPort}`
  let db
  /** (Re)starts workerd on the persisted state: each store size is measured in a fresh process. */
  /** `bindings`: extra Worker bindings for this process (e.g. ACTIVITY_LOG=off). */
  const boot = async (bindings = {}) => {
    checkStopping()
    if (runtime) {
      const old = workerdChildren()
      await runtime.mf.dispose()
      runtime = undefined
      for (const p of [...old, ...workerdChildren()]) {
        try {
          process.kill(p, 'SIGKILL')
        } catch {}
      }
    }
    runtime = await startRuntime({
      product: {
        config: join(ROOT, 'wrangler.toml'),
        script: productScript,
        outdir: outProduct,
        port: productPort,
      },
      floor: {
        config: join(BENCH, 'floor/wrangler.toml'),
        script: floorScript,
        outdir: outFloor,
        port: floorPort,
      },
      persistDir: join(temp, 'state'),
      adminKey: operatorKey,
      productBindings: bindings,
      onLog,
    })
    const pids = workerdChildren()
    pid = pids[0]
    if (pids.length !== 1)
      console.error(`  expected one workerd child, found ${pids.join(', ') || 'none'}`)
    db = await runtime.mf.getD1Database('DB')
    say(`workerd started: pid ${pid}, RSS ${memoryOf(pid)?.rssMiB.toFixed(0)} MiB`)
  }
  await boot()
  try {
    workerdBinaryVersion = spawnSync(readlinkSync(`/proc/${pid}/exe`), ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
    }).stdout.trim()
  } catch {}
  say(
    `compatibility_date ${runtime.compatibilityDate}, flags ${runtime.compatibilityFlags.join(',')}; ${workerdBinaryVersion}`,
  )
  // Every shard (wrangler.toml SHARDS) gets the migrations; the floor's table goes to DB only.
  const shards = await shardsOf(join(ROOT, 'wrangler.toml'))
  await migrateShards(runtime.mf, shards, join(ROOT, 'migrations'), [
    join(BENCH, 'floor/schema.sql'),
  ])
  // The bench org is seeded with SQL into DB (and the floor reads DB): it is placed on DB's shard.
  const mainShard = shards.find((s) => s.binding === 'DB').id
  const { token, limits, adminKey } = await gen.provisionOrg(productBase, operatorKey, ORG, {
    shard: mainShard,
  })
  orgLimits = limits
  if (flags.serve) return serve({ token, adminKey, operatorKey, mainShard })
  headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' }
  const kvKey = `token:${createHash('sha256').update(token).digest('hex')}`
  say(
    `migrations applied to ${shards.length} shard(s) (${shards.map((s) => `${s.id}=${s.binding}`).join(', ')}); org on ${mainShard}, admin key and SCIM token made through /admin/v1`,
  )

  const [s1k, s10k, s100k] = CFG.sizes
  // Each store size starts in a fresh workerd whose first load is the same filter-eq run, so its
  // peak RSS compares across sizes (RSS otherwise climbs with the process's age, not the store).
  const freshAt = async (size) => {
    await seedTo(db, ids, size)
    await boot()
    memory.idleFresh[size] = memoryOf(pid)?.rssMiB
  }

  // -- 1k users
  await freshAt(s1k)
  await scenario(`users.filter_eq@${s1k}`, 'GET /Users?filter=userName eq', {
    kind: 'read',
    floorId: `floor.d1@${s1k}`,
    store: s1k,
    next: gen.filterUserName(s1k),
  })
  await scenario(`floor.d1@${s1k}`, 'floor: D1 keyed select', {
    kind: 'floor',
    store: s1k,
    base: floorBase,
    next: gen.floorRequests.d1(ORG, ids, s1k),
  })

  // -- 10k users: floors, per-user reads and writes, imports, deep pages
  await freshAt(s10k)
  await scenario(`users.filter_eq@${s10k}`, 'GET /Users?filter=userName eq', {
    kind: 'read',
    floorId: `floor.d1@${s10k}`,
    store: s10k,
    next: gen.filterUserName(s10k),
  })
  await scenario('floor.trivial', 'floor: trivial route', {
    kind: 'floor',
    base: floorBase,
    next: gen.floorRequests.trivial(),
  })
  await scenario('floor.kv', 'floor: KV get', {
    kind: 'floor',
    base: floorBase,
    next: gen.floorRequests.kv(kvKey),
  })
  await scenario(`floor.d1@${s10k}`, 'floor: D1 keyed select', {
    kind: 'floor',
    store: s10k,
    base: floorBase,
    next: gen.floorRequests.d1(ORG, ids, s10k),
  })
  if (FULL) {
    // Paired with the D1 select: the ratio is what one KV get in front of D1 costs a read.
    await scenario(`floor.kv_d1@${s10k}`, 'floor: KV get → D1 select', {
      kind: 'floor',
      floorId: `floor.d1@${s10k}`,
      store: s10k,
      base: floorBase,
      next: gen.floorRequests.kvD1(kvKey, ORG, ids, s10k),
    })
  }
  await scenario('floor.do_d1', 'floor: DO → D1 row write', {
    kind: 'floor',
    base: floorBase,
    next: gen.floorRequests.doWrite(ORG),
  })
  await scenario(`users.get@${s10k}`, 'GET /Users/{id}', {
    kind: 'read',
    floorId: `floor.d1@${s10k}`,
    store: s10k,
    next: gen.getUsers(ids, s10k),
  })
  await importAll('index', s10k)
  const cursors10k = await importAll('cursor', s10k)
  await scenario(`users.page_index@${s10k}`, 'GET /Users deep page startIndex', {
    kind: 'read',
    floorId: `floor.d1@${s10k}`,
    store: s10k,
    next: gen.fixedGet(`/scim/v2/Users?startIndex=${s10k - 99}&count=100`),
  })
  await scenario(`users.page_cursor@${s10k}`, 'GET /Users deep page cursor', {
    kind: 'read',
    floorId: `floor.d1@${s10k}`,
    store: s10k,
    next: gen.fixedGet(`/scim/v2/Users?cursor=${encodeURIComponent(cursors10k.at(-1))}&count=100`),
  })
  await scenario('users.patch_entra', 'PATCH /Users/{id} (Entra 3 ops)', {
    kind: 'write',
    floorId: 'floor.do_d1',
    store: s10k,
    next: gen.entraPatch(ids, s10k),
  })
  await scenario('users.put_okta', 'PUT /Users/{id} (Okta object)', {
    kind: 'write',
    floorId: 'floor.do_d1',
    store: s10k,
    next: gen.oktaPut(ids, s10k),
  })

  // -- the same PATCH while a webhook endpoint that never answers receives every event: the SCIM
  // write path must not notice (the relay sends after the write is answered; deliveries run in
  // the queue consumer, each attempt waiting out its 10 s timeout on the dead endpoint).
  {
    const dead = await blackhole()
    const hook = await gen.call(productBase, operatorKey, 'POST', '/admin/v1/webhooks', {
      url: `http://127.0.0.1:${dead.port}/never-answers`,
    })
    if (hook.status !== 201)
      throw new Error(`POST /webhooks: ${hook.status} ${JSON.stringify(hook.json)}`)
    await scenario(
      'users.patch_entra.dead_webhook',
      'PATCH /Users/{id} (Entra 3 ops), dead webhook',
      {
        kind: 'write',
        floorId: 'floor.do_d1',
        store: s10k,
        next: gen.entraPatch(ids, s10k, 5),
      },
    )
    await gen.call(productBase, operatorKey, 'DELETE', `/admin/v1/webhooks/${hook.json.id}`)
    dead.close()
  }

  // -- what recording provisioning activity costs the SCIM path: the same PATCH in a fresh process
  // with ACTIVITY_LOG=off, then in a fresh process with it on (the default), back to back.
  for (const [id, label, bindings] of [
    [
      'users.patch_entra.activity_off',
      'PATCH /Users/{id} (Entra 3 ops), activity off',
      { ACTIVITY_LOG: 'off' },
    ],
    ['users.patch_entra.activity_on', 'PATCH /Users/{id} (Entra 3 ops), activity on', {}],
  ]) {
    await boot(bindings)
    await scenario(id, label, {
      kind: 'write',
      floorId: 'floor.do_d1',
      store: s10k,
      next: gen.entraPatch(ids, s10k, 6),
    })
  }

  // -- 100k users
  await freshAt(s100k)
  await scenario(`users.filter_eq@${s100k}`, 'GET /Users?filter=userName eq', {
    kind: 'read',
    floorId: `floor.d1@${s100k}`,
    store: s100k,
    next: gen.filterUserName(s100k),
  })
  await scenario(`floor.d1@${s100k}`, 'floor: D1 keyed select', {
    kind: 'floor',
    store: s100k,
    base: floorBase,
    next: gen.floorRequests.d1(ORG, ids, s100k),
  })
  if (FULL) {
    await scenario(`users.get@${s100k}`, 'GET /Users/{id}', {
      kind: 'read',
      floorId: `floor.d1@${s100k}`,
      store: s100k,
      next: gen.getUsers(ids, s100k),
    })
  }
  if (CFG.import100k) {
    const cursors100k = await importAll('cursor', s100k)
    await scenario(`users.page_cursor@${s100k}`, 'GET /Users deep page cursor', {
      kind: 'read',
      floorId: `floor.d1@${s100k}`,
      store: s100k,
      next: gen.fixedGet(
        `/scim/v2/Users?cursor=${encodeURIComponent(cursors100k.at(-1))}&count=100`,
      ),
    })
    await scenario(`users.page_index@${s100k}`, 'GET /Users deep page startIndex', {
      kind: 'read',
      floorId: `floor.d1@${s100k}`,
      store: s100k,
      next: gen.fixedGet(`/scim/v2/Users?startIndex=${s100k - 99}&count=100`),
    })
    await importAll('index', s100k)
  }

  // -- groups of 10, 10k and 100k members; a pool of users outside them for real adds
  await seedTo(db, ids, s100k + CFG.pool)
  const pool = ids.slice(s100k, s100k + CFG.pool)
  const scim = gen.scimClient(productBase, token)
  const groups = {}
  for (const size of [...CFG.groupSizes, 'bulk']) {
    const r = await scim('POST', '/Groups', {
      schemas: [gen.GROUP_SCHEMA],
      displayName: `bench group ${size}`,
    })
    if (r.status !== 201) throw new Error(`POST /Groups: ${r.status} ${JSON.stringify(r.json)}`)
    groups[size] = r.json.id
    await seedMembers(db, ORG, r.json.id, ids.slice(0, size === 'bulk' ? s10k : size))
  }
  say(
    `groups of ${CFG.groupSizes.join(', ')} members (+ a 10k group for bulk PATCH) seeded; pool of ${CFG.pool} users`,
  )
  for (const size of CFG.groupSizes) {
    const next = gen.addOneMember(groups[size], pool)
    const s = await scenario(`groups.add_one@${size}`, 'PATCH /Groups/{id} add 1 member', {
      kind: 'write',
      floorId: 'floor.do_d1',
      store: s100k + CFG.pool,
      groupSize: size,
      next,
    })
    s.label = `${s.label} (group ${size >= 1000 ? `${size / 1000}k` : size})`
    // Every answered add must have added a member: the count grew by probe + warm-up + run.
    const row = await db
      .prepare('SELECT member_count AS n FROM teams WHERE org_id = ?1 AND id = ?2')
      .bind(ORG, groups[size])
      .first()
    s.membersAdded = row.n - size
    s.poolUsed = next.used()
  }

  // -- one PATCH with 1,000 member changes: alternately add and remove the same 1,000 users
  {
    const batch = pool.slice(0, 1000)
    const durations = []
    const trips = []
    let errors = 0
    const sampler = peakSampler(pid)
    const t0 = performance.now()
    for (let run = 0; run < CFG.patch1000Runs; run++) {
      const op = run % 2 === 0 ? 'add' : 'remove'
      const t = performance.now()
      const r = await scim('PATCH', `/Groups/${groups.bulk}`, gen.membersPatch(op, batch))
      durations.push(performance.now() - t)
      trips.push(r.headers.get('x-io-trips'))
      if (r.status !== 204 && r.status !== 200) {
        errors++
        console.error(
          `  PATCH 1,000 members (${op}): ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`,
        )
      }
    }
    const count = await db
      .prepare('SELECT member_count AS n FROM teams WHERE org_id = ?1 AND id = ?2')
      .bind(ORG, groups.bulk)
      .first()
    const expected = s10k + (CFG.patch1000Runs % 2 === 1 ? 1000 : 0)
    if (count.n !== expected) {
      errors++
      console.error(`  bulk group member_count ${count.n}, expected ${expected}`)
    }
    summarizeTimed(
      'groups.patch_1000',
      'PATCH 1,000 member changes (10k group, add/remove alternating)',
      s10k,
      durations,
      trips,
      errors,
      performance.now() - t0,
      sampler.stop(),
    )
  }

  // -- creates last: they grow the store
  await scenario('users.create', 'POST /Users (unique userName)', {
    kind: 'write',
    floorId: 'floor.do_d1',
    store: s100k + CFG.pool,
    next: gen.createUsers(randomBytes(3).toString('hex')),
  })

  await bulkCreates(s100k + CFG.pool)

  // -- an attribute of an org-declared extension (docs/extensions.md): `eq` probes its value index.
  // Declared last, and measured in a fresh process, so no other scenario runs with it.
  {
    const urn = 'urn:bench:params:scim:schemas:extension:bench:2.0:User'
    const declared = await gen.call(
      productBase,
      adminKey,
      'PUT',
      `/admin/v1/orgs/${ORG}/extensions/${encodeURIComponent(urn)}`,
      { name: 'Bench', attributes: [{ name: 'costCenter', type: 'string' }] },
    )
    if (declared.status !== 200) throw new Error(`declare extension: ${declared.status}`)
    await seedExtensionValues(db, ORG, urn, EXTENSION_VALUES)
    await boot()
    const store = await countUsers(db, ORG)
    await scenario(`users.filter_ext_eq@${s100k}`, 'GET /Users?filter=<extension attr> eq', {
      kind: 'read',
      floorId: `floor.d1@${s100k}`,
      store,
      next: gen.filterExtension(urn, EXTENSION_VALUES),
    })
  }

  // -- shards: two hot orgs on one D1 shard vs on two; a noisy neighbour on the same shard vs not
  await shardScenarios({ boot, operatorKey, shards, mainShard })

  return { productPort, floorPort }
}

// ---------------------------------------------------------------- shard scenarios
/** Rows of the shard table (report.mjs shardTable). */
const shardRuns = []
/** Users seeded into each org of the shard scenarios. */
const SHARD_STORE = 10_000
/** The share of PATCHes in the two hot orgs' loads (the rest: userName eq). */
const HOT_WRITE_SHARE = 0.1
/** Connections of the quiet org in the noisy-neighbour runs (the noisy org has CFG.connections). */
const QUIET_CONNECTIONS = 2
/** Full mode: each configuration's run is split into this many slices, alternating between them. */
const SHARD_SLICES_FULL = 3
/** Quick mode: 2 slices of 1 s, so the configurations still alternate (ordering drift cancels). */
const SHARD_SLICES_QUICK = 2
const SHARD_NOTE =
  "Locally every D1 database is a SQLite file served by the same workerd process that runs the Workers and Durable Objects, on a machine whose cores autocannon shares; the CPU column is that process (all threads; in brackets its busiest thread's share and how many threads used ≥ 5% of a core). So these runs show that the routing works (each org's reads and writes reach its own shard's database and no other) and what separate databases buy on this machine, not on Cloudflare, where each D1 database is a separate instance that runs its queries one at a time: there, two shards are two independent queues."

/**
 * Three orgs of SHARD_STORE users each, placed explicitly: A and B on the control shard (DB), C on
 * the first other shard outside a jurisdiction (SHARD_2), each seeded with SQL into its own shard's
 * D1. B and C are the same org on different shards, so every comparison swaps B for C:
 *   * two hot orgs: A and B (one shard), then A and C (two shards), each hammered at once with
 *     userName eq reads and 10% Entra PATCHes: combined and per-org req/s, p50, p99;
 *   * noisy neighbour: A walks every userName (`co` filter) at full concurrency while the quiet org
 *     (B, then C) does keyed reads at low concurrency: the quiet org's latency, against it alone.
 * In full mode each run is split into slices alternating between the configurations.
 */
async function shardScenarios({ boot, operatorKey, shards, mainShard }) {
  checkStopping()
  const main = shards.find((s) => s.id === mainShard)
  const other = shards.find((s) => s.id !== mainShard && s.jurisdiction === null)
  if (!other) {
    say('shard scenarios skipped: SHARDS lists no second shard outside a jurisdiction')
    return
  }
  const t = performance.now()
  const orgs = {}
  for (const [key, shard] of [
    ['a', main],
    ['b', main],
    ['c', other],
  ]) {
    const id = `${ORG}-hot-${key}`
    const made = await gen.provisionOrg(productBase, operatorKey, id, { shard: shard.id })
    const ids = []
    await seedUsers(await runtime.mf.getD1Database(shard.binding), id, ids, SHARD_STORE)
    orgs[key] = {
      id,
      shard,
      ids,
      token: made.token,
      headers: { Authorization: `Bearer ${made.token}`, 'Content-Type': 'application/scim+json' },
    }
  }
  await boot()
  // Evidence the placement and the seeding agree: each org's users are on its shard and only there.
  const dbOf = (shard) => runtime.mf.getD1Database(shard.binding)
  for (const o of Object.values(orgs)) {
    for (const shard of [main, other]) {
      const n = await countUsers(await dbOf(shard), o.id)
      const want = shard === o.shard ? SHARD_STORE : 0
      if (n !== want) throw new Error(`${o.id}: ${n} users on shard ${shard.id}, expected ${want}`)
    }
    // The writer rebuilds its copy of the seeded org on its first write: here, not in a run.
    for (const next of [
      gen.entraPatch(o.ids, SHARD_STORE, 99),
      gen.filterUserName(SHARD_STORE, 98),
      gen.filterContains(SHARD_STORE, 97),
    ]) {
      const r = await probe(productBase, next, o.headers)
      if (r.status !== 200) throw new Error(`${o.id}: probe answered ${r.status}: ${r.text}`)
    }
  }
  const listed = await gen.call(productBase, operatorKey, 'GET', '/admin/v1/shards')
  const shardText =
    listed.status === 200
      ? listed.json.data
          .map((s) => `${s.id} ${s.orgs} orgs/${s.users.toLocaleString('en-US')} users`)
          .join(', ')
      : `GET /admin/v1/shards ${listed.status}`
  say(
    `shards: ${orgs.a.id}, ${orgs.b.id} on ${main.id}, ${orgs.c.id} on ${other.id}, ${SHARD_STORE.toLocaleString('en-US')} users each, seeded into their own shard (${((performance.now() - t) / 1000).toFixed(1)} s); GET /shards: ${shardText}`,
  )

  const at = (o) => ({ org: o.id, shard: o.shard.id })
  const slices = FULL ? SHARD_SLICES_FULL : SHARD_SLICES_QUICK
  const run = (configs) =>
    runConfigs({
      configs,
      durationSec: CFG.durationSec,
      warmupSec: CFG.warmupSec,
      pid,
      slices,
    })
  const row = (id, label, load, summary, extra = {}) => {
    const r = {
      id,
      label,
      load,
      store: SHARD_STORE,
      ...summary,
      ...extra,
    }
    delete r.name
    shardRuns.push(r)
    return r
  }
  const cpuOf = (c) => ({
    cpuCores: c.cpuCores,
    topThreadCores: c.topThreadCores,
    topThreadName: c.topThreadName,
    busyThreads: c.busyThreads,
    peakRssMiB: c.peakRssMiB,
  })
  const ms = (v) => v.toFixed(2)

  // -- two hot orgs: the same two loads, their orgs on one shard, then on two
  checkStopping()
  const hot = (o, seed) => ({
    name: o.id,
    base: productBase,
    connections: CFG.connections,
    headers: o.headers,
    next: gen.mixed(
      gen.filterUserName(SHARD_STORE, seed),
      gen.entraPatch(o.ids, SHARD_STORE, seed + 1),
      HOT_WRITE_SHARE,
      seed + 2,
    ),
  })
  const [one, two] = await run([
    // Seeds differ between the two runs of A: repeating its PATCHes would make them no-ops.
    { name: 'one', loads: [hot(orgs.a, 20), hot(orgs.b, 30)] },
    { name: 'two', loads: [hot(orgs.a, 50), hot(orgs.c, 30)] },
  ])
  const hotLoad = `userName eq + ${HOT_WRITE_SHARE * 100}% PATCH`
  for (const [cfg, result, label, ref, pair] of [
    ['one', one, 'two hot orgs, one shard', undefined, [orgs.a, orgs.b]],
    ['two', two, 'two hot orgs, two shards', 'one', [orgs.a, orgs.c]],
  ]) {
    result.loads.forEach((l, i) =>
      row(`shards.hot.${cfg}.org${i + 1}`, label, hotLoad, l, {
        ...at(pair[i]),
        ref: ref && `shards.hot.${ref}.org${i + 1}`,
        refName: ref ? undefined : 'one shard',
      }),
    )
    row(`shards.hot.${cfg}.all`, label, 'both orgs', result.combined, {
      ...cpuOf(result),
      ref: ref && `shards.hot.${ref}.all`,
      refName: ref ? undefined : 'one shard',
    })
  }
  say(
    `two hot orgs (${hotLoad}, c=${CFG.connections} each): one shard ${Math.round(one.combined.rps)} req/s p50 ${ms(one.combined.p50)} p99 ${ms(one.combined.p99)} ms; two shards ${Math.round(two.combined.rps)} req/s p50 ${ms(two.combined.p50)} p99 ${ms(two.combined.p99)} ms (${(two.combined.rps / one.combined.rps).toFixed(2)}× req/s); workerd ${one.cpuCores?.toFixed(2)} → ${two.cpuCores?.toFixed(2)} cores`,
  )

  // -- noisy neighbour: A walks every userName at full concurrency; the quiet org reads by key
  checkStopping()
  const noisy = () => ({
    name: orgs.a.id,
    base: productBase,
    connections: CFG.connections,
    headers: orgs.a.headers,
    next: gen.filterContains(SHARD_STORE, 41),
  })
  const quiet = (o) => ({
    name: o.id,
    base: productBase,
    connections: QUIET_CONNECTIONS,
    headers: o.headers,
    next: gen.filterUserName(SHARD_STORE, 40),
  })
  const [alone, same, apart] = await run([
    { name: 'alone', loads: [quiet(orgs.b)] },
    { name: 'same', loads: [noisy(), quiet(orgs.b)] },
    { name: 'apart', loads: [noisy(), quiet(orgs.c)] },
  ])
  const noisyLoad = 'noisy: userName co (walks 10k)'
  const quietLoad = 'quiet: userName eq'
  row('shards.noisy.alone.quiet', 'noisy neighbour: quiet org alone', quietLoad, alone.loads[0], {
    ...at(orgs.b),
    ...cpuOf(alone),
  })
  row('shards.noisy.same.noisy', 'noisy neighbour, same shard', noisyLoad, same.loads[0], {
    ...at(orgs.a),
    ...cpuOf(same),
  })
  row('shards.noisy.same.quiet', 'noisy neighbour, same shard', quietLoad, same.loads[1], {
    ...at(orgs.b),
    ref: 'shards.noisy.alone.quiet',
  })
  row('shards.noisy.apart.noisy', 'noisy neighbour, other shard', noisyLoad, apart.loads[0], {
    ...at(orgs.a),
    ...cpuOf(apart),
    ref: 'shards.noisy.same.noisy',
  })
  row('shards.noisy.apart.quiet', 'noisy neighbour, other shard', quietLoad, apart.loads[1], {
    ...at(orgs.c),
    ref: 'shards.noisy.same.quiet',
  })
  // Reference names: what each compared row is measured against.
  for (const r of shardRuns) {
    if (r.id === 'shards.noisy.alone.quiet') r.refName = 'alone'
    if (r.id.startsWith('shards.noisy.same.')) r.refName = 'same shard'
  }
  const q = (x) => `p50 ${ms(x.p50)} p99 ${ms(x.p99)} ms`
  say(
    `noisy neighbour (quiet org c=${QUIET_CONNECTIONS}, noisy c=${CFG.connections}): quiet alone ${q(alone.loads[0])}; noisy on the same shard ${q(same.loads[1])}; on another shard ${q(apart.loads[1])}; noisy org ${Math.round(same.loads[0].rps)} → ${Math.round(apart.loads[0].rps)} req/s`,
  )

  // The writes went to each org's own shard: C's PATCHed users are on its shard and nowhere else.
  const patched = async (shard, o) =>
    (
      await (
        await dbOf(shard)
      )
        .prepare(
          "SELECT count(*) AS n FROM users WHERE org_id = ?1 AND json_extract(data, '$.title') IS NOT NULL",
        )
        .bind(o.id)
        .first()
    ).n
  const [onOther, onMain] = [await patched(other, orgs.c), await patched(main, orgs.c)]
  if (onOther === 0 || onMain !== 0)
    console.error(
      `  ${orgs.c.id}: PATCHed users on ${other.id} ${onOther}, on ${main.id} ${onMain}`,
    )
  else say(`${orgs.c.id}: ${onOther} PATCHed users on ${other.id}, none on ${main.id}`)
}

/** Distinct cost centres: each value is held by about store ÷ this many users. */
const EXTENSION_VALUES = 50_000

/** POST /Bulk with 1,000 user creates (RFC 7644 §3.7), a few times, each with new userNames. */
async function bulkCreates(store) {
  checkStopping()
  const scim = gen.scimClient(productBase, headers.Authorization.slice(7))
  const runs = FULL ? 5 : 3
  const durations = []
  const trips = []
  let errors = 0
  const sampler = peakSampler(pid)
  const t0 = performance.now()
  for (let run = 0; run < runs; run++) {
    const tag = `${randomBytes(3).toString('hex')}r${run}`
    const Operations = Array.from({ length: 1000 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `u${i}`,
      data: { schemas: [gen.USER_SCHEMA], userName: `bulk.${tag}.${i}@bench.test`, active: true },
    }))
    const t = performance.now()
    const r = await scim('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations,
    })
    durations.push(performance.now() - t)
    trips.push(r.headers.get('x-io-trips'))
    const created = r.json?.Operations?.filter((o) => o.status === '201').length ?? 0
    if (r.status !== 200 || created !== 1000) {
      errors++
      console.error(`  bulk run ${run}: ${r.status}, ${created} of 1000 created`)
    }
  }
  summarizeTimed(
    'users.bulk_1000',
    'POST /Bulk, 1,000 user creates',
    store,
    durations,
    trips,
    errors,
    performance.now() - t0,
    sampler.stop(),
  )
}

function report() {
  attachRatios(scenarios)
  const targets = checkTargets(scenarios, timed, memory)
  const endLoad = load()
  const wallSeconds = (Date.now() - started) / 1000
  const info = machine({ ...versions(), workerdBinary: workerdBinaryVersion })

  console.log('')
  printTable(scenarioTable(scenarios))
  console.log('')
  printTable(timedTable(timed))
  if (shardRuns.length > 0) {
    console.log('')
    printTable(shardTable(shardRuns))
    console.log(`\n${[...shardFindings(shardRuns), SHARD_NOTE].join('\n')}`)
  }
  console.log(
    "\nratio = req/s ÷ the floor's req/s at the same connections; * = X-IO-Trips varied (most common shown)",
  )
  for (const s of scenarios.filter((x) => x.non2xx > 0 || x.errors > 0)) {
    console.log(
      `non-2xx or errors in ${s.id}: statuses ${JSON.stringify(s.statuses)}, connection errors ${s.errors}`,
    )
  }
  console.log(`workerd logged ${workerLogs.errors} warnings/errors during the run\n`)
  for (const t of targets)
    console.log(
      `${t.status === 'met' ? 'MET    ' : t.status === 'n/a' ? 'n/a    ' : 'NOT MET'} ${t.target}\n        ${t.evidence}`,
    )
  if (!FULL) {
    console.log(
      '\n(quick run: 2 s unpaired runs on a shared machine, so the verdicts above are indicative; `npm run bench:full` pairs each run with its floor and is the one to record)',
    )
  }
  console.log(
    `\nwall time ${wallSeconds.toFixed(1)} s; load average ${startLoad.join(' ')} → ${endLoad.join(' ')}`,
  )

  const summary = {
    startedAt: new Date(started).toISOString(),
    product: productInfo,
    mode: CFG.mode,
    wallSeconds,
    config: CFG,
    machine: info,
    loadAverage: { start: startLoad, end: endLoad },
    workerLogs: workerLogs.errors,
    orgRateLimits: orgLimits,
    memory,
    scenarios,
    timed,
    shards: shardRuns,
    shardFindings: shardFindings(shardRuns),
    shardNote: SHARD_NOTE,
    targets,
  }
  const resultsDir = join(BENCH, 'results')
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${summary.startedAt.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(summary, null, 2))
  console.log(`results: ${file}`)
  if (FULL && !flags['no-results-md']) writeResultsMd(summary)
  return targets
}

// ---------------------------------------------------------------- bench/RESULTS.md
const BEGIN =
  '<!-- BEGIN GENERATED: npm run bench:full rewrites everything down to END GENERATED -->'
const END = '<!-- END GENERATED -->'

function writeResultsMd(summary) {
  const path = join(BENCH, 'RESULTS.md')
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const previousMatch = /<!-- bench-summary (\{.*?\}) -->/s.exec(existing)
  let previous
  try {
    previous = previousMatch ? JSON.parse(previousMatch[1]) : undefined
  } catch {}
  const m = summary.machine
  const shardRows = (summary.shards ?? []).map((r) => ({
    ...r,
    label: `${r.label} — ${r.load}${r.org ? ` (${r.org} @ ${r.shard})` : ''}`,
  }))
  const changes = changesSince(previous, [...summary.scenarios, ...shardRows], summary.timed)
  const compact = {
    startedAt: summary.startedAt,
    product: summary.product,
    scenarios: summary.scenarios.map(
      ({ id, label, store, rps, p50, p99, trips, ratio, rowsRead, rowsWritten }) => ({
        id,
        label,
        store,
        rps,
        p50,
        p99,
        trips,
        ratio,
        rowsRead,
        rowsWritten,
      }),
    ),
    shards: shardRows.map(({ id, label, store, rps, p50, p99, trips }) => ({
      id,
      label,
      store,
      rps,
      p50,
      p99,
      trips,
    })),
    timed: summary.timed.map(({ id, label, store, totalMs, p50, trips }) => ({
      id,
      label,
      store,
      totalMs,
      p50,
      trips,
    })),
  }
  const lines = [
    BEGIN,
    '',
    `## Latest full run — ${summary.startedAt}`,
    '',
    `\`npm run bench:full\`: ${summary.config.durationSec} s per scenario after a ${summary.config.warmupSec} s warm-up, ${summary.config.connections} connections, autocannon on 127.0.0.1; wall time ${summary.wallSeconds.toFixed(0)} s.`,
    '',
    '### Machine',
    '',
    `- \`nproc\`: ${m.nproc}; CPU: ${m.cpu}; kernel ${m.kernel}`,
    `- node ${m.node}; workerd ${m.workerd} (\`${m.workerdBinary}\`); miniflare ${m.miniflare}; wrangler ${m.wrangler}`,
    `- product: commit ${summary.product.commit} (${summary.product.subject})${summary.product.uncommittedFiles ? ` plus ${summary.product.uncommittedFiles} uncommitted file(s) in src/migrations` : ''}`,
    `- load average at start → end: ${summary.loadAverage.start.join(' ')} → ${summary.loadAverage.end.join(' ')} (other work on the machine shares its ${m.nproc} cores)`,
    '',
    '```',
    '$ free -h',
    m.freeH,
    '```',
    '',
    '### Load scenarios',
    '',
    markdownTable(scenarioTable(summary.scenarios)),
    '',
    "ratio = req/s ÷ the floor's req/s at the same connection count (reads and list pages vs the D1 select at the same store size, writes vs the Durable Object → D1 write). X-IO-Trips is the most common value over every response of the run (`*`: it varied; the mix is in the JSON). Peak RSS is the single workerd process (product, floor, and the local D1/KV/DO simulators).",
    '',
    '### Timed scenarios (sequential requests)',
    '',
    markdownTable(timedTable(summary.timed)),
    '',
    ...(summary.shards?.length
      ? [
          '### Shards: two orgs on one D1 database or on two',
          '',
          markdownTable(shardTable(summary.shards)),
          '',
          ...summary.shardFindings.map((line) => `- ${line}`),
          '',
          `Each configuration's loads run at the same time (one autocannon per org); the configurations alternate in ${SHARD_SLICES_FULL} slices each (${SHARD_SLICES_QUICK} in a quick run). \`vs\`: the row this one is compared with (req/s, p50, p99 as multiples of it). ${summary.shardNote}`,
          '',
        ]
      : []),
    '### Targets',
    '',
    markdownTable({
      head: ['target', 'status', 'evidence'],
      rows: summary.targets.map((t) => [
        t.target,
        t.status === 'met' ? '**met**' : t.status === 'n/a' ? 'n/a' : '**not met**',
        t.evidence,
      ]),
    }),
    '',
    '### What changed since the last run',
    '',
    flags.note ? `${flags.note}\n` : '',
    changes && changes.rows.length > 0
      ? `Against the previous full run (${previous.startedAt}, product ${previous.product?.commit ?? '?'}):\n\n${markdownTable(changes)}`
      : 'First recorded full run: nothing to compare against.',
    '',
    `<!-- bench-summary ${JSON.stringify(compact)} -->`,
    '',
    END,
  ].join('\n')
  const title = '# scim-edge benchmark results\n\n'
  let next
  if (existing.includes(BEGIN) && existing.includes(END)) {
    next =
      existing.slice(0, existing.indexOf(BEGIN)) +
      lines +
      existing.slice(existing.indexOf(END) + END.length)
  } else {
    next = `${title}${lines}\n`
  }
  writeFileSync(path, next)
  console.log(`rewrote ${path}`)
}

// ----------------------------------------------------------------
let exitCode = 0
try {
  await main()
  report()
} catch (error) {
  console.error(error?.stack ?? String(error))
  if (scenarios.length > 0) {
    try {
      report()
    } catch {}
  }
  exitCode = 1
} finally {
  await cleanup()
  clearTimeout(deadline)
}
process.exit(exitCode)
