// Builds the product and the floor Worker the way `wrangler deploy` does, then runs both bundles
// in one local workerd through Miniflare's programmatic API (see the header of bench/run.mjs).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
/** Wrangler's own Miniflare (the version `wrangler dev` would use), not whatever is hoisted. */
const wranglerPackageJson = require.resolve('wrangler/package.json')
const miniflareEntry = createRequire(wranglerPackageJson).resolve('miniflare')
const miniflarePackageJson = JSON.parse(
  readFileSync(join(miniflareEntry, '../../../package.json'), 'utf8'),
)
const wranglerVersion = JSON.parse(readFileSync(wranglerPackageJson, 'utf8')).version

export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true',
}
Object.assign(process.env, OFFLINE_ENV)

export const versions = () => ({
  wrangler: wranglerVersion,
  miniflare: miniflarePackageJson.version,
  workerd: JSON.parse(
    readFileSync(createRequire(miniflareEntry).resolve('workerd/package.json'), 'utf8'),
  ).version,
})

/** `wrangler deploy --dry-run --outdir <dir>`: the exact bundle a deploy would upload. */
export function bundle(root, configPath, outdir, track) {
  return new Promise((resolve, reject) => {
    // Wrangler's own entry under this Node (the one running the bench: node@22 via npm run).
    const wrangler = join(dirname(wranglerPackageJson), 'bin/wrangler.js')
    const child = spawn(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--config', configPath, '--outdir', outdir],
      {
        cwd: root,
        env: { ...process.env, ...OFFLINE_ENV, WRANGLER_LOG: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    track?.(child)
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(join(outdir, 'index.js'))
      else
        reject(
          new Error(
            `wrangler deploy --dry-run (${configPath}) failed: ${code ?? signal}\n${output}`,
          ),
        )
    })
  })
}

/**
 * The shards a wrangler config lists in its SHARDS var (`id=BINDING[@jurisdiction],…`, as
 * src/placement/shards.ts and scripts/start.mjs read it): [{ id, binding, jurisdiction }]. Unset,
 * `DB` is the only shard, `main`. Every shard needs the same migrations.
 */
export async function shardsOf(configPath) {
  const { unstable_readConfig } = await import('wrangler')
  const spec = String(unstable_readConfig({ config: configPath }).vars?.SHARDS ?? '').trim()
  if (!spec) return [{ id: 'main', binding: 'DB', jurisdiction: null }]
  return spec.split(',').map((entry) => {
    const m = /^([a-z0-9][a-z0-9-]*)=([A-Za-z_][A-Za-z0-9_]*)(?:@([a-z]+))?$/.exec(entry.trim())
    if (!m) throw new Error(`SHARDS: cannot read "${entry.trim()}"`)
    return { id: m[1], binding: m[2], jurisdiction: m[3] ?? null }
  })
}

/** Miniflare worker options from a wrangler config (bindings, DO classes, compat date/flags). */
async function workerOptionsFrom(configPath, scriptPath, outdir, name, port, extraBindings) {
  const { unstable_getMiniflareWorkerOptions, unstable_readConfig } = await import('wrangler')
  const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath)
  // The bundle is one ES module: module rules for unbundled sources do not apply.
  const { modulesRules: _rules, ...rest } = workerOptions
  // Plain bindings are the config's [vars] plus the bench's own secrets; whatever a developer
  // keeps in .dev.vars (which wrangler also reads) stays out of the measurement.
  const vars = unstable_readConfig({ config: configPath }).vars ?? {}
  const bindings = Object.fromEntries(
    Object.entries(rest.bindings ?? {}).filter(([k]) => k in vars),
  )
  return {
    ...rest,
    name,
    modules: true,
    modulesRoot: outdir,
    scriptPath,
    bindings: { ...bindings, ...extraBindings },
    // A socket straight into the Worker's default entrypoint: no Miniflare entry worker, no
    // wrangler dev proxy in front of it, the request path a deployed Worker has.
    unsafeDirectSockets: [{ host: '127.0.0.1', port }],
  }
}

export async function startRuntime({
  product,
  floor,
  persistDir,
  adminKey,
  productBindings = {},
  onLog,
}) {
  const { Miniflare, convertV4MiniflareOptions } = await import(miniflareEntry)
  const productOptions = await workerOptionsFrom(
    product.config,
    product.script,
    product.outdir,
    'scim-edge',
    product.port,
    // Webhooks: a key to seal endpoint secrets, and loopback endpoints allowed (the dead-endpoint
    // scenario points one at 127.0.0.1).
    {
      ADMIN_API_KEY: adminKey,
      WEBHOOK_SECRETS_KEY: adminKey,
      WEBHOOK_ALLOW_LOCAL: 'true',
      ...productBindings,
    },
  )
  const floorOptions = await workerOptionsFrom(
    floor.config,
    floor.script,
    floor.outdir,
    'scim-edge-bench-floor',
    floor.port,
    {},
  )
  for (const key of ['compatibilityDate', 'compatibilityFlags']) {
    if (JSON.stringify(productOptions[key]) !== JSON.stringify(floorOptions[key])) {
      throw new Error(
        `bench/floor/wrangler.toml ${key} ${JSON.stringify(floorOptions[key])} differs from the product's ${JSON.stringify(productOptions[key])}`,
      )
    }
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      logRequests: false,
      verbose: false,
      resourcePersistencePath: persistDir,
      handleStructuredLogs: (log) => onLog?.(log),
      // BENCH_INSPECTOR_PORT=9229: the V8 inspector, to take CPU profiles of a --serve run.
      inspectorPort: process.env.BENCH_INSPECTOR_PORT
        ? Number(process.env.BENCH_INSPECTOR_PORT)
        : undefined,
      workers: [productOptions, floorOptions],
    }),
  )
  await mf.ready
  return {
    mf,
    compatibilityDate: productOptions.compatibilityDate,
    compatibilityFlags: productOptions.compatibilityFlags,
  }
}

/** PIDs of workerd processes started by this process (Miniflare spawns workerd directly). */
export function workerdChildren() {
  const { readdirSync } = require('node:fs')
  const pids = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const ppid = Number(stat.slice(close + 2).split(' ')[1])
      if (ppid === process.pid && comm.startsWith('workerd')) pids.push(Number(entry))
    } catch {}
  }
  return pids
}
