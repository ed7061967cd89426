// Building blocks for resource tests: create users and groups, PATCH with a PatchOp envelope.
import { expect } from 'vitest'
import { scim, type TestOrg } from './api'

export const JSON_BODY = { 'Content-Type': 'application/scim+json' }
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const ROLE_URN = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User'

export type Json = Record<string, any>

export function send(org: TestOrg, method: string, path: string, body?: unknown, headers = {}) {
  return scim(path, org.token, {
    method,
    headers: { ...JSON_BODY, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

export async function createUser(org: TestOrg, userName: string, extra: Json = {}): Promise<Json> {
  const res = await send(org, 'POST', '/Users', { userName, ...extra })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}

export async function createGroup(
  org: TestOrg,
  displayName: string,
  extra: Json = {},
): Promise<Json> {
  const res = await send(org, 'POST', '/Groups', { displayName, ...extra })
  expect(res.status, await res.clone().text()).toBe(201)
  return res.json()
}

export const patchBody = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations })

export function patch(org: TestOrg, path: string, ...ops: Json[]) {
  return send(org, 'PATCH', path, patchBody(...ops))
}

export async function getJson(org: TestOrg, path: string): Promise<Json> {
  const res = await scim(path, org.token)
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}

/** Every member id of a group, read through the API. */
export async function memberIds(org: TestOrg, groupId: string): Promise<string[]> {
  const group = await getJson(org, `/Groups/${groupId}`)
  return ((group.members ?? []) as Json[]).map((m) => m.value).sort()
}
