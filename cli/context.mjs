// What every command shares: connection settings, the org to act on, error reporting, paging.
import { InvalidArgumentError } from 'commander'
import { ApiError, NetworkError, createClient } from './client.mjs'

/** A usage problem found before any request (missing --url, --key, --org, a bad value…). */
export class UsageError extends Error {}

/** The client for a command, from --url/--key or SCIM_EDGE_URL/SCIM_EDGE_KEY. */
export function clientFor(options) {
  const url = options.url ?? process.env.SCIM_EDGE_URL
  const key = options.key ?? process.env.SCIM_EDGE_KEY
  if (!url)
    throw new UsageError('no server: pass --url or set SCIM_EDGE_URL (e.g. http://127.0.0.1:8787)')
  if (!key)
    throw new UsageError('no key: pass --key or set SCIM_EDGE_KEY (operator or org admin key)')
  let parsed
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`not a URL: ${url}`)
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new UsageError(`not an http(s) URL: ${url}`)
  return createClient({ url: parsed.origin, key })
}

/**
 * The org a command acts on: --org, then SCIM_EDGE_ORG, then the org of an org admin key
 * (GET /admin/v1/me). An operator key must name one.
 */
export async function orgFor(client, options) {
  const org = options.org ?? process.env.SCIM_EDGE_ORG
  if (org) return org
  const me = await client.get('/me')
  if (me?.role === 'org-admin' && me.orgId) return me.orgId
  throw new UsageError('this command needs --org <id> (or SCIM_EDGE_ORG) with an operator key')
}

/** Adds the option every org-scoped command takes. */
export const withOrg = (command) =>
  command.option('--org <id>', 'org id (default: SCIM_EDGE_ORG, or the org of an org admin key)')

/** Adds --limit/--after/--all to a list command. */
export const withPaging = (command) =>
  command
    .option('--limit <n>', 'items per page', positiveInt)
    .option('--after <cursor>', 'start after this cursor (the previous page’s next)')
    .option('--all', 'follow next to the end')

/** A page of `path` ({data, next}), or every page with --all (then next is null). */
export async function fetchList(client, path, query, options) {
  const data = []
  let after = options.after
  for (;;) {
    const page = await client.get(path, { ...query, limit: options.limit, after })
    const items = Array.isArray(page?.data) ? page.data : []
    data.push(...items)
    const next = page?.next ?? null
    if (!options.all || items.length === 0 || next === null || String(next) === String(after)) {
      return { data, next: options.all ? null : next }
    }
    after = next
  }
}

/** Prints the --all/next hint on stderr, so stdout stays a clean table. */
export function hintNext(next) {
  if (next !== null && next !== undefined) console.error(`(more: --after ${next}, or --all)`)
}

/** Option parsers (commander reports their errors as usage errors). */
export function positiveInt(text) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Not a positive integer.')
  return n
}

export function nonNegativeInt(text) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Not a non-negative integer.')
  return n
}

/**
 * Wraps a command action: global options merged in, errors printed as `error: … (HTTP n)` on
 * stderr with a non-zero exit code.
 */
export const action =
  (fn) =>
  async (...args) => {
    const command = args[args.length - 1]
    const options = command.optsWithGlobals()
    try {
      await fn({ options, args: args.slice(0, -2), client: () => clientFor(options) })
    } catch (error) {
      process.exitCode = report(error)
    }
  }

function report(error) {
  if (error instanceof ApiError) {
    console.error(`error: ${error.message} (HTTP ${error.status})`)
    return 1
  }
  if (error instanceof NetworkError || error instanceof UsageError) {
    console.error(`error: ${error.message}`)
    return error instanceof UsageError ? 2 : 1
  }
  console.error(`error: ${error?.stack ?? error}`)
  return 1
}
