// `events tail`: polls the feed from a seq and prints each new event, until --max, --timeout or SIGINT.
import { orgPath } from '../client.mjs'
import { eventLine, eventsOf, matchesTypes, typeList } from './event-view.mjs'

const PAGE = 1000

/** Resolves after `ms`, or at once when `signal` aborts. */
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })

/** Reads one page after `cursor`: its events and the seq to continue from. */
async function readPage(api, path, cursor, types, signal) {
  const page = await api.get(
    path,
    { after: cursor, limit: PAGE, types: types.join(',') },
    { signal },
  )
  const items = eventsOf(page)
  const last = items.length > 0 ? Number(items[items.length - 1].seq) : cursor
  const next = Math.max(cursor, last, Number.isFinite(Number(page?.next)) ? Number(page.next) : 0)
  return { items, next, full: items.length >= PAGE }
}

/** The seq of the newest event: reads the feed to its end. */
async function endOfFeed(api, path, signal) {
  let cursor = 0
  for (;;) {
    const page = await readPage(api, path, cursor, [], signal)
    if (!page.full || page.next <= cursor) return page.next
    cursor = page.next
  }
}

export async function tail(api, org, options) {
  const path = orgPath(org, '/events')
  const types = typeList(options.types)
  const wanted = matchesTypes(types)
  const stop = new AbortController()
  let exitCode = 0
  const onSigint = () => {
    exitCode = 130
    stop.abort()
  }
  process.once('SIGINT', onSigint)
  const timer = options.timeout ? setTimeout(() => stop.abort(), options.timeout) : undefined
  let printed = 0
  try {
    let cursor = options.fromStart
      ? 0
      : (options.after ?? (await endOfFeed(api, path, stop.signal)))
    const what = types.length > 0 ? types.join(', ') : 'events'
    console.error(`Following ${what} of org ${org} after seq ${cursor} (Ctrl-C to stop)`)
    while (!stop.signal.aborted) {
      const page = await readPage(api, path, cursor, types, stop.signal)
      for (const event of page.items) {
        if (!wanted(event)) continue
        console.log(options.json ? JSON.stringify(event) : eventLine(event))
        if (options.max && ++printed >= options.max) stop.abort()
        if (stop.signal.aborted) break
      }
      cursor = page.next
      if (!page.full) await sleep(options.interval, stop.signal)
    }
  } catch (error) {
    // Stopped in the middle of a request: not an error.
    if (!stop.signal.aborted) throw error
  } finally {
    clearTimeout(timer)
    process.removeListener('SIGINT', onSigint)
  }
  process.exitCode = exitCode
}
