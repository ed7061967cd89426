import { describe, expect, it } from 'vitest'
import { call, createTestOrg, scim } from '../helpers/api'

describe('smoke', () => {
  it('serves discovery with a fresh token', async () => {
    const org = await createTestOrg()
    const res = await scim('/ServiceProviderConfig', org.token)
    expect(res.status).toBe(200)
    expect((await call('/healthz')).status).toBe(200)
  })
})
