// Tables, floor ratios, target checks, and the generated part of bench/RESULTS.md.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'

const fmt = (v, digits = 1) =>
  v === undefined || v === null || Number.isNaN(v) ? '–' : Number(v).toFixed(digits)
const fmtInt = (v) =>
  v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US')
const sizeLabel = (n) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n))

export function machine(versions) {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trimEnd()
    } catch {
      return 'n/a'
    }
  }
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  return {
    nproc: Number(sh('nproc', [])) || availableParallelism(),
    memTotalGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeH: sh('free', ['-h']),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'n/a',
    kernel: sh('uname', ['-sr']),
    node: process.version,
    ...versions,
  }
}

/** Ratio of a SCIM scenario to its floor: throughput over floor throughput at equal connections. */
export function attachRatios(scenarios) {
  const byId = new Map(scenarios.map((s) => [s.id, s]))
  for (const s of scenarios) {
    if (!s.floorId) continue
    const floor = s.pairedFloor ?? byId.get(s.floorId)
    if (floor && floor.rps > 0) {
      s.floorRps = floor.rps
      s.ratio = s.rps / floor.rps
    }
  }
}

export function scenarioTable(scenarios) {
  const head = [
    'scenario',
    'store',
    'c',
    'req/s',
    'p50 ms',
    'p99 ms',
    'err/non2xx',
    'floor',
    'floor req/s',
    'ratio',
    'X-IO-Trips',
    'D1 rows read/written',
    'writes/batch',
    'peak RSS MiB',
  ]
  const rows = scenarios.map((s) => [
    s.label,
    s.store === undefined ? '' : sizeLabel(s.store),
    String(s.connections),
    fmtInt(s.rps),
    fmt(s.p50, 2),
    fmt(s.p99, 2),
    `${s.errors}/${s.non2xx}${s.stoppedEarly ? ' (pool end)' : ''}`,
    s.floorId
      ? s.floorId.replace(/^floor\./, '').replace(/@(\d+)000$/, '@$1k') +
        (s.pairedFloor ? ' (paired)' : '')
      : s.kind === 'floor'
        ? '(floor)'
        : '',
    s.floorRps === undefined ? '' : fmtInt(s.floorRps),
    s.ratio === undefined ? '' : `${fmt(s.ratio * 100, 0)}%`,
    s.trips + (s.tripsMix ? '*' : ''),
    d1Rows(s),
    s.writesPerBatch === undefined ? '' : fmt(s.writesPerBatch, 2),
    fmt(s.peakRssMiB, 0),
  ])
  return { head, rows }
}

export function timedTable(timed) {
  const head = [
    'timed scenario',
    'store',
    'runs/pages',
    'total s',
    'p50 ms',
    'p99/max ms',
    'errors',
    'X-IO-Trips (per request)',
    'D1 rows read/written (mean; max read)',
    'peak RSS MiB',
  ]
  const rows = timed.map((t) => [
    t.label,
    t.store === undefined ? '' : sizeLabel(t.store),
    String(t.count),
    fmt(t.totalMs / 1000, 2),
    fmt(t.p50, 1),
    fmt(t.p99, 1),
    String(t.errors),
    t.trips,
    d1Rows(t) + (t.rowsReadMax === undefined ? '' : `; ${fmtInt(t.rowsReadMax)}`),
    fmt(t.peakRssMiB, 0),
  ])
  return { head, rows }
}

/** Mean D1 rows read/written per request (X-D1-Rows), blank for a floor. */
const d1Rows = (s) =>
  s.rowsRead === undefined ? '' : `${fmt(s.rowsRead, 1)}/${fmt(s.rowsWritten, 1)}`

export function printTable({ head, rows }) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

export function markdownTable({ head, rows }) {
  const esc = (c) => String(c).replace(/\|/g, '\\|')
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n')
}

/** The targets of issue 6, checked against this run. status: met | not met | n/a. */
export function checkTargets(scenarios, timed, memory) {
  const find = (id) => scenarios.find((s) => s.id === id)
  const targets = []
  const pct = (r) => `${fmt(r * 100, 0)}%`

  const reads = scenarios.filter((s) => s.kind === 'read' && s.ratio !== undefined)
  const slowReads = reads.filter((s) => s.ratio < 0.8)
  const readText = (list) =>
    list
      .map(
        (s) =>
          `${s.label.replace(/^GET /, '')}${s.store ? ` @${sizeLabel(s.store)}` : ''} ${pct(s.ratio)}`,
      )
      .join('; ')
  const pages = reads.filter((s) => s.id.startsWith('users.page_'))
  const single = reads.filter((s) => !s.id.startsWith('users.page_'))
  targets.push({
    target: 'reads ≥ 80% of the D1 select floor',
    status: reads.length === 0 ? 'n/a' : slowReads.length === 0 ? 'met' : 'not met',
    evidence:
      `gets and filters: ${readText(single)}` +
      (pages.length ? `; list pages of 100: ${readText(pages)}` : ''),
  })

  const writes = scenarios.filter((s) => s.kind === 'write' && s.ratio !== undefined)
  const slowWrites = writes.filter((s) => s.ratio < 0.8)
  targets.push({
    target: 'writes ≥ 80% of the DO→D1 write floor',
    status: writes.length === 0 ? 'n/a' : slowWrites.length === 0 ? 'met' : 'not met',
    evidence: writes
      .map(
        (s) =>
          `${s.label}${s.id.startsWith('groups') ? ` @${sizeLabel(s.groupSize)}` : ''} ${pct(s.ratio)}`,
      )
      .join('; '),
  })

  const create = find('users.create')
  targets.push({
    target: 'concurrent creates on one org beyond the single-write floor (group commit)',
    status: !create?.ratio ? 'n/a' : create.ratio > 1 ? 'met' : 'not met',
    evidence: create?.ratio
      ? `create ${fmtInt(create.rps)} req/s vs DO→D1 floor ${fmtInt(create.floorRps)} req/s at c=${create.connections} (${pct(create.ratio)}); trips ${create.trips}${create.writesPerBatch ? `; ${fmt(create.writesPerBatch, 2)} writes per D1 batch` : ''}`
      : 'create not measured',
  })

  const scale = (lowId, highId, what) => {
    const low = find(lowId)
    const high = find(highId)
    if (!low || !high)
      return { target: what, status: 'n/a', evidence: `${lowId} or ${highId} not measured` }
    const r = high.p50 / low.p50
    // With paired floors, the two runs are also compared relative to the floor measured alongside
    // each, which cancels background load that differed between them: at a fixed number of
    // connections mean latency is connections ÷ throughput (Little's law), so the floor-relative
    // latency ratio is ratio(low) ÷ ratio(high). That figure decides when it exists.
    const paired = high.pairedFloor && low.pairedFloor && high.ratio && low.ratio
    const n = paired ? low.ratio / high.ratio : undefined
    const decisive = n ?? r
    return {
      target: what,
      status: decisive <= 1.3 ? 'met' : 'not met',
      evidence:
        `p50 ${fmt(high.p50, 2)} ms vs ${fmt(low.p50, 2)} ms = ${fmt(r, 2)}× (p99 ${fmt(high.p99, 2)} vs ${fmt(low.p99, 2)} ms)` +
        (paired ? `; relative to the paired floors (mean latency): ${fmt(n, 2)}×` : ''),
    }
  }
  targets.push(
    scale(
      'users.filter_eq@1000',
      'users.filter_eq@100000',
      'filter userName eq at 100k ≤ 1.3× its latency at 1k',
    ),
  )
  targets.push(
    scale(
      'groups.add_one@10',
      'groups.add_one@100000',
      'add-one-member on a 100k group ≤ 1.3× on a 10-member group',
    ),
  )

  targets.push(
    scale(
      'users.patch_entra',
      'users.patch_entra.dead_webhook',
      'SCIM write latency with a dead webhook endpoint ≤ 1.3× without',
    ),
  )

  targets.push(
    scale(
      'users.patch_entra.activity_off',
      'users.patch_entra.activity_on',
      'SCIM write latency with activity recording ≤ 1.3× without (zero D1 statements added)',
    ),
  )

  // D1 cost per request (X-D1-Rows), the issue's budgets.
  const rowsBudget = (what, list, field, limit) => {
    const measured = list.filter((s) => s[field] !== undefined)
    const over = measured.filter((s) => s[field] > limit)
    targets.push({
      target: what,
      status: measured.length === 0 ? 'n/a' : over.length === 0 ? 'met' : 'not met',
      evidence: measured
        .map(
          (s) =>
            `${s.label.replace(/^GET /, '')}${s.store ? ` @${sizeLabel(s.store)}` : ''}${s.groupSize ? ` @${sizeLabel(s.groupSize)}` : ''} ${fmt(s[field], 1)}`,
        )
        .join('; '),
    })
  }
  const keyed = scenarios.filter(
    (s) => s.id.startsWith('users.get@') || s.id.startsWith('users.filter_eq@'),
  )
  rowsBudget('keyed reads and userName eq ≤ 5 D1 rows read', keyed, 'rowsRead', 5)
  const pageRuns = [
    ...scenarios.filter((s) => s.id.startsWith('users.page_')),
    ...timed
      .filter((t) => t.id.startsWith('users.import_'))
      .map((t) => ({ ...t, rowsRead: t.rowsReadMax })),
  ]
  rowsBudget(
    'a page of 100 ≤ 110 D1 rows read at any depth (imports: worst page)',
    pageRuns,
    'rowsRead',
    110,
  )
  const adds = scenarios.filter((s) => s.id.startsWith('groups.add_one'))
  rowsBudget('a single-member add ≤ 5 D1 rows written', adds, 'rowsWritten', 5)

  const bulkCreates = timed.find((t) => t.id === 'users.bulk_1000')
  targets.push({
    target: 'a /Bulk of 1,000 user creates < 2 s',
    status: !bulkCreates
      ? 'n/a'
      : bulkCreates.errors === 0 && bulkCreates.max < 2000
        ? 'met'
        : 'not met',
    evidence: bulkCreates
      ? `${bulkCreates.count} runs: min ${fmt(bulkCreates.min, 0)} / median ${fmt(bulkCreates.p50, 0)} / max ${fmt(bulkCreates.max, 0)} ms, errors ${bulkCreates.errors}`
      : 'not measured',
  })

  const bulk = timed.find((t) => t.id === 'groups.patch_1000')
  targets.push({
    target: 'one PATCH with 1,000 member changes < 1 s',
    status: !bulk ? 'n/a' : bulk.errors === 0 && bulk.max < 1000 ? 'met' : 'not met',
    evidence: bulk
      ? `${bulk.count} runs: min ${fmt(bulk.min, 0)} / median ${fmt(bulk.p50, 0)} / max ${fmt(bulk.max, 0)} ms, errors ${bulk.errors}`
      : 'not measured',
  })

  const lowMem = find('users.filter_eq@1000')?.peakRssMiB
  const highMem = find('users.filter_eq@100000')?.peakRssMiB
  const idle = memory.idleFresh ?? {}
  const idleKeys = Object.keys(idle)
    .map(Number)
    .sort((a, b) => a - b)
  const idleText = idleKeys.map((k) => `${sizeLabel(k)}: ${fmt(idle[k], 0)}`).join(', ')
  const midMem = find('users.filter_eq@10000')?.peakRssMiB
  targets.push({
    target:
      'runtime memory flat in store size (workerd peak RSS, same filter-eq load in a fresh process: 100k ≤ 1.2× 1k)',
    status: lowMem && highMem ? (highMem <= lowMem * 1.2 ? 'met' : 'not met') : 'n/a',
    evidence: `peak RSS @1k ${fmt(lowMem, 0)} MiB, @10k ${fmt(midMem, 0)} MiB, @100k ${fmt(highMem, 0)} MiB (${fmt(highMem / lowMem, 2)}×); fresh-process RSS before load (MiB) ${idleText}`,
  })
  return targets
}

/** Scenario-by-scenario change against the previous run's summary. */
export function changesSince(previous, scenarios, timed) {
  if (!previous) return null
  const before = new Map([...previous.scenarios, ...(previous.shards ?? [])].map((s) => [s.id, s]))
  const beforeTimed = new Map((previous.timed ?? []).map((t) => [t.id, t]))
  const rows = []
  const delta = (a, b) => (a && b ? `${b >= a ? '+' : ''}${fmt(((b - a) / a) * 100, 0)}%` : '–')
  const ratio = (r) => (r === undefined ? '–' : `${fmt(r * 100, 0)}%`)
  const trips = (a, b) => (a === b ? b : `${a} → **${b}**`)
  for (const s of scenarios) {
    const p = before.get(s.id)
    if (!p) continue
    rows.push([
      s.label + (s.store ? ` @${sizeLabel(s.store)}` : ''),
      `${fmtInt(p.rps)} → ${fmtInt(s.rps)}`,
      delta(p.rps, s.rps),
      s.ratio === undefined && p.ratio === undefined ? '' : `${ratio(p.ratio)} → ${ratio(s.ratio)}`,
      `${fmt(p.p50, 2)} → ${fmt(s.p50, 2)}`,
      trips(p.trips, s.trips),
    ])
  }
  for (const t of timed) {
    const p = beforeTimed.get(t.id)
    if (!p) continue
    rows.push([
      t.label + (t.store ? ` @${sizeLabel(t.store)}` : ''),
      `${fmt(p.totalMs / 1000, 2)} s → ${fmt(t.totalMs / 1000, 2)} s`,
      delta(p.totalMs, t.totalMs),
      '',
      `${fmt(p.p50, 1)} → ${fmt(t.p50, 1)}`,
      trips(p.trips, t.trips),
    ])
  }
  const head = [
    'scenario',
    'req/s (or total time)',
    'change',
    'ratio to floor',
    'p50 ms',
    'X-IO-Trips',
  ]
  return { head, rows }
}

/**
 * The shard scenarios (bench/run.mjs shardScenarios): one row per load and one per configuration
 * (`all`), each compared with its reference row (`vs`): req/s, p50 and p99 as multiples of it.
 */
export function shardTable(rows) {
  const head = [
    'shard scenario',
    'load',
    'org @ shard',
    'store',
    'c',
    'req/s',
    'p50 ms',
    'p99 ms',
    'err/non2xx',
    'vs',
    'req/s ×',
    'p50 ×',
    'p99 ×',
    'X-IO-Trips',
    'D1 rows read/written',
    'workerd CPU cores (busiest thread; threads ≥ 5%)',
    'peak RSS MiB',
  ]
  const times = (a, b) => (a !== undefined && b ? `${fmt(a / b, 2)}×` : '')
  const byId = new Map(rows.map((r) => [r.id, r]))
  const body = rows.map((r) => {
    const ref = r.ref ? byId.get(r.ref) : undefined
    return [
      r.label,
      r.load,
      r.org ? `${r.org} @ ${r.shard}` : '',
      r.store === undefined ? '' : sizeLabel(r.store),
      String(r.connections),
      fmtInt(r.rps),
      fmt(r.p50, 2),
      fmt(r.p99, 2),
      `${r.errors}/${r.non2xx}`,
      ref ? ref.refName : '',
      ref ? times(r.rps, ref.rps) : '',
      ref ? times(r.p50, ref.p50) : '',
      ref ? times(r.p99, ref.p99) : '',
      r.trips + (r.tripsMix ? '*' : ''),
      d1Rows(r),
      r.cpuCores === undefined
        ? ''
        : `${fmt(r.cpuCores, 2)} (${fmt(r.topThreadCores, 2)}; ${r.busyThreads ?? '–'})`,
      fmt(r.peakRssMiB, 0),
    ]
  })
  return { head, rows: body }
}

/** What the shard rows say, in sentences (printed under the table and in RESULTS.md). */
export function shardFindings(rows) {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const x = (a, b) => (a !== undefined && b ? `${fmt(a / b, 2)}×` : '–')
  const lines = []
  const one = byId.get('shards.hot.one.all')
  const two = byId.get('shards.hot.two.all')
  if (one && two) {
    lines.push(
      `Two hot orgs: on two shards they served ${fmtInt(two.rps)} req/s together against ${fmtInt(one.rps)} on one (${x(two.rps, one.rps)}), p50 ${fmt(two.p50, 1)} vs ${fmt(one.p50, 1)} ms, p99 ${fmt(two.p99, 1)} vs ${fmt(one.p99, 1)} ms (${x(two.p99, one.p99)}).`,
    )
  }
  const alone = byId.get('shards.noisy.alone.quiet')
  const same = byId.get('shards.noisy.same.quiet')
  const apart = byId.get('shards.noisy.apart.quiet')
  if (alone && same && apart) {
    lines.push(
      `Noisy neighbour: the quiet org's p50/p99 was ${fmt(alone.p50, 1)}/${fmt(alone.p99, 1)} ms alone, ${fmt(same.p50, 1)}/${fmt(same.p99, 1)} ms with the noisy org on its shard, ${fmt(apart.p50, 1)}/${fmt(apart.p99, 1)} ms with it on another shard (${x(apart.p50, same.p50)} / ${x(apart.p99, same.p99)} of same-shard).`,
    )
  }
  const cpu = rows.filter((r) => r.cpuCores > 0)
  if (cpu.length > 0) {
    const share =
      cpu.reduce((n, r) => n + r.topThreadCores, 0) / cpu.reduce((n, r) => n + r.cpuCores, 0)
    const busy = [...new Set(cpu.map((r) => r.busyThreads))].sort().join('–')
    lines.push(
      `workerd used ${fmt(Math.min(...cpu.map((r) => r.cpuCores)), 2)}–${fmt(Math.max(...cpu.map((r) => r.cpuCores)), 2)} cores in these runs, and its busiest thread did ${fmt(share * 100, 0)}% of that (threads ≥ 5% of a core: ${busy})${share >= 0.85 ? ': locally the Workers, the Durable Objects and every D1 database run on that one thread, so a second database adds no parallelism here' : ''}.`,
    )
  }
  return lines
}
