// Write plans for /Users (RFC 7644 §3.3, §3.5.1, §3.5.2, §3.6). Uniqueness of userName is
// checked on the folded key inside the org writer's queue, so concurrent creates cannot race.
// Each write reads the user as the directory shows it (teams, roles) so its events carry it.
import { touchedTeam, withTeams, type UserState } from '../../model/directory'
import type { EventDraft } from '../../repo/events'
import { schemaSettings, type Org } from '../../repo/orgs'
import { addUserToTeams, removeUserFromTeams, selectTeamsByIds } from '../../repo/teams'
import {
  deleteUser as deleteUserRows,
  insertUser,
  replaceRoles,
  selectUserIdByName,
  selectUserSnapshots,
  toUserState,
  updateUser,
} from '../../repo/users'
import { invalidValue, uniqueness } from '../../scim/errors'
import { foldName } from '../../scim/identity'
import { storedData, userInput } from '../../scim/input'
import { applyPatch, type PatchOperation } from '../../scim/patch'
import { extractRoles } from '../../scim/roles'
import { extractEntitlements } from '../../scim/catalogue'
import { checkExtensionValues, keepUndeclared, ownExtensionKeys } from '../../scim/extensions'
import { userSchemaFor } from '../../scim/schema'
import type { Decision, Plan, WriteContext } from '../write-context'
import {
  checkIfMatch,
  requireFound,
  sameJson,
  withRoleSettings,
  type ResourceWritten,
} from './common'
import { memberEvent, userDeleted, userEvents } from './events'

type Data = Record<string, unknown>

/** What a user write answers over SCIM: its data and its teams as `groups`. */
const written = (user: UserState) => ({
  id: user.id,
  data: user.data,
  version: user.version,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
  links: user.teams.map((t) => ({ value: t.id, display: t.displayName })),
})

export const createUser =
  (body: unknown): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = userInput(body, userSchemaFor(schemaSettings(org)))
    const { data, roles } = checkGrants(input.data, org)
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
    const joined = teams.map((t) => touchedTeam(t, 1, w.now))
    const user: UserState = {
      id,
      data,
      version: 1,
      createdAt: w.now,
      updatedAt: w.now,
      teams: joined,
      roles,
    }
    const { roleSchema } = org.settings
    return withRoleSettings(org, {
      statements: [
        ...insertUser(w.db, w.orgId, id, data, w.now, org.settings.roleSchema),
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
      events: [
        ...userEvents(undefined, user, roleSchema),
        ...joined.map((t) => memberEvent('team.member_added', t, user, roleSchema)),
      ],
      value: written(user),
    })
  }

export const replaceUser =
  (id: string, body: unknown, ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = userInput(body, userSchemaFor(schemaSettings(org)))
    return writeUser(w, id, ifMatch, () => input.data, input.linkedIds)
  }

export const patchUser =
  (id: string, ops: PatchOperation[], ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const schema = userSchemaFor(schemaSettings(org))
    return writeUser(w, id, ifMatch, (before) => {
      const patched = applyPatch({ ...before.data, id }, ops, schema)
      return storedData(patched.resource, schema)
    })
  }

export const deleteUser =
  (id: string, ifMatch?: string): Plan<{ id: string }> =>
  async (w) => {
    const org = await w.org()
    const [rows] = await w.read(selectUserSnapshots(w.db, w.orgId, [id]))
    const before = toUserState(requireFound(rows, 'User', id))
    checkIfMatch(ifMatch, before.version)
    const { roleSchema } = org.settings
    const gone = withTeams(
      before,
      [],
      before.teams.map((t) => t.id),
    )
    return {
      statements: deleteUserRows(
        w.db,
        w.orgId,
        id,
        before.data,
        before.teams.map((t) => t.id),
        w.now,
        roleSchema,
      ),
      events: [
        ...before.teams.map((t) =>
          memberEvent('team.member_removed', touchedTeam(t, -1, w.now), gone, roleSchema),
        ),
        userDeleted(before, roleSchema),
      ],
      value: { id },
    }
  }

/** PUT and PATCH share everything after "what is the new data". */
async function writeUser(
  w: WriteContext,
  id: string,
  ifMatch: string | undefined,
  next: (before: UserState) => Data,
  linkedIds?: string[],
): Promise<Decision<ResourceWritten>> {
  const org = await w.org()
  const [rows, linked] = await w.read(
    selectUserSnapshots(w.db, w.orgId, [id]),
    selectTeamsByIds(w.db, w.orgId, linkedIds ?? []),
  )
  const before = toUserState(requireFound(rows, 'User', id))
  checkIfMatch(ifMatch, before.version)
  // Values of attributes the org no longer declares are kept (scim/extensions keepUndeclared).
  const own = ownExtensionKeys(before.data, org.settings.roleSchema)
  const sent = keepUndeclared(before.data, next(before), org.extensions, (key) => own.includes(key))
  const { data, roles } = checkGrants(sent, org)
  const newKey = foldName(String(data.userName))
  if (newKey !== foldName(String(before.data.userName))) {
    const [taken] = await w.read(selectUserIdByName(w.db, w.orgId, String(data.userName)))
    if (taken.some((t) => t.id !== id))
      throw uniqueness(`userName ${JSON.stringify(data.userName)} is already taken.`)
  }
  const unknown = (linkedIds ?? []).filter((t) => !linked.some((l) => l.id === t))
  if (unknown.length > 0)
    throw invalidValue(`Unknown group id(s) in "groups": ${unknown.join(', ')}.`)

  const current = new Set(before.teams.map((t) => t.id))
  const wanted = linkedIds ? new Set(linkedIds) : current
  const joined = linked.filter((t) => !current.has(t.id)).map((t) => touchedTeam(t, 1, w.now))
  const left = before.teams.filter((t) => !wanted.has(t.id)).map((t) => touchedTeam(t, -1, w.now))
  const rolesChanged = !sameJson(before.roles, roles)
  const dataChanged = !sameJson(before.data, data)
  if (!dataChanged && !rolesChanged && joined.length === 0 && left.length === 0) {
    return withRoleSettings(org, { statements: [], events: [], value: written(before) })
  }
  const changed = dataChanged || rolesChanged
  const after = withTeams(
    {
      ...before,
      data,
      roles,
      version: changed ? before.version + 1 : before.version,
      updatedAt: changed ? w.now : before.updatedAt,
    },
    joined,
    left.map((t) => t.id),
  )
  const { roleSchema } = org.settings
  const events: EventDraft[] = [
    ...userEvents(before, after, roleSchema),
    ...joined.map((t) => memberEvent('team.member_added', t, after, roleSchema)),
    ...left.map((t) => memberEvent('team.member_removed', t, after, roleSchema)),
  ]
  const joinedIds = joined.map((t) => t.id)
  const leftIds = left.map((t) => t.id)
  return withRoleSettings(org, {
    statements: [
      ...(changed
        ? updateUser(w.db, w.orgId, id, data, before.data, after.version, w.now, roleSchema)
        : []),
      ...(rolesChanged ? replaceRoles(w.db, w.orgId, id, roles, w.now) : []),
      ...(joinedIds.length > 0 ? addUserToTeams(w.db, w.orgId, id, joinedIds, w.now) : []),
      ...(leftIds.length > 0 ? removeUserFromTeams(w.db, w.orgId, id, leftIds, w.now) : []),
    ],
    events,
    value: written(after),
  })
}

/**
 * Roles against the org's role values, entitlements against its entitlement types, extension
 * values against their declarations: each in the declared spelling, or invalidValue naming what
 * is not allowed here.
 */
function checkGrants(data: Data, org: Org): { data: Data; roles: string[] } {
  const withRoles = extractRoles(data, org.settings)
  const checked = extractEntitlements(withRoles.data, org.catalogue.entitlementTypes)
  return { data: checkExtensionValues(checked, org.extensions), roles: withRoles.roles }
}
