// A jwks_uri is held to the webhook URL policy when it is fetched, not only when it is registered:
// without WEBHOOK_ALLOW_LOCAL nothing but https to a public host is fetched — the refusal comes
// before any request is made.
import { describe, expect, it } from 'vitest'
import type { Bindings } from '../../../src/env'
import { jwksFetcher } from '../../../src/http/oauth/jwks-fetch'

const production = jwksFetcher({} as Bindings)
const local = jwksFetcher({ WEBHOOK_ALLOW_LOCAL: 'true' } as Bindings)

describe('jwks_uri fetching', () => {
  it.each([
    ['http to a public host', 'http://idp.example.com/jwks', /must be https/],
    ['http to loopback', 'http://127.0.0.1:9/jwks', /must be https/],
    ['https to loopback', 'https://localhost:9/jwks', /public host/],
    ['a private address', 'https://192.168.1.10/jwks', /public host/],
    ['link-local (cloud metadata)', 'https://169.254.169.254/jwks', /public host/],
  ])('refuses %s without the local allowance', async (_case, url, problem) => {
    expect(await production(url)).toEqual({ problem: expect.stringMatching(problem) })
  })

  it('refuses a private address even with the local allowance', async () => {
    expect(await local('https://10.0.0.1/jwks')).toEqual({
      problem: expect.stringMatching(/public host/),
    })
  })
})
