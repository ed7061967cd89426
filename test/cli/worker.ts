// The real Worker for the CLI tests: the production bundle (`wrangler deploy --dry-run`) run in
// workerd through Miniflare's programmatic API on 127.0.0.1, as bench/lib/runtime.mjs runs it.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
export const OPERATOR_KEY = 'cli-test-operator-key-0123456789abcdef0123456789abcdef'

const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true',
}
Object.assign(process.env, OFFLINE_ENV)

const require = createRequire(import.meta.url)
/** Wrangler's own Miniflare (the one `wrangler dev` uses), and so its workerd. */
const wranglerPackageJson = require.resolve('wrangler/package.json')
const miniflareEntry = createRequire(wranglerPackageJson).resolve('miniflare')

export interface Worker {
  url: string
  stop(): Promise<void>
}

/** `wrangler deploy --dry-run --outdir <outdir>`: the bundle a deploy would upload. */
function bundle(outdir: string): Promise<string> {
  const wrangler = join(dirname(wranglerPackageJson), 'bin/wrangler.js')
  const args = [wrangler, 'deploy', '--dry-run', '--config', 'wrangler.toml', '--outdir', outdir]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...OFFLINE_ENV, WRANGLER_LOG: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(join(outdir, 'index.js'))
      else reject(new Error(`wrangler deploy --dry-run failed: ${code ?? signal}\n${output}`))
    })
  })
}

/** PIDs of the workerd processes this process started (Miniflare spawns workerd directly). */
function workerdChildren(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const ppid = Number(stat.slice(close + 2).split(' ')[1])
      if (ppid === process.pid && stat.slice(stat.indexOf('(') + 1, close).startsWith('workerd')) {
        pids.push(Number(entry))
      }
    } catch {}
  }
  return pids
}

/** Builds and starts the Worker with fresh state in a temp dir, migrations applied. */
export async function startWorker(): Promise<Worker> {
  const temp = mkdtempSync(join(tmpdir(), 'scim-edge-cli-test-'))
  const before = new Set(workerdChildren())
  let mf: { dispose(): Promise<void> } | undefined
  const stop = async () => {
    // Holds the event loop open while workerd shuts down (dispose alone does not).
    const hold = setTimeout(() => {}, 30_000)
    const pids = workerdChildren().filter((p) => !before.has(p))
    await mf?.dispose().catch(() => {})
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
    }
    rmSync(temp, { recursive: true, force: true })
    clearTimeout(hold)
  }
  try {
    const outdir = join(temp, 'bundle')
    const scriptPath = await bundle(outdir)
    const wrangler = await import('wrangler')
    const config = join(ROOT, 'wrangler.toml')
    const { modulesRules: _rules, ...options } =
      wrangler.unstable_getMiniflareWorkerOptions(config).workerOptions
    // [vars] from wrangler.toml plus the operator key; a developer's .dev.vars stays out.
    const vars = wrangler.unstable_readConfig({ config }).vars ?? {}
    const bindings = Object.fromEntries(
      Object.entries(options.bindings ?? {}).filter(([k]) => k in vars),
    )
    const { Miniflare, convertV4MiniflareOptions } = await import(miniflareEntry)
    const instance = new Miniflare(
      convertV4MiniflareOptions({
        host: '127.0.0.1',
        port: 0,
        logRequests: false,
        verbose: false,
        resourcePersistencePath: join(temp, 'state'),
        // The Worker logs a JSON line per request: not needed here.
        handleStructuredLogs: () => {},
        workers: [
          {
            ...options,
            name: 'scim-edge',
            modules: true,
            modulesRoot: outdir,
            scriptPath,
            bindings: { ...bindings, ADMIN_API_KEY: OPERATOR_KEY },
            unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
          },
        ],
      }),
    )
    mf = instance
    await instance.ready
    // Every shard database gets the migrations (wrangler.toml SHARDS).
    const migrations = join(ROOT, 'migrations')
    for (const binding of ['DB', 'SHARD_2', 'SHARD_EU']) {
      const db = await instance.getD1Database(binding)
      for (const file of readdirSync(migrations)
        .filter((f) => f.endsWith('.sql'))
        .sort()) {
        const statements = wrangler.unstable_splitSqlQuery(
          readFileSync(join(migrations, file), 'utf8'),
        )
        if (statements.length > 0) await db.batch(statements.map((s: string) => db.prepare(s)))
      }
    }
    const url = (await instance.unsafeGetDirectURL('scim-edge')) as URL
    return { url: url.origin, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
