// Write plans for /Groups (teams) and for the app's own teams (directory API). Membership changes
// are deltas of k ids costing O(k) reads and rows; only a full replacement of the member list
// reads the current list. The org's group policy decides whether IdPs may create and delete teams
// (`full`) or only link and rename (`link-only`, IDP-COMPAT: Create — Okta "Link Group" and Entra
// matching look for the 409). A team the app created (`source: app`) is never deleted over SCIM.
import { touchedTeam, withTeams, type TeamSource, type UserState } from '../../model/directory'
import type { EventDraft } from '../../repo/events'
import { toStored, type StoredResource } from '../../repo/resources'
import { teamColumns } from '../../repo/rows'
import {
  addMembers,
  addToMemberCount,
  deleteTeam as deleteTeamRows,
  insertTeam,
  removeMembers,
  selectAllMemberIds,
  selectMembersAmong,
  selectTeam,
  selectTeamIdByName,
  updateTeam,
} from '../../repo/teams'
import { selectUserSnapshots, toUserState } from '../../repo/users'
import { conflict, forbidden, invalidValue, uniqueness } from '../../scim/errors'
import { foldName } from '../../scim/identity'
import { groupInput, storedData } from '../../scim/input'
import { applyPatch, type MemberDelta, type PatchOperation } from '../../scim/patch'
import { groupResourceSchema } from '../../scim/schema'
import type { Decision, Plan, WriteContext } from '../write-context'
import {
  checkIfMatch,
  requireFound,
  sameJson,
  withRoleSettings,
  type ResourceWritten,
} from './common'
import { memberEvent, teamEvent } from './events'

type Data = Record<string, unknown>

const groupSchema = groupResourceSchema()

/** A new team has the highest seq of its org (AUTOINCREMENT): it sorts after every other. */
const NEWEST = Number.MAX_SAFE_INTEGER

const summaryOf = (
  stored: StoredResource,
  extra: { memberCount: number; source: TeamSource['source']; seq: number },
): TeamSource => ({
  id: stored.id,
  displayName: String(stored.data.displayName),
  externalId: teamColumns(stored.data).externalId,
  createdAt: stored.createdAt,
  updatedAt: stored.updatedAt,
  ...extra,
})

/** What a group write answers over SCIM: members as `members` (user display names). */
const memberLinks = (users: readonly UserState[]) =>
  users.map((u) => ({ value: u.id, display: String(u.data.displayName ?? u.data.userName) }))

export const createGroup =
  (body: unknown): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = groupInput(body, groupResourceSchema(org.settings))
    const name = String(input.data.displayName)
    if (org.settings.groupPolicy === 'link-only') {
      await checkNameFree(w, undefined, name)
      throw forbidden(
        `This organization links groups to existing teams only: create the team ${JSON.stringify(name)} in the app first, then push the group again.`,
      )
    }
    return withRoleSettings(org, await newTeam(w, input.data, input.linkedIds ?? [], 'idp'))
  }

/** A team the app owns (directory API): IdPs then link to it by its name. */
export const createAppTeam =
  (name: string): Plan<TeamSource> =>
  async (w) => {
    const data = storedData({ displayName: name }, groupSchema)
    const decision = await newTeam(w, data, [], 'app')
    return { ...decision, value: decision.team }
  }

async function newTeam(
  w: WriteContext,
  data: Data,
  memberIds: string[],
  source: TeamSource['source'],
): Promise<Decision<StoredResource> & { team: TeamSource }> {
  const org = await w.org()
  const name = String(data.displayName)
  const [taken, rows] = await w.read(
    selectTeamIdByName(w.db, w.orgId, name),
    selectUserSnapshots(w.db, w.orgId, memberIds),
  )
  if (taken.length > 0) throw uniqueness(`A group named ${JSON.stringify(name)} already exists.`)
  const members = rows.map(toUserState)
  rejectUnknownMembers(memberIds, members)
  const id = w.newId()
  const stored = { id, data, version: 1, createdAt: w.now, updatedAt: w.now }
  const team = summaryOf(stored, { memberCount: members.length, source, seq: NEWEST })
  const { roleSchema } = org.settings
  return {
    statements: [
      insertTeam(w.db, w.orgId, id, data, w.now, source),
      ...addMembers(w.db, w.orgId, id, memberIds, w.now),
      addToMemberCount(w.db, w.orgId, id, memberIds.length),
    ],
    events: [
      teamEvent('team.created', team),
      ...members.map((u) =>
        memberEvent('team.member_added', team, withTeams(u, [team]), roleSchema),
      ),
    ],
    value: { ...stored, links: memberLinks(members) },
    team,
  }
}

export const replaceGroup =
  (id: string, body: unknown, ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const input = groupInput(body, groupResourceSchema((await w.org()).settings))
    const delta: MemberDelta | undefined = input.linkedIds
      ? { replace: input.linkedIds, add: [], remove: [] }
      : undefined
    return writeGroup(w, id, ifMatch, () => ({ data: input.data, delta }), delta)
  }

export const patchGroup =
  (id: string, ops: PatchOperation[], ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const schema = groupResourceSchema((await w.org()).settings)
    const apply = (before: StoredResource) => {
      const patched = applyPatch({ ...before.data, id }, ops, schema)
      return { data: storedData(patched.resource, schema), delta: patched.members }
    }
    return writeGroup(w, id, ifMatch, apply, expectedDelta(id, ops))
  }

/**
 * Member operations never depend on the group's other attributes, so their delta can be known
 * before the group is read and its O(k) probe can ride in the same first read batch. Applying the
 * operations to a placeholder group gives it; if that fails, the real group decides (one more read).
 */
function expectedDelta(id: string, ops: PatchOperation[]): MemberDelta | undefined {
  try {
    return applyPatch({ id, displayName: '\u0000' }, ops, groupSchema).members
  } catch {
    return undefined
  }
}

export const deleteGroup =
  (id: string, ifMatch?: string): Plan<{ id: string }> =>
  async (w) => {
    const org = await w.org()
    if (org.settings.groupPolicy === 'link-only') {
      throw forbidden(
        'This organization manages its teams in the app: groups cannot be deleted through SCIM.',
      )
    }
    return removeTeam(w, id, ifMatch, (team) => {
      if (team.source === 'app') {
        throw forbidden(
          `The team ${JSON.stringify(team.displayName)} belongs to the app: unlink the group in the identity provider instead.`,
        )
      }
    })
  }

/** The app deletes a team it created; IdP-provisioned teams are the IdP's to delete. */
export const deleteAppTeam =
  (id: string): Plan<{ id: string }> =>
  async (w) =>
    removeTeam(w, id, undefined, (team) => {
      if (team.source !== 'app') {
        throw conflict(
          `The team ${JSON.stringify(team.displayName)} is provisioned by the identity provider: delete it there.`,
        )
      }
    })

async function removeTeam(
  w: WriteContext,
  id: string,
  ifMatch: string | undefined,
  allowed: (team: TeamSource) => void,
): Promise<Decision<{ id: string }>> {
  const org = await w.org()
  const [rows] = await w.read(selectTeam(w.db, w.orgId, id, false))
  const row = requireFound(rows, 'Group', id)
  checkIfMatch(ifMatch, row.version)
  const stored = toStored(row)
  const team = summaryOf(stored, row)
  allowed(team)
  return {
    statements: deleteTeamRows(w.db, w.orgId, id, stored.data, w.now),
    events: [teamEvent('team.deleted', team)],
    value: { id },
    orgChanged: org.settings.defaultTeamId === id,
  }
}

/** PUT and PATCH: new data and (maybe) a member delta, then one batch. */
async function writeGroup(
  w: WriteContext,
  id: string,
  ifMatch: string | undefined,
  next: (before: StoredResource) => { data: Data; delta: MemberDelta | undefined },
  expected: MemberDelta | undefined,
): Promise<Decision<ResourceWritten>> {
  const org = await w.org()
  const early = expected && memberProbe(w, id, expected)
  const [rows, ...probed] = await w.read(selectTeam(w.db, w.orgId, id, false), ...(early ?? []))
  const row = requireFound(rows, 'Group', id)
  const before = toStored(row)
  checkIfMatch(ifMatch, before.version)
  const { data, delta } = next(before)
  const renamed = foldName(String(data.displayName)) !== foldName(String(before.data.displayName))
  if (renamed) await checkNameFree(w, id, String(data.displayName))
  const change = delta
    ? await resolveMembers(
        w,
        delta,
        early && sameJson(delta, expected) ? probed : await w.read(...memberProbe(w, id, delta)),
      )
    : undefined
  const added = change?.added ?? []
  const removed = change?.removed ?? []
  const removedIds = change?.removedIds ?? []
  const dataChanged = !sameJson(before.data, data)
  if (!dataChanged && added.length === 0 && removedIds.length === 0) {
    return withRoleSettings(org, { statements: [], events: [], value: before })
  }
  const version = before.version + 1
  const was = summaryOf(before, row)
  const team = touchedTeam(
    { ...was, displayName: String(data.displayName), externalId: teamColumns(data).externalId },
    added.length - removedIds.length,
    w.now,
  )
  const { roleSchema } = org.settings
  const events: EventDraft[] = [
    ...(dataChanged ? [teamEvent('team.updated', team, was)] : []),
    ...added.map((u) => memberEvent('team.member_added', team, withTeams(u, [team]), roleSchema)),
    ...removed.map((u) =>
      memberEvent('team.member_removed', team, withTeams(u, [], [id]), roleSchema),
    ),
  ]
  const addedIds = added.map((u) => u.id)
  return withRoleSettings(org, {
    statements: [
      ...addMembers(w.db, w.orgId, id, addedIds, w.now),
      ...removeMembers(w.db, w.orgId, id, removedIds),
      updateTeam(
        w.db,
        w.orgId,
        id,
        data,
        before.data,
        version,
        w.now,
        addedIds.length - removedIds.length,
      ),
    ],
    events,
    value: { ...before, data, version, updatedAt: w.now, links: change?.links },
  })
}

async function checkNameFree(w: WriteContext, teamId: string | undefined, name: string) {
  const [taken] = await w.read(selectTeamIdByName(w.db, w.orgId, name))
  if (taken.some((t) => t.id !== teamId)) {
    throw uniqueness(`A group named ${JSON.stringify(name)} already exists.`)
  }
}

/**
 * The O(k) reads a member delta needs: the incoming ids that are users of the org (as the events
 * will show them), and which ids are members already (every member only for a full replacement).
 */
function memberProbe(w: WriteContext, teamId: string, delta: MemberDelta) {
  const probe = delta.replace ? [] : [...delta.add, ...delta.remove]
  return [
    selectUserSnapshots(w.db, w.orgId, delta.replace ?? probe),
    delta.replace
      ? selectAllMemberIds(w.db, w.orgId, teamId)
      : selectMembersAmong(w.db, w.orgId, teamId, probe),
  ] as const
}

/**
 * Turns a member delta into the users that really join or leave. Unknown user ids in add/replace
 * reject the whole request (IDP-COMPAT: PATCH); adding a member twice or removing a non-member
 * is a no-op. Users who leave are read (one more O(k) read) so their events can carry them.
 */
async function resolveMembers(w: WriteContext, delta: MemberDelta, probed: readonly unknown[]) {
  const snapshots = (probed[0] as Parameters<typeof toUserState>[0][]).map(toUserState)
  const current = new Set((probed[1] as { userId: string }[]).map((m) => m.userId))
  rejectUnknownMembers(delta.replace ?? delta.add, snapshots)
  const byId = new Map(snapshots.map((u) => [u.id, u]))
  const wanted = delta.replace ? new Set(delta.replace) : undefined
  const addIds = [...new Set(delta.replace ?? delta.add)].filter((u) => !current.has(u))
  const removeIds = wanted
    ? [...current].filter((u) => !wanted.has(u))
    : [...new Set(delta.remove)].filter((u) => current.has(u))
  // Only a full replacement learns who leaves after the probe (one more O(k) read).
  const unread = removeIds.filter((u) => !byId.has(u))
  const [leaving] =
    unread.length > 0 ? await w.read(selectUserSnapshots(w.db, w.orgId, unread)) : [[]]
  for (const u of leaving.map(toUserState)) byId.set(u.id, u)
  return {
    added: addIds.map((u) => byId.get(u)!),
    removedIds: removeIds,
    removed: removeIds.flatMap((u) => byId.get(u) ?? []),
    links: wanted ? memberLinks(snapshots) : undefined,
  }
}

function rejectUnknownMembers(ids: readonly string[], existing: readonly { id: string }[]) {
  const known = new Set(existing.map((e) => e.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) {
    const shown =
      unknown.slice(0, 10).join(', ') +
      (unknown.length > 10 ? `, … (${unknown.length} in all)` : '')
    throw invalidValue(`Unknown member id(s): ${shown}. No change was made.`)
  }
}
