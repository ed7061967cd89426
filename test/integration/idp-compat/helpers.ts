// Shared vocabulary of the IDP-COMPAT tests: SCIM requests as IdPs send them, through the one
// test entry point (test/helpers/api.ts), with the checks every answer must pass.
import { expect } from 'vitest'
import { createTestOrg, scim, type TestOrg } from '../../helpers/api'

export { createTestOrg, expectScimError, scim, type TestOrg } from '../../helpers/api'

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const ROLE_URN = 'urn:custom:params:scim:schemas:extension:scimedge:2.0:User'
export const ENTRA_LEGACY_GROUP =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'

export type Json = Record<string, any>
export type Kind = 'Users' | 'Groups'

/** A JSON request as IdPs send it (Okta: application/scim+json; charset=utf-8). */
export function send(method: string, body: unknown, contentType = 'application/scim+json') {
  return {
    method,
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

/** Every SCIM answer with a body is application/scim+json. */
export async function scimBody(res: Response): Promise<Json> {
  expect(res.headers.get('Content-Type')).toMatch(/^application\/scim\+json/)
  return (await res.json()) as Json
}

let seq = 0
/** A userName unique across the run (orgs are fresh anyway; this keeps failures readable). */
export const uniqueName = (prefix = 'user') => `${prefix}.${(seq++).toString(36)}@example.com`

export async function createUser(org: TestOrg, body: Json = {}): Promise<Json> {
  const input = { schemas: [USER_SCHEMA], userName: uniqueName(), ...body }
  const res = await scim('/Users', org.token, send('POST', input))
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(201)
  return json
}

export async function createGroup(org: TestOrg, body: Json = {}): Promise<Json> {
  const input = { schemas: [GROUP_SCHEMA], displayName: `Team ${seq++}`, ...body }
  const res = await scim('/Groups', org.token, send('POST', input))
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(201)
  return json
}

/** GET one resource: 200 and its body, or fails the test. */
export async function getResource(org: TestOrg, kind: Kind, id: string, query = ''): Promise<Json> {
  const res = await scim(`/${kind}/${id}${query}`, org.token)
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(200)
  return json
}

/** GET a list with a raw query string (already encoded as the IdP sends it). */
export async function list(org: TestOrg, kind: Kind, query: string): Promise<Json> {
  const res = await scim(`/${kind}?${query}`, org.token)
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(200)
  expect(json.schemas).toEqual([LIST_RESPONSE])
  return json
}

/** `filter=<expr>` percent-encoded the way Okta does it. */
export const filterQuery = (expr: string) => `filter=${encodeURIComponent(expr)}`

/** The ids a filter selects. */
export async function filterIds(org: TestOrg, kind: Kind, expr: string): Promise<string[]> {
  const body = await list(org, kind, filterQuery(expr))
  expect(body.totalResults).toBe(body.Resources.length)
  return body.Resources.map((r: Json) => r.id)
}

export const patchBody = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations })

export function patch(org: TestOrg, kind: Kind, id: string, body: unknown, query = '') {
  return scim(`/${kind}/${id}${query}`, org.token, send('PATCH', body))
}

/** User PATCH → 200 + the resource. */
export async function patchUser(org: TestOrg, id: string, ...ops: Json[]): Promise<Json> {
  const res = await patch(org, 'Users', id, patchBody(...ops))
  const json = await scimBody(res)
  expect(res.status, JSON.stringify(json)).toBe(200)
  expect(json.id).toBe(id)
  return json
}

/** Group PATCH → 204, no body. */
export async function patchGroup(org: TestOrg, id: string, ...ops: Json[]): Promise<Response> {
  const res = await patch(org, 'Groups', id, patchBody(...ops))
  const text = await res.text()
  expect(res.status, text).toBe(204)
  expect(text).toBe('')
  return res
}

/** The group's member ids, sorted (GET with members). */
export async function memberIds(org: TestOrg, groupId: string): Promise<string[]> {
  const group = await getResource(org, 'Groups', groupId)
  return ((group.members ?? []) as Json[]).map((m) => m.value).sort()
}

export const sorted = (ids: string[]) => [...ids].sort()

/** A fresh org with `n` users (created one after another: creation order is known). */
export async function orgWithUsers(n: number): Promise<{ org: TestOrg; users: Json[] }> {
  const org = await createTestOrg()
  const users: Json[] = []
  for (let i = 0; i < n; i++) users.push(await createUser(org))
  return { org, users }
}
