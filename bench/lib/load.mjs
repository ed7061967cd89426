// One bounded load run with autocannon against 127.0.0.1: fixed connections, fixed duration.
// Latencies are taken from every response at sub-millisecond precision (autocannon's own
// histogram rounds to whole milliseconds), and the X-IO-Trips header of every response is tallied,
// as are the D1 rows it read and wrote (X-D1-Rows: what D1 bills).
import autocannon from 'autocannon'
import { cpuSampler, peakSampler } from './proc.mjs'

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

function summarize(runs, connections, secondsOverride) {
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
  if (secondsOverride !== undefined) seconds = secondsOverride
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

/**
 * Several loads at once (one autocannon per load, all in this process, started together), in
 * several configurations measured one after the other. Each configuration is warmed up once; the
 * measured time is then split into `slices` rounds that alternate between the configurations, so
 * background load on the shared machine falls on all of them alike. Returns, per configuration,
 * each load's summary, the combined summary (every response of every load; req/s over the wall
 * time), and the workerd process's CPU over the measured slices (cores used, and the busiest
 * thread's share: what one thread can do is the ceiling when everything lands on it).
 * configs: [{ name, loads: [{ name, base, connections, headers, next }] }]
 */
export async function runConfigs({ configs, durationSec, warmupSec, pid, slices = 1 }) {
  const fireAll = (loads, seconds, record) =>
    Promise.all(
      loads.map((l) =>
        fire({
          base: l.base,
          connections: l.connections,
          durationSec: seconds,
          headers: l.headers,
          next: l.next,
          record,
        }),
      ),
    )
  if (warmupSec > 0) for (const c of configs) await fireAll(c.loads, warmupSec, false)
  const state = configs.map((c) => ({
    runs: c.loads.map(() => []),
    wall: 0,
    cpu: [],
    peakMiB: 0,
  }))
  for (let i = 0; i < slices; i++) {
    for (const [k, c] of configs.entries()) {
      const st = state[k]
      const peak = pid ? peakSampler(pid) : undefined
      const cpu = pid ? cpuSampler(pid) : undefined
      const t0 = process.hrtime.bigint()
      const results = await fireAll(c.loads, durationSec / slices, true)
      st.wall += Number(process.hrtime.bigint() - t0) / 1e9
      if (cpu) st.cpu.push(cpu.stop())
      if (peak) st.peakMiB = Math.max(st.peakMiB, peak.stop().peakMiB)
      results.forEach((r, j) => st.runs[j].push(r))
    }
  }
  return configs.map((c, k) => {
    const st = state[k]
    const connections = c.loads.reduce((n, l) => n + l.connections, 0)
    const cpuSeconds = st.cpu.reduce((n, x) => n + x.seconds, 0)
    const cores =
      cpuSeconds > 0 ? st.cpu.reduce((n, x) => n + x.cores * x.seconds, 0) / cpuSeconds : undefined
    const topThread =
      cpuSeconds > 0
        ? st.cpu.reduce((n, x) => n + x.topThread * x.seconds, 0) / cpuSeconds
        : undefined
    return {
      name: c.name,
      loads: c.loads.map((l, j) => ({ name: l.name, ...summarize(st.runs[j], l.connections) })),
      combined: summarize(st.runs.flat(), connections, st.wall),
      cpuCores: cores,
      topThreadCores: topThread,
      busyThreads: Math.max(0, ...st.cpu.map((x) => x.threads)),
      topThreadName: st.cpu.at(-1)?.topThreadName,
      peakRssMiB: st.peakMiB || undefined,
      slices,
    }
  })
}

export { percentile }
