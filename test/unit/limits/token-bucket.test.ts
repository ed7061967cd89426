import { describe, expect, it } from 'vitest'
import { DEFAULT_RATES, limitsFor, take, type BucketState } from '../../../src/limits/token-bucket'

/** Sends `perSecond` evenly for `seconds` (simulated clock); returns how many were refused. */
function simulate(rate: number, perSecond: number, seconds: number, start = 0): number {
  let state: BucketState | undefined
  let refused = 0
  for (let i = 0; i < perSecond * seconds; i++) {
    const result = take(state, limitsFor(rate), start + (i * 1000) / perSecond)
    state = result.state
    if (!result.ok) refused++
  }
  return refused
}

describe('token bucket', () => {
  it.each([
    ['reads', DEFAULT_RATES.readsPerSecond],
    ['writes', DEFAULT_RATES.writesPerSecond],
  ])(
    'default %s limit never throttles a sustained 50 req/s IdP sync (10 simulated minutes)',
    (_kind, rate) => {
      expect(simulate(rate, 50, 600)).toBe(0)
    },
  )

  it('a burst the size of the bucket passes, the next request waits a whole second or more', () => {
    const limits = limitsFor(100)
    let state: BucketState | undefined
    for (let i = 0; i < limits.capacity; i++) {
      const r = take(state, limits, 0)
      expect(r.ok).toBe(true)
      state = r.state
    }
    const refused = take(state, limits, 0)
    expect(refused).toMatchObject({ ok: false, retryAfterSeconds: 1 })
  })

  it('a flood is cut to the sustained rate', () => {
    // 1,000 req/s for 10 s against 100/s: about 100/s get through after the burst.
    const refused = simulate(100, 1000, 10)
    const passed = 10_000 - refused
    expect(passed).toBeGreaterThanOrEqual(1000 + 200 - 1)
    expect(passed).toBeLessThanOrEqual(1000 + 200 + 1)
  })

  it('Retry-After is a whole number of seconds, long enough for one token', () => {
    const limits = { ratePerSecond: 0.25, capacity: 1 }
    const first = take(undefined, limits, 0)
    const second = take(first.state, limits, 0)
    expect(second).toMatchObject({ ok: false, retryAfterSeconds: 4 })
    expect(take(second.state, limits, 4000).ok).toBe(true)
  })
})
