// A token request's form parameters (RFC 6749 §4.4.2, §5.2; RFC 7521 §4.2), each refusal with the
// error RFC 6749 names for it.
import { describe, expect, it } from 'vitest'
import { OAuthError } from '../../../src/model/oauth-error'
import { JWT_BEARER_ASSERTION, readTokenRequest } from '../../../src/model/token-request'

const good: Record<string, string> = {
  grant_type: 'client_credentials',
  client_assertion_type: JWT_BEARER_ASSERTION,
  client_assertion: 'a.b.c',
}
const form = (params: Record<string, string | undefined>) =>
  Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)

describe('readTokenRequest', () => {
  it('defaults the scope to scim', () => {
    expect(readTokenRequest(form(good))).toEqual({
      assertion: 'a.b.c',
      clientId: undefined,
      scope: 'scim',
    })
  })

  it('keeps client_id for the route to compare', () => {
    expect(readTokenRequest(form({ ...good, client_id: 'c1', scope: 'scim' }))).toMatchObject({
      clientId: 'c1',
    })
  })

  it.each([
    ['no grant_type', { grant_type: undefined }, 'invalid_request', 400],
    ['an empty grant_type', { grant_type: '' }, 'invalid_request', 400],
    ['grant_type password', { grant_type: 'password' }, 'unsupported_grant_type', 400],
    [
      'no client authentication',
      { client_assertion_type: undefined, client_assertion: undefined },
      'invalid_client',
      401,
    ],
    ['no client_assertion_type', { client_assertion_type: undefined }, 'invalid_request', 400],
    [
      'a SAML assertion type',
      { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' },
      'invalid_client',
      401,
    ],
    ['no client_assertion', { client_assertion: undefined }, 'invalid_request', 400],
    ['a client_secret too', { client_secret: 's' }, 'invalid_request', 400],
    ['scope admin', { scope: 'admin' }, 'invalid_scope', 400],
    ['scope scim and more', { scope: 'scim admin' }, 'invalid_scope', 400],
    ['an empty scope', { scope: '' }, 'invalid_scope', 400],
  ])('refuses %s', (_case, change, code, status) => {
    const result = readTokenRequest(form({ ...good, ...change }))
    expect(result).toBeInstanceOf(OAuthError)
    expect(result).toMatchObject({ code, status })
  })

  it('refuses a repeated parameter, even with the same value', () => {
    const result = readTokenRequest([...form(good), ['grant_type', 'client_credentials']])
    expect(result).toMatchObject({ code: 'invalid_request', description: 'grant_type is repeated' })
  })
})
