// I/O shell: replays one fixture sequence against the Worker in a fresh org and throws a report
// naming vendor, sequence, step and every mismatch on the first step that does not behave.
import { admin, call, createTestOrg, type TestOrg } from '../helpers/api'
import { build } from './generate'
import { match, show, type Mismatch } from './match'
import { getPath } from './paths'
import { substitute, type Scope } from './template'
import type { ReplaySequence, ReplayStep, RequestStep } from './types'

const SCIM_BASE = '/scim/v2'
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'
/** A token of the right shape that no org has: what a stale or mistyped IdP secret looks like. */
const BOGUS_TOKEN = `scim_${'Z'.repeat(43)}`

interface Exchange {
  method: string
  url: string
  requestBody?: string
  status: number
  headers: Headers
  text: string
  json: unknown
}

export class ReplayFailure extends Error {
  override name = 'ReplayFailure'
}

function headersFor(sequence: ReplaySequence, step: RequestStep, scope: Scope, token: string) {
  const headers = new Headers()
  const merged = { ...sequence.headers, ...step.request.headers }
  for (const [name, value] of Object.entries(merged)) {
    if (value !== null) headers.set(name, String(substitute(value, scope)))
  }
  const auth = step.auth ?? 'token'
  if (!headers.has('Authorization')) {
    if (auth === 'token') headers.set('Authorization', `Bearer ${token}`)
    if (auth === 'bogus') headers.set('Authorization', `Bearer ${BOGUS_TOKEN}`)
  }
  const hasBody = step.request.body !== undefined || step.request.rawBody !== undefined
  if (hasBody && !headers.has('Content-Type') && !('Content-Type' in merged)) {
    headers.set('Content-Type', 'application/scim+json')
  }
  return headers
}

async function send(
  sequence: ReplaySequence,
  step: RequestStep,
  scope: Scope,
  token: string,
): Promise<Exchange> {
  const path = String(substitute(step.request.path, scope))
  const requestBody =
    step.request.rawBody !== undefined
      ? String(substitute(step.request.rawBody, scope))
      : step.request.body !== undefined
        ? JSON.stringify(build(step.request.body, scope))
        : undefined
  const method = step.request.method.toUpperCase()
  const res = await call(SCIM_BASE + path, {
    method,
    headers: headersFor(sequence, step, scope, token),
    body: requestBody,
  })
  const text = await res.text()
  let json: unknown
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text)
    } catch {
      json = text
    }
  }
  return {
    method,
    url: SCIM_BASE + path,
    requestBody,
    status: res.status,
    headers: res.headers,
    text,
    json,
  }
}

/** What every answer must satisfy, whatever the fixture says (IDP-COMPAT "Transport", RFC 7644 §3.12). */
function baseline(ex: Exchange): Mismatch[] {
  const problems: Mismatch[] = []
  if (ex.status >= 500) problems.push({ path: 'status', message: `server error ${ex.status}` })
  if (ex.text.trim() !== '') {
    const type = ex.headers.get('Content-Type') ?? ''
    if (!/^application\/scim\+json/.test(type)) {
      problems.push({
        path: 'header Content-Type',
        message: `expected application/scim+json, got ${show(type)}`,
      })
    }
  }
  if (ex.status === 204 && ex.text !== '') {
    problems.push({ path: 'body', message: `204 must have no body, got ${show(ex.text)}` })
  }
  if (ex.status >= 400) {
    problems.push(
      ...match(
        { schemas: [ERROR_SCHEMA], status: String(ex.status), detail: { $type: 'string' } },
        ex.json,
        'error',
      ),
    )
  }
  return problems
}

function capture(step: RequestStep, ex: Exchange, scope: Scope, index?: number): Mismatch[] {
  const problems: Mismatch[] = []
  for (const [name, path] of Object.entries(step.expect.capture ?? {})) {
    const value = path.startsWith('header:')
      ? (ex.headers.get(path.slice('header:'.length)) ?? undefined)
      : getPath(ex.json, path)
    if (value === undefined) {
      problems.push({ path: `capture ${name}`, message: `${path} is missing from the response` })
      continue
    }
    if (name.endsWith('[]')) {
      const list = name.slice(0, -2)
      const current = Array.isArray(scope[list]) ? (scope[list] as unknown[]) : []
      if (index === undefined) current.push(value)
      else current[index] = value
      scope[list] = current
    } else {
      scope[name] = value
    }
  }
  return problems
}

function check(step: RequestStep, ex: Exchange, scope: Scope): Mismatch[] {
  const { status, headers, body } = step.expect
  const problems = baseline(ex)
  const allowed = Array.isArray(status) ? status : [status]
  if (!allowed.includes(ex.status)) {
    problems.unshift({
      path: 'status',
      message: `expected ${allowed.join(' or ')}, got ${ex.status}`,
    })
  }
  for (const [name, expected] of Object.entries(headers ?? {})) {
    const actual = ex.headers.get(name) ?? undefined
    if (typeof expected === 'string') {
      const pattern = String(substitute(expected, scope, true))
      if (actual === undefined || !new RegExp(pattern).test(actual)) {
        problems.push({
          path: `header ${name}`,
          message: `expected /${pattern}/, got ${show(actual)}`,
        })
      }
    } else if (actual !== undefined) {
      problems.push({ path: `header ${name}`, message: `expected no header, got ${show(actual)}` })
    }
  }
  if (body !== undefined) problems.push(...match(substitute(body, scope), ex.json, 'body'))
  return problems
}

function report(sequence: ReplaySequence, label: string, ex: Exchange, problems: Mismatch[]) {
  const lines = [
    `[${sequence.vendor}] "${sequence.title}" (${sequence.file ?? '?'})`,
    `step ${label}`,
    `  ${ex.method} ${ex.url}${ex.requestBody ? `  body: ${show(ex.requestBody, 300)}` : ''}`,
    ...problems.map((p) => `  ✗ ${p.path || 'body'}: ${p.message}`),
    `  ← ${ex.status} ${ex.headers.get('Content-Type') ?? '(no content type)'} ${show(ex.json, 600)}`,
    `  source: ${sequence.source}`,
  ]
  return new ReplayFailure(lines.join('\n'))
}

/** `${i}` (1-based) and, for forEach steps, `${item}` for each request a step sends. */
function iterations(step: ReplayStep, scope: Scope): Scope[] | undefined {
  if ('repeat' in step) return Array.from({ length: step.repeat }, (_, k) => ({ i: k + 1 }))
  if ('forEach' in step) {
    const list = getPath(scope, step.forEach)
    if (!Array.isArray(list)) throw new Error(`forEach: ${step.forEach} is not a list variable`)
    const from = step.from ?? 0
    return list.slice(from, step.to ?? list.length).map((item, k) => ({ item, i: from + k + 1 }))
  }
  return undefined
}

async function runStep(
  sequence: ReplaySequence,
  step: ReplayStep,
  label: string,
  scope: Scope,
  token: string,
) {
  const runs = iterations(step, scope)
  if (!runs) {
    const ex = await send(sequence, step, scope, token)
    const problems = [...capture(step, ex, scope), ...check(step, ex, scope)]
    if (problems.length) throw report(sequence, label, ex, problems)
    return
  }
  const concurrency = Math.max(1, ('concurrency' in step && step.concurrency) || 1)
  for (let start = 0; start < runs.length; start += concurrency) {
    await Promise.all(
      runs.slice(start, start + concurrency).map(async (extra) => {
        const local = { ...scope, ...extra }
        const ex = await send(sequence, step, local, token)
        const index = Number(extra.i) - 1
        const problems = [...capture(step, ex, scope, index), ...check(step, ex, local)]
        if (problems.length) throw report(sequence, `${label} (i=${extra.i})`, ex, problems)
      }),
    )
  }
}

export async function runSequence(sequence: ReplaySequence): Promise<void> {
  // On a shard that is not the control database: every replay exercises the routing.
  const org = await createTestOrg(`${sequence.vendor}: ${sequence.title}`, undefined, {
    shard: 'second',
  })
  await setUpCatalogue(org, sequence.catalogue)
  const scope: Scope = { orgId: org.orgId }
  for (const [name, value] of Object.entries(sequence.vars ?? {})) {
    scope[name] = substitute(value, scope)
  }
  for (const [k, step] of sequence.steps.entries()) {
    await runStep(
      sequence,
      step,
      `${k + 1}/${sequence.steps.length} "${step.name}"`,
      scope,
      org.token,
    )
  }
}

/** The catalogues the fixture says the org admin wrote before the IdP connected. */
async function setUpCatalogue(org: TestOrg, catalogue: ReplaySequence['catalogue']) {
  const writes: [string, unknown][] = [
    ...(catalogue?.roles ? [['/roles', catalogue.roles] as [string, unknown]] : []),
    ...Object.entries(catalogue?.entitlements ?? {}).map(
      ([type, values]) => [`/entitlements/${type}`, values] as [string, unknown],
    ),
  ]
  for (const [path, json] of writes) {
    const res = await admin(`/orgs/${org.orgId}${path}`, org.adminKey, { method: 'PUT', json })
    if (res.status !== 200) throw new Error(`catalogue ${path}: ${res.status} ${await res.text()}`)
  }
}
