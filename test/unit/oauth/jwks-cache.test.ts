// How long a fetched JWK Set is reused (Cache-Control max-age, clamped), and when an unknown kid
// fetches it again — the clock and the fetcher are parameters, so no test waits.
import { describe, expect, it } from 'vitest'
import type { PublicJwk } from '../../../src/model/jwks'
import {
  cacheSeconds,
  DEFAULT_MAX_AGE_SECONDS,
  JwksCache,
  MAX_MAX_AGE_SECONDS,
  MIN_MAX_AGE_SECONDS,
  REFETCH_UNKNOWN_KID_MS,
} from '../../../src/http/oauth/jwks-cache'
import type { FetchedKeys } from '../../../src/http/oauth/jwks-fetch'

const key = (kid: string) => ({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid }) as PublicJwk

/** A jwks_uri whose answers a test sets, counting fetches. */
function server(answer: FetchedKeys | { problem: string }) {
  const s = {
    answer,
    fetches: 0,
    fetcher: async () => {
      s.fetches++
      return s.answer
    },
  }
  return s
}

describe('cacheSeconds', () => {
  it.each([
    [null, DEFAULT_MAX_AGE_SECONDS],
    ['public', DEFAULT_MAX_AGE_SECONDS],
    ['max-age=600', 600],
    ['public, max-age="900"', 900],
    ['max-age=5', MIN_MAX_AGE_SECONDS],
    ['max-age=31536000', MAX_MAX_AGE_SECONDS],
    ['no-store', MIN_MAX_AGE_SECONDS],
    ['max-age=600, no-cache', MIN_MAX_AGE_SECONDS],
    ['s-maxage=600', DEFAULT_MAX_AGE_SECONDS],
  ])('%s → %i s', (header, seconds) => {
    expect(cacheSeconds(header)).toBe(seconds)
  })
})

describe('JwksCache', () => {
  const URL = 'https://idp.example.com/jwks'

  it('reuses a set for its max-age, then fetches it again', async () => {
    const cache = new JwksCache()
    const s = server({ keys: [key('a')], cacheControl: 'max-age=600' })
    await cache.keys(URL, 'a', 0, s.fetcher)
    await cache.keys(URL, 'a', 599_999, s.fetcher)
    expect(s.fetches).toBe(1)
    await cache.keys(URL, 'a', 600_000, s.fetcher)
    expect(s.fetches).toBe(2)
  })

  it('fetches again for an unknown kid, at most once per interval', async () => {
    const cache = new JwksCache()
    const s = server({ keys: [key('a')], cacheControl: 'max-age=3600' })
    await cache.keys(URL, 'a', 0, s.fetcher)
    s.answer = { keys: [key('a'), key('b')], cacheControl: 'max-age=3600' }
    expect(await cache.keys(URL, 'b', REFETCH_UNKNOWN_KID_MS - 1, s.fetcher)).toEqual([key('a')])
    expect(s.fetches).toBe(1)
    expect(await cache.keys(URL, 'b', REFETCH_UNKNOWN_KID_MS, s.fetcher)).toHaveLength(2)
    expect(s.fetches).toBe(2)
    await cache.keys(URL, 'c', REFETCH_UNKNOWN_KID_MS + 1, s.fetcher)
    expect(s.fetches).toBe(2)
  })

  it('keeps no failure: the next request tries again', async () => {
    const cache = new JwksCache()
    const s = server({ problem: 'jwks_uri answered 503' })
    expect(await cache.keys(URL, undefined, 0, s.fetcher)).toEqual({
      problem: 'jwks_uri answered 503',
    })
    s.answer = { keys: [key('a')], cacheControl: null }
    expect(await cache.keys(URL, undefined, 1, s.fetcher)).toEqual([key('a')])
    expect(s.fetches).toBe(2)
  })

  it('keeps one entry per URL', async () => {
    const cache = new JwksCache()
    const s = server({ keys: [key('a')], cacheControl: null })
    await cache.keys(URL, 'a', 0, s.fetcher)
    await cache.keys(`${URL}2`, 'a', 0, s.fetcher)
    await cache.keys(URL, 'a', 0, s.fetcher)
    expect(s.fetches).toBe(2)
  })
})
