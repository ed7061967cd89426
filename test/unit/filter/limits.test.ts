import { describe, expect, it } from 'vitest'
import {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  MAX_FILTER_TERMS,
  parseFilter,
} from '../../../src/scim/filter'
import { invalidFilterFrom } from './fixtures'

const nested = (depth: number, open = '(', close = ')') =>
  `${open.repeat(depth)}a pr${close.repeat(depth)}`
const terms = (count: number) => Array.from({ length: count }, (_, i) => `a${i} pr`).join(' and ')

describe('filter limits', () => {
  it('exports the limits as constants', () => {
    expect([MAX_FILTER_LENGTH, MAX_FILTER_DEPTH, MAX_FILTER_TERMS]).toEqual([4096, 32, 200])
  })

  it(`accepts a filter of exactly ${MAX_FILTER_LENGTH} characters`, () => {
    const text = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH - 14)}"`
    expect(text).toHaveLength(MAX_FILTER_LENGTH)
    expect(parseFilter(text).kind).toBe('compare')
  })

  it('refuses a longer filter before reading it (even one that would not tokenize)', () => {
    const text = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH)}`
    expect(invalidFilterFrom(() => parseFilter(text)).detail).toContain(
      `${text.length} characters long; at most ${MAX_FILTER_LENGTH}`,
    )
  })

  it(`accepts ${MAX_FILTER_DEPTH} nested groups and refuses one more, naming the offset`, () => {
    expect(parseFilter(nested(MAX_FILTER_DEPTH))).toStrictEqual({
      kind: 'present',
      path: { attr: 'a' },
    })
    const error = invalidFilterFrom(() => parseFilter(nested(MAX_FILTER_DEPTH + 1)))
    expect(error.detail).toContain(
      `deeper than ${MAX_FILTER_DEPTH} levels at offset ${MAX_FILTER_DEPTH}`,
    )
  })

  it('counts "not (" and "[" towards the depth', () => {
    const nots = `${'not ('.repeat(MAX_FILTER_DEPTH)}emails[a pr]${')'.repeat(MAX_FILTER_DEPTH)}`
    expect(invalidFilterFrom(() => parseFilter(nots)).detail).toContain('deeper than')
    const depth = MAX_FILTER_DEPTH - 1
    const fits = `${'not ('.repeat(depth)}emails[a pr]${')'.repeat(depth)}`
    expect(parseFilter(fits).kind).toBe('not')
  })

  it('checks depth before parsing: a too-deep filter with a syntax error reports the depth', () => {
    const text = `${'('.repeat(MAX_FILTER_DEPTH + 1)} !!! `
    expect(invalidFilterFrom(() => parseFilter(text)).detail).toContain('deeper than')
  })

  it('never overflows the stack on pathological input within the length limit', () => {
    const text = '('.repeat(MAX_FILTER_LENGTH)
    expect(invalidFilterFrom(() => parseFilter(text)).detail).toContain('deeper than')
  })

  it(`accepts ${MAX_FILTER_TERMS} attribute expressions and refuses one more`, () => {
    expect(parseFilter(terms(MAX_FILTER_TERMS)).kind).toBe('and')
    const text = terms(MAX_FILTER_TERMS + 1)
    const error = invalidFilterFrom(() => parseFilter(text))
    expect(error.detail).toContain(`more than ${MAX_FILTER_TERMS} attribute expressions`)
    expect(error.detail).toContain(`offset ${text.lastIndexOf('pr')}, found "pr"`)
  })

  it('counts terms inside value paths, including the Entra/Okta `].sub` form', () => {
    const inner = Array.from({ length: MAX_FILTER_TERMS }, (_, i) => `t${i} pr`).join(' or ')
    expect(parseFilter(`emails[${inner}]`).kind).toBe('valuePath')
    expect(invalidFilterFrom(() => parseFilter(`emails[${inner}].value pr`)).detail).toContain(
      `more than ${MAX_FILTER_TERMS}`,
    )
  })
})
