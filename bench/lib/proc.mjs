// Memory of the workerd process, from /proc/<pid>/status (Linux).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'

/** { rssMiB, hwmMiB } or null when the process is gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** Resets VmHWM to the current RSS (`echo 5 > clear_refs`); false where the kernel refuses. */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/**
 * Peak RSS over a window: VmHWM after a reset when the kernel allows it, and in any case the
 * highest VmRSS sampled every `everyMs` (so the figure never depends on clear_refs alone).
 */
export function peakSampler(pid, everyMs = 100) {
  const hwmReset = resetPeak(pid)
  let sampled = memoryOf(pid)?.rssMiB ?? 0
  const timer = setInterval(() => {
    const m = memoryOf(pid)
    if (m && m.rssMiB > sampled) sampled = m.rssMiB
  }, everyMs)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      const m = memoryOf(pid)
      if (m && m.rssMiB > sampled) sampled = m.rssMiB
      const peak = hwmReset && m ? Math.max(m.hwmMiB, sampled) : sampled
      return {
        peakMiB: peak,
        endMiB: m?.rssMiB ?? NaN,
        source: hwmReset ? 'VmHWM' : 'VmRSS samples',
      }
    },
  }
}

export const load = () => loadavg().map((v) => Math.round(v * 100) / 100)

let clockTicks
/** CPU clock ticks per second (`getconf CLK_TCK`, 100 on Linux). */
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** Each thread's CPU ticks so far (utime + stime from /proc/<pid>/task/<tid>/stat). */
function threadTicks(pid) {
  const ticks = new Map()
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        ticks.set(tid, Number(fields[11]) + Number(fields[12]))
      } catch {}
    }
  } catch {}
  return ticks
}

/**
 * CPU the process used over a window: { seconds (wall), cores (CPU time ÷ wall), topThread (the
 * busiest thread's CPU time ÷ wall) and its name, threads (threads that used ≥ 5% of a core) }.
 */
export function cpuSampler(pid) {
  const before = threadTicks(pid)
  const t0 = performance.now()
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000
      const hz = ticksPerSecond()
      const after = [...threadTicks(pid)]
      const used = after.map(([tid, t]) => (t - (before.get(tid) ?? 0)) / hz)
      const total = used.reduce((n, x) => n + x, 0)
      const top = used.indexOf(Math.max(...used))
      let topName
      try {
        topName = readFileSync(`/proc/${pid}/task/${after[top][0]}/comm`, 'utf8').trim()
      } catch {}
      return {
        seconds,
        cores: total / seconds,
        topThread: Math.max(0, ...used) / seconds,
        topThreadName: topName,
        threads: used.filter((x) => x / seconds >= 0.05).length,
      }
    },
  }
}
