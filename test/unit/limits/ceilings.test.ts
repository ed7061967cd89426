// Who may set which rate (src/limits/ceilings.ts): the operator owns the ceilings; an org admin
// may move its rates anywhere up to them.
import { describe, expect, it } from 'vitest'
import { changeRates, type Rates } from '../../../src/limits/ceilings'

const current: Rates = {
  readsPerSecond: 500,
  writesPerSecond: 200,
  maxReadsPerSecond: 500,
  maxWritesPerSecond: 200,
}

describe('an org admin', () => {
  it.each([
    [{ readsPerSecond: 10 }, { readsPerSecond: 10 }],
    [{ writesPerSecond: 200 }, {}],
    [
      { readsPerSecond: 1, writesPerSecond: 1 },
      { readsPerSecond: 1, writesPerSecond: 1 },
    ],
    [{ maxReadsPerSecond: 500 }, {}], // restating the ceiling changes nothing
  ])('may set %j', (patch, changed) => {
    expect(changeRates(current, patch, 'org-admin')).toEqual({
      ok: true,
      rates: { ...current, ...changed },
    })
  })

  it.each([
    [{ readsPerSecond: 501 }, 'above-ceiling'],
    [{ writesPerSecond: 100_000 }, 'above-ceiling'],
    [{ maxReadsPerSecond: 1000 }, 'not-yours'],
    [{ maxWritesPerSecond: 100 }, 'not-yours'],
  ])('may not set %j (%s)', (patch, reason) => {
    expect(changeRates(current, patch, 'org-admin')).toMatchObject({ ok: false, reason })
  })
})

describe('the operator', () => {
  it('raising a rate past its ceiling raises the ceiling', () => {
    expect(changeRates(current, { readsPerSecond: 5000 }, 'operator')).toEqual({
      ok: true,
      rates: { ...current, readsPerSecond: 5000, maxReadsPerSecond: 5000 },
    })
  })

  it('lowering a ceiling below its rate lowers the rate', () => {
    expect(changeRates(current, { maxWritesPerSecond: 50 }, 'operator')).toEqual({
      ok: true,
      rates: { ...current, writesPerSecond: 50, maxWritesPerSecond: 50 },
    })
  })

  it('a ceiling set below a rate in the same patch is refused', () => {
    expect(
      changeRates(current, { readsPerSecond: 800, maxReadsPerSecond: 600 }, 'operator'),
    ).toMatchObject({ ok: false, reason: 'ceiling-below-rate' })
  })

  it('may set a ceiling above the rate and leave the rate alone', () => {
    expect(changeRates(current, { maxReadsPerSecond: 2000 }, 'operator')).toEqual({
      ok: true,
      rates: { ...current, maxReadsPerSecond: 2000 },
    })
  })
})
