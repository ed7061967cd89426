// Memory of the workerd process, from /proc/<pid>/status (Linux).
import { readFileSync, writeFileSync } from 'node:fs'
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
