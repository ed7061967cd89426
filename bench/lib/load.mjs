// One bounded load run with autocannon against 127.0.0.1: fixed connections, fixed duration.
// Latencies are taken from every response at sub-millisecond precision (autocannon's own
// histogram rounds to whole milliseconds), and the X-IO-Trips header of every response is tallied,
// as are the D1 rows it read and wrote (X-D1-Rows: what D1 bills).
import autocannon from 'autocannon'
import { peakSampler } from './proc.mjs'

/** `X-D1-Rows: read=N;written=M` → [N, M], or undefined. */
export function parseD1Rows(value) {
  const m = /read=(\d+);written=(\d+)/.exec(String(value ?? ''))
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/**
 * `next()` returns the next request ({ method, path, body?, headers? }); it may set
 * `next.exhausted = true` when its pool of distinct requests ran out, which ends the run early.
 */
function fire({ base, connections, durationSec, amount, headers, next, record }) {
  const url = new URL(base)
  const latencies = []
  const statuses = {}
  const trips = new Map()
  let tripsSeen = 0
  const rows = { read: 0, written: 0, seen: 0 }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const instance = autocannon(
      {
        url: url.origin,
        connections,
        duration: durationSec,
        amount,
        timeout: 30,
        headers,
        requests: [
          {
            setupRequest: (req) => {
              const r = next()
              return { ...req, ...r, headers: { ...req.headers, ...r.headers } }
            },
          },
        ],
        setupClient: record
          ? (client) => {
              client.on('headers', ({ statusCode, headers: raw }) => {
                statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
                for (let i = 0; i + 1 < raw.length; i += 2) {
                  const name = String(raw[i]).toLowerCase()
                  if (name === 'x-io-trips') {
                    const v = String(raw[i + 1])
                    trips.set(v, (trips.get(v) ?? 0) + 1)
                    tripsSeen++
                  } else if (name === 'x-d1-rows') {
                    const parsed = parseD1Rows(raw[i + 1])
                    if (parsed) {
                      rows.read += parsed[0]
                      rows.written += parsed[1]
                      rows.seen++
                    }
                  }
                }
              })
            }
          : undefined,
      },
      (error, result) => {
        clearInterval(poll)
        if (error) return reject(error)
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9
        resolve({ result, latencies, statuses, trips, tripsSeen, rows, elapsed })
      },
    )
    if (record) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
    const poll = setInterval(() => {
      if (next.exhausted) instance.stop()
    }, 50)
  })
}

function summarize(runs, connections) {
  const latencies = runs.flatMap((r) => r.latencies)
  const statuses = {}
  const trips = new Map()
  let tripsSeen = 0
  let errors = 0
  let seconds = 0
  const rows = { read: 0, written: 0, seen: 0 }
  for (const r of runs) {
    rows.read += r.rows.read
    rows.written += r.rows.written
    rows.seen += r.rows.seen
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v
    for (const [k, v] of r.trips) trips.set(k, (trips.get(k) ?? 0) + v)
    tripsSeen += r.tripsSeen
    errors += r.result.errors + r.result.timeouts
    // The elapsed time of the measured run: autocannon's own duration when it reports one.
    seconds += r.result.duration || r.elapsed
  }
  const sorted = latencies.sort((a, b) => a - b)
  const total = sorted.length
  const ok = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 200 && Number(s) < 300)
    .reduce((n, [, c]) => n + c, 0)
  const tally = [...trips.entries()].sort((a, b) => b[1] - a[1])
  return {
    connections,
    durationSec: seconds,
    requests: total,
    rps: ok / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    errors,
    non2xx: total - ok,
    statuses,
    trips: tally.length === 0 ? 'n/a' : tally[0][0],
    tripsMix: tally.length > 1 ? Object.fromEntries(tally.slice(0, 5)) : undefined,
    tripsCoverage: total > 0 ? tripsSeen / total : 0,
    // Mean D1 rows per response (X-D1-Rows), over the responses that carried the header.
    rowsRead: rows.seen > 0 ? rows.read / rows.seen : undefined,
    rowsWritten: rows.seen > 0 ? rows.written / rows.seen : undefined,
  }
}

/**
 * Warm-up, then the measured run. With `pair` (the scenario's floor), the run is split into
 * `rounds` slices alternating with equal slices of the floor, so the ratio between the two is
 * measured under the same background load even when other work on the machine comes and goes.
 */
export async function runLoad({
  base,
  connections,
  durationSec,
  warmupSec,
  headers,
  next,
  pid,
  pair,
  rounds = 1,
}) {
  if (warmupSec > 0) {
    await fire({ base, connections, durationSec: warmupSec, headers, next, record: false })
    if (pair)
      await fire({
        base: pair.base,
        connections,
        durationSec: Math.min(1, warmupSec),
        headers,
        next: pair.next,
        record: false,
      })
  }
  const sampler = pid ? peakSampler(pid) : undefined
  const main = []
  const paired = []
  const slices = pair ? Math.max(1, rounds) : 1
  for (let i = 0; i < slices && !next.exhausted; i++) {
    main.push(
      await fire({
        base,
        connections,
        durationSec: durationSec / slices,
        headers,
        next,
        record: true,
      }),
    )
    if (pair)
      paired.push(
        await fire({
          base: pair.base,
          connections,
          durationSec: durationSec / slices,
          headers,
          next: pair.next,
          record: true,
        }),
      )
  }
  const memory = sampler?.stop()
  return {
    ...summarize(main, connections),
    pairedFloor: pair ? summarize(paired, connections) : undefined,
    slices,
    peakRssMiB: memory?.peakMiB,
    endRssMiB: memory?.endMiB,
    rssSource: memory?.source,
    stoppedEarly: Boolean(next.exhausted),
  }
}

export { percentile }
