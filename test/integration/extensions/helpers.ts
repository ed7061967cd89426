// An org with one declared extension (cost centre, clearance with canonical values, a badge
// number, a hire date, sites, a case-exact code), as the extension tests use it.
import { expect } from 'vitest'
import { admin, createTestOrg, type TestOrg } from '../../helpers/api'

export const ACME = 'urn:acme:params:scim:schemas:extension:acme:2.0:User'

export const ACME_DECLARATION = {
  name: 'Acme',
  attributes: [
    { name: 'costCenter', type: 'string' },
    { name: 'clearance', type: 'string', canonicalValues: ['public', 'secret', 'top-secret'] },
    { name: 'badge', type: 'integer' },
    { name: 'hired', type: 'dateTime' },
    { name: 'sites', type: 'string', multiValued: true },
    { name: 'code', type: 'string', caseExact: true },
  ],
}

export function declare(org: TestOrg, urn: string, declaration: unknown) {
  return admin(`/orgs/${org.orgId}/extensions/${encodeURIComponent(urn)}`, org.adminKey, {
    method: 'PUT',
    json: declaration,
  })
}

export async function orgWithAcme(settings?: Record<string, unknown>): Promise<TestOrg> {
  const org = await createTestOrg('Acme', settings)
  const res = await declare(org, ACME, ACME_DECLARATION)
  expect(res.status, await res.clone().text()).toBe(200)
  return org
}
