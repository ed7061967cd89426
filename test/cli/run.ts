// Runs the CLI as a child process (this Node, cli/scim-edge.mjs) and talks to the admin API directly.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { ROOT } from './worker'

const CLI = join(ROOT, 'cli/scim-edge.mjs')
const running = new Set<ChildProcess>()

export interface Result {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface Running {
  child: ChildProcess
  result: Promise<Result>
  /** Resolves once stderr matches `pattern` (rejects if the CLI exits first). */
  stderrMatches(pattern: RegExp): Promise<void>
}

/** Starts `scim-edge …` with only the given SCIM_EDGE_* variables; killed after `timeoutMs`. */
export function startCli(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Running {
  // Only the given SCIM_EDGE_* variables: none inherited from whoever runs the tests.
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, NO_COLOR: '1' }
  for (const name of Object.keys(childEnv)) {
    if (name.startsWith('SCIM_EDGE_') && !(name in env)) delete childEnv[name]
  }
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    // (NodeJS.ProcessEnv is declared with the Worker's vars in worker-configuration.d.ts.)
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let stdout = ''
  let stderr = ''
  const watchers: (() => void)[] = []
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => {
    stderr += d
    for (const w of watchers) w()
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const result = new Promise<Result>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      running.delete(child)
      resolve({ code, signal, stdout, stderr })
    }),
  )
  const stderrMatches = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(stderr) && resolve()
      watchers.push(check)
      check()
      void result.then((r) =>
        reject(new Error(`CLI exited (${r.code}) before ${pattern}: ${r.stderr}`)),
      )
    })
  return { child, result, stderrMatches }
}

/** Runs `scim-edge …` to its end. */
export const cli = (args: string[], env: Record<string, string | undefined>, timeoutMs?: number) =>
  startCli(args, env, timeoutMs).result

/** Kills every CLI still running (afterAll): by PID, only the children started here. */
export function killRunning() {
  for (const child of running) child.kill('SIGKILL')
}

/** An org id no other test uses. */
export const newOrgId = (prefix = 'cli') => `${prefix}-${randomUUID().slice(0, 13)}`

/** A call to the admin API without the CLI: JSON body in, parsed JSON (or null) out. */
export async function admin(
  url: string,
  key: string,
  path: string,
  init: { method?: string; json?: unknown } = {},
) {
  const res = await fetch(`${url}/admin/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

/** Creates an org and an org admin key through the API (setup for tests about other things). */
export async function orgWithAdminKey(url: string, operatorKey: string, id = newOrgId()) {
  const org = await admin(url, operatorKey, '/orgs', { method: 'POST', json: { id, name: id } })
  if (org.status !== 201) throw new Error(`create org: ${org.status} ${JSON.stringify(org.body)}`)
  const key = await admin(url, operatorKey, `/orgs/${id}/admin-keys`, {
    method: 'POST',
    json: { label: 'test' },
  })
  if (key.status !== 201) throw new Error(`admin key: ${key.status} ${JSON.stringify(key.body)}`)
  return { orgId: id, adminKey: key.body.secret as string }
}
