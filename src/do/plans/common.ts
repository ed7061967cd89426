// Shared pieces of the resource write plans: preconditions, the answer's shape, member events.
import type { Org } from '../../repo/orgs'
import type { StoredResource } from '../../repo/resources'
import { notFound, preconditionFailed } from '../../scim/errors'
import { etagMatches, parseIfMatch } from '../../scim/etag'
import type { RoleSettings } from '../../scim/schema'
import type { Decision } from '../write-context'

/** RFC 7644 §3.14: If-Match on PUT/PATCH/DELETE; a mismatch is 412 and nothing is written. */
export function checkIfMatch(ifMatch: string | undefined, version: number) {
  const condition = parseIfMatch(ifMatch)
  if (condition && !etagMatches(condition, version)) {
    throw preconditionFailed(`The resource is at version W/"${version}"; If-Match did not match.`)
  }
}

export function requireFound<T>(rows: T[], kind: 'User' | 'Group', id: string): T {
  if (rows.length === 0) throw notFound(`${kind} ${id} not found.`)
  return rows[0]
}

/** What a resource write answers: the stored resource and the org's role settings to render it. */
export interface ResourceWritten extends RoleSettings {
  resource: StoredResource
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Attaches the org's role settings to a decision's value (the route renders with them). */
export function withRoleSettings(org: Org, d: Decision<StoredResource>): Decision<ResourceWritten> {
  const { roleSchema, roleValues } = org.settings
  return { ...d, value: { resource: d.value, roleSchema, roleValues, extensions: org.extensions } }
}
