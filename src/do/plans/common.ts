// Shared pieces of the resource write plans: preconditions and resource schemas per org.
import type { EventDraft } from '../../repo/events'
import type { Org } from '../../repo/orgs'
import type { Decision } from '../write-context'
import { notFound, preconditionFailed } from '../../scim/errors'
import { etagMatches, parseIfMatch } from '../../scim/etag'
import { groupResourceSchema, userResourceSchema } from '../../scim/schema'

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

export const userSchemaOf = (org: Org) =>
  userResourceSchema(org.settings.roleSchema, org.settings.roleValues)

export const groupSchema = groupResourceSchema()

/** What a resource write answers: the stored resource and the org's role settings to render it. */
export interface WriteResult<T> {
  resource: T
  roleSchema: string
  roleValues: string[]
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Attaches the org's role settings to a decision's value (the route renders with them). */
export function withRoleSettings<V>(org: Org, d: Decision<V>): Decision<WriteResult<V>> {
  const { roleSchema, roleValues } = org.settings
  return { ...d, value: { resource: d.value, roleSchema, roleValues } }
}

export const memberEvent = (type: string, teamId: string, userId: string): EventDraft => ({
  type,
  resourceType: 'Group',
  resourceId: teamId,
  data: { userId },
})
