// RFC 7644 §3.14 versions as weak ETags; RFC 7232 §3.1 If-Match.
import { describe, expect, it } from 'vitest'
import { etagMatches, formatEtag, parseEntityTag, parseIfMatch } from '../../../src/scim/etag'

describe('formatEtag', () => {
  it.each([
    [1, 'W/"1"'],
    [42, 'W/"42"'],
  ])('version %i → %s', (version, tag) => expect(formatEtag(version)).toBe(tag))
})

describe('parseEntityTag', () => {
  it.each([
    ['W/"3"', { weak: true, opaque: '3' }],
    ['w/"3"', { weak: true, opaque: '3' }],
    ['"3"', { weak: false, opaque: '3' }],
    [' "a,b" ', { weak: false, opaque: 'a,b' }],
    ['3', { weak: false, opaque: '3' }],
    ['"3', undefined],
    ['W/3 4', undefined],
  ])('%s', (text, expected) => expect(parseEntityTag(text)).toEqual(expected))
})

describe('parseIfMatch', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    ['  ', undefined],
    ['*', { kind: 'any' }],
    [' * ', { kind: 'any' }],
    ['W/"3"', { kind: 'tags', tags: [{ weak: true, opaque: '3' }] }],
    [
      '"1", W/"2"',
      {
        kind: 'tags',
        tags: [
          { weak: false, opaque: '1' },
          { weak: true, opaque: '2' },
        ],
      },
    ],
    [
      '"a,b", "c"',
      {
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a,b' },
          { weak: false, opaque: 'c' },
        ],
      },
    ],
    ['"broken', { kind: 'tags', tags: [] }],
  ])('%o', (header, expected) => expect(parseIfMatch(header)).toEqual(expected))
})

describe('etagMatches (weak comparison, RFC 7232 §2.3.2)', () => {
  it.each([
    ['*', 7, true],
    ['W/"7"', 7, true],
    ['"7"', 7, true],
    ['W/"6"', 7, false],
    ['W/"6", W/"7"', 7, true],
    ['W/"70"', 7, false],
    ['"broken', 7, false],
  ])('If-Match %s against version %i → %s', (header, version, expected) => {
    expect(etagMatches(parseIfMatch(header)!, version)).toBe(expected)
  })

  it('matches the tag formatEtag produced', () => {
    expect(etagMatches(parseIfMatch(formatEtag(12))!, 12)).toBe(true)
  })
})
