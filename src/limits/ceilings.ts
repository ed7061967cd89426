// Pure: no I/O. Who may set which rate limit: the operator owns the ceilings, an org admin may set
// its org's rates anywhere up to them — lower to protect itself, never higher to take more than
// the operator granted (DESIGN: rate-limit only to protect the system).

export interface Rates {
  readsPerSecond: number
  writesPerSecond: number
  maxReadsPerSecond: number
  maxWritesPerSecond: number
}

export type RateChange =
  | { ok: true; rates: Rates }
  | { ok: false; reason: 'not-yours' | 'above-ceiling' | 'ceiling-below-rate'; detail: string }

const PAIRS = [
  ['readsPerSecond', 'maxReadsPerSecond', 'reads'],
  ['writesPerSecond', 'maxWritesPerSecond', 'writes'],
] as const

/**
 * The rates after `patch`. An org admin may not touch a ceiling, nor set a rate above one. The
 * operator may set anything: a rate raised past its ceiling takes the ceiling with it, a ceiling
 * lowered below its rate takes the rate with it; setting both apart in one patch is refused.
 */
export function changeRates(
  current: Rates,
  patch: Partial<Rates>,
  by: 'operator' | 'org-admin',
): RateChange {
  const next = { ...current, ...patch }
  for (const [rate, max, what] of PAIRS) {
    if (by === 'org-admin') {
      if (patch[max] !== undefined && patch[max] !== current[max]) {
        return { ok: false, reason: 'not-yours', detail: `Only the operator sets ${max}.` }
      }
      if (next[rate] > next[max]) {
        return {
          ok: false,
          reason: 'above-ceiling',
          detail: `${rate} may be at most ${next[max]} (the operator's ceiling for ${what}); ask the operator to raise it.`,
        }
      }
      continue
    }
    if (next[rate] <= next[max]) continue
    if (patch[max] !== undefined && patch[rate] !== undefined) {
      return {
        ok: false,
        reason: 'ceiling-below-rate',
        detail: `${max} (${next[max]}) is below ${rate} (${next[rate]}).`,
      }
    }
    if (patch[max] !== undefined) next[rate] = next[max]
    else next[max] = next[rate]
  }
  return { ok: true, rates: next }
}
