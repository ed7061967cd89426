// The claims a client assertion must carry (RFC 7523 §3), at their boundaries, with the clock as a
// parameter; and what is read from an assertion before its signature is checked.
import { describe, expect, it } from 'vitest'
import {
  checkClaims,
  CLOCK_SKEW_SECONDS,
  MAX_ASSERTION_LIFETIME_SECONDS,
  readAssertion,
} from '../../../src/model/client-assertion'

const NOW = 1_900_000_000
const TOKEN = 'https://scim.test/oauth/token'
const ISSUER = 'https://scim.test'
const rules = { audiences: [TOKEN, ISSUER], now: NOW }
const valid = { iss: 'c1', sub: 'c1', aud: TOKEN, exp: NOW + 60, iat: NOW, jti: 'j1' }
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const jws = (header: unknown, claims: unknown) => `${encode(header)}.${encode(claims)}.sig`

describe('checkClaims', () => {
  it('accepts a valid assertion and keeps its jti until its exp', () => {
    expect(checkClaims(valid, rules)).toEqual({ ok: true, value: { jti: 'j1', exp: NOW + 60 } })
  })

  it.each([
    ['the issuer as aud', { aud: ISSUER }],
    ['aud as a list naming the token endpoint', { aud: ['https://x.test', TOKEN] }],
    ['exp just inside the skew', { exp: NOW - CLOCK_SKEW_SECONDS + 1 }],
    [
      'exp at the longest lifetime plus skew',
      { exp: NOW + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS },
    ],
    ['nbf within the skew', { nbf: NOW + CLOCK_SKEW_SECONDS }],
    ['iat within the skew', { iat: NOW + CLOCK_SKEW_SECONDS }],
    ['no iat or nbf', { iat: undefined }],
  ])('accepts %s', (_case, change) => {
    expect(checkClaims({ ...valid, ...change }, rules).ok).toBe(true)
  })

  it.each([
    ['another aud', { aud: 'https://other.test' }, /aud/],
    ['aud of a prefix of the issuer', { aud: 'https://scim.tes' }, /aud/],
    ['no aud', { aud: undefined }, /aud/],
    ['aud a number', { aud: 1 }, /aud/],
    ['no exp', { exp: undefined }, /exp is required/],
    ['exp a string', { exp: String(NOW + 60) }, /exp is required/],
    ['exp at the skew', { exp: NOW - CLOCK_SKEW_SECONDS }, /expired/],
    [
      'exp one second too far',
      { exp: NOW + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS + 1 },
      /ahead/,
    ],
    ['nbf past the skew', { nbf: NOW + CLOCK_SKEW_SECONDS + 1 }, /nbf/],
    ['nbf not a number', { nbf: 'soon' }, /nbf/],
    ['iat past the skew', { iat: NOW + CLOCK_SKEW_SECONDS + 1 }, /iat/],
    ['no jti', { jti: undefined }, /jti/],
    ['an empty jti', { jti: '' }, /jti/],
    ['a jti of 257 characters', { jti: 'j'.repeat(257) }, /jti/],
    ['a numeric jti', { jti: 7 }, /jti/],
  ])('refuses %s', (_case, change, problem) => {
    const result = checkClaims({ ...valid, ...change }, rules)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(problem)
  })
})

describe('readAssertion', () => {
  it('reads the algorithm, the kid and the client', () => {
    const read = readAssertion(jws({ alg: 'PS256', kid: 'k1' }, valid))
    expect(read).toEqual({
      ok: true,
      value: { header: { alg: 'PS256', kid: 'k1' }, claims: valid, clientId: 'c1' },
    })
  })

  it.each([
    ['alg none', jws({ alg: 'none' }, valid), /"none" is not accepted/],
    ['HS256', jws({ alg: 'HS256' }, valid), /"HS256" is not accepted/],
    ['RS512', jws({ alg: 'RS512' }, valid), /not accepted/],
    ['no alg', jws({}, valid), /null is not accepted/],
    ['crit', jws({ alg: 'ES256', crit: ['b64'] }, valid), /crit/],
    ['a numeric kid', jws({ alg: 'ES256', kid: 1 }, valid), /kid/],
    ['iss ≠ sub', jws({ alg: 'ES256' }, { ...valid, sub: 'c2' }), /iss and sub/],
    ['no iss', jws({ alg: 'ES256' }, { ...valid, iss: undefined }), /iss and sub/],
    ['two parts', `${encode({ alg: 'ES256' })}.${encode(valid)}`, /compact JWS/],
    ['JSON serialization', JSON.stringify({ payload: 'x' }), /compact JWS/],
    ['a header that is not JSON', `bm9wZQ.${encode(valid)}.sig`, /JSON/],
    ['claims that are an array', jws({ alg: 'ES256' }, [valid]), /JSON/],
    [
      'an over-long assertion',
      jws({ alg: 'ES256' }, { ...valid, pad: 'x'.repeat(20_000) }),
      /too long/,
    ],
  ])('refuses %s', (_case, jwt, problem) => {
    const read = readAssertion(jwt)
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.problem).toMatch(problem)
  })
})
