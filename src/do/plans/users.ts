// Write plans for /Users (RFC 7644 §3.3, §3.5.1, §3.5.2, §3.6). Uniqueness of userName is
// checked on the folded key inside the org writer's queue, so concurrent creates cannot race.
import type { EventDraft } from '../../repo/events'
import type { StoredResource } from '../../repo/resources'
import { toStored } from '../../repo/resources'
import { addUserToTeams, removeUserFromTeams, selectTeamsByIds } from '../../repo/teams'
import {
  deleteUser as deleteUserRows,
  insertUser,
  replaceRoles,
  selectRoles,
  selectUser,
  selectUserIdByName,
  selectUserTeamIds,
  updateUser,
} from '../../repo/users'
import { invalidValue, uniqueness } from '../../scim/errors'
import { storedData, userInput } from '../../scim/input'
import { applyPatch, type PatchOperation } from '../../scim/patch'
import { extractRoles } from '../../scim/roles'
import { userSchemaFor } from '../../scim/schema'
import { foldName } from '../../scim/identity'
import type { Decision, Plan, WriteContext } from '../write-context'
import {
  checkIfMatch,
  memberEvent,
  requireFound,
  sameJson,
  withRoleSettings,
  type ResourceWritten,
} from './common'

type Data = Record<string, unknown>

export const createUser =
  (body: unknown): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = userInput(body, userSchemaFor(org.settings))
    const { data, roles } = extractRoles(input.data, org.settings)
    const teamIds = [
      ...new Set([
        ...(org.settings.defaultTeamId ? [org.settings.defaultTeamId] : []),
        ...(input.linkedIds ?? []),
      ]),
    ]
    const [taken, teams] = await w.read(
      selectUserIdByName(w.db, w.orgId, String(data.userName)),
      selectTeamsByIds(w.db, w.orgId, teamIds),
    )
    if (taken.length > 0)
      throw uniqueness(`userName ${JSON.stringify(data.userName)} is already taken.`)
    const unknown = (input.linkedIds ?? []).filter((id) => !teams.some((t) => t.id === id))
    if (unknown.length > 0)
      throw invalidValue(`Unknown group id(s) in "groups": ${unknown.join(', ')}.`)
    const id = w.newId()
    const links = teams.map((t) => ({ value: t.id, display: t.displayName }))
    const events: EventDraft[] = [
      {
        type: 'user.created',
        resourceType: 'User',
        resourceId: id,
        data: { userName: data.userName },
      },
      ...roles.map((role) => roleEvent('role.assigned', id, role)),
      ...teams.map((t) => memberEvent('team.member_added', t.id, id)),
    ]
    return withRoleSettings(org, {
      statements: [
        ...insertUser(w.db, w.orgId, id, data, w.now),
        ...(roles.length > 0 ? replaceRoles(w.db, w.orgId, id, roles, w.now) : []),
        ...(teams.length > 0
          ? addUserToTeams(
              w.db,
              w.orgId,
              id,
              teams.map((t) => t.id),
              w.now,
            )
          : []),
      ],
      events,
      value: { id, data, version: 1, createdAt: w.now, updatedAt: w.now, links },
    })
  }

export const replaceUser =
  (id: string, body: unknown, ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = userInput(body, userSchemaFor(org.settings))
    return writeUser(w, id, ifMatch, () => input.data, input.linkedIds)
  }

export const patchUser =
  (id: string, ops: PatchOperation[], ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const schema = userSchemaFor(org.settings)
    return writeUser(w, id, ifMatch, (before) => {
      const patched = applyPatch({ ...before.data, id }, ops, schema)
      return storedData(patched.resource, schema)
    })
  }

export const deleteUser =
  (id: string, ifMatch?: string): Plan<{ id: string }> =>
  async (w) => {
    const [rows, teams] = await w.read(
      selectUser(w.db, w.orgId, id, false),
      selectUserTeamIds(w.db, w.orgId, id),
    )
    const row = requireFound(rows, 'User', id)
    checkIfMatch(ifMatch, row.version)
    const teamIds = teams.map((t) => t.teamId)
    return {
      statements: deleteUserRows(w.db, w.orgId, id, toStored(row).data, teamIds, w.now),
      events: [
        ...teams.map((t) => memberEvent('team.member_removed', t.teamId, id)),
        { type: 'user.deleted', resourceType: 'User', resourceId: id, data: {} },
      ],
      value: { id },
    }
  }

/** PUT and PATCH share everything after "what is the new data". */
async function writeUser(
  w: WriteContext,
  id: string,
  ifMatch: string | undefined,
  next: (before: StoredResource) => Data,
  linkedIds?: string[],
): Promise<Decision<ResourceWritten>> {
  const org = await w.org()
  const [rows, roleRows, teamRows, linked] = await w.read(
    selectUser(w.db, w.orgId, id),
    selectRoles(w.db, w.orgId, id),
    selectUserTeamIds(w.db, w.orgId, id),
    selectTeamsByIds(w.db, w.orgId, linkedIds ?? []),
  )
  const before = toStored(requireFound(rows, 'User', id))
  checkIfMatch(ifMatch, before.version)
  const { data, roles } = extractRoles(next(before), org.settings)
  const oldKey = foldName(String(before.data.userName))
  const newKey = foldName(String(data.userName))
  if (newKey !== oldKey) {
    const [taken] = await w.read(selectUserIdByName(w.db, w.orgId, String(data.userName)))
    if (taken.some((t) => t.id !== id))
      throw uniqueness(`userName ${JSON.stringify(data.userName)} is already taken.`)
  }
  const unknown = (linkedIds ?? []).filter((t) => !linked.some((l) => l.id === t))
  if (unknown.length > 0)
    throw invalidValue(`Unknown group id(s) in "groups": ${unknown.join(', ')}.`)

  const current = new Set(teamRows.map((t) => t.teamId))
  const wanted = linkedIds ? new Set(linkedIds) : current
  const joined = [...wanted].filter((t) => !current.has(t))
  const left = [...current].filter((t) => !wanted.has(t))
  const oldRoles = roleRows.map((r) => r.role)
  const rolesChanged = !sameJson(oldRoles, roles)
  const dataChanged = !sameJson(before.data, data)
  if (!dataChanged && !rolesChanged && joined.length === 0 && left.length === 0) {
    return withRoleSettings(org, { statements: [], events: [], value: before })
  }
  const version = dataChanged || rolesChanged ? before.version + 1 : before.version
  const events: EventDraft[] = []
  if (dataChanged) events.push(userChangeEvent(id, before.data, data))
  for (const role of roles.filter((r) => !oldRoles.includes(r)))
    events.push(roleEvent('role.assigned', id, role))
  for (const role of oldRoles.filter((r) => !roles.includes(r)))
    events.push(roleEvent('role.revoked', id, role))
  for (const t of joined) events.push(memberEvent('team.member_added', t, id))
  for (const t of left) events.push(memberEvent('team.member_removed', t, id))
  const linksNow = linkedIds
    ? linked.map((t) => ({ value: t.id, display: t.displayName }))
    : before.links
  return withRoleSettings(org, {
    statements: [
      ...(dataChanged || rolesChanged
        ? updateUser(w.db, w.orgId, id, data, before.data, version, w.now)
        : []),
      ...(rolesChanged ? replaceRoles(w.db, w.orgId, id, roles, w.now) : []),
      ...(joined.length > 0 ? addUserToTeams(w.db, w.orgId, id, joined, w.now) : []),
      ...(left.length > 0 ? removeUserFromTeams(w.db, w.orgId, id, left, w.now) : []),
    ],
    events,
    value: {
      ...before,
      data,
      version,
      updatedAt: dataChanged || rolesChanged ? w.now : before.updatedAt,
      links: linksNow,
    },
  })
}

/** Deactivation and reactivation are their own events (IdPs deprovision by `active:false`). */
function userChangeEvent(id: string, before: Data, after: Data): EventDraft {
  const wasActive = before.active !== false
  const isActive = after.active !== false
  const type =
    wasActive && !isActive
      ? 'user.deactivated'
      : !wasActive && isActive
        ? 'user.reactivated'
        : 'user.updated'
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !sameJson(before[k], after[k]),
  )
  return { type, resourceType: 'User', resourceId: id, data: { changed } }
}

const roleEvent = (type: string, userId: string, role: string): EventDraft => ({
  type,
  resourceType: 'User',
  resourceId: userId,
  data: { role },
})
