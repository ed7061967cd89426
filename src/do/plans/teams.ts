// Write plans for /Groups (teams). Membership changes are deltas of k ids costing O(k) reads and
// rows; only a full replacement of the member list reads the current list. The org's group
// policy decides whether IdPs may create and delete teams (`full`) or only link and rename
// (`link-only`, IDP-COMPAT: Create — Okta "Link Group" and Entra matching look for the 409).
import type { EventDraft } from '../../repo/events'
import { toStored, type Link, type StoredResource } from '../../repo/resources'
import {
  addMembers,
  deleteTeam as deleteTeamRows,
  insertTeam,
  removeMembers,
  selectAllMemberIds,
  selectMembersAmong,
  selectTeam,
  selectTeamIdByName,
  setMemberCount,
  updateTeam,
} from '../../repo/teams'
import { selectExistingUserIds } from '../../repo/users'
import { forbidden, invalidValue, uniqueness } from '../../scim/errors'
import { groupInput } from '../../scim/input'
import { applyPatch, type MemberDelta, type PatchOperation } from '../../scim/patch'
import { canonicalData } from '../../scim/resource'
import { foldCase } from '../../scim/text'
import { keys } from '../footprint'
import type { Decision, Plan, WriteContext } from '../write-context'
import {
  checkIfMatch,
  groupSchema,
  memberEvent,
  requireFound,
  sameJson,
  withRoleSettings,
  type WriteResult,
} from './common'

type Data = Record<string, unknown>
type TeamResult = WriteResult<StoredResource>

export const createGroup =
  (body: unknown): Plan<TeamResult> =>
  async (w) => {
    const org = await w.org()
    const input = groupInput(body, groupSchema)
    const name = String(input.data.displayName)
    const memberIds = input.linkedIds ?? []
    const nameKey = foldCase(name)
    w.footprint.read(keys.teamName(nameKey), ...memberIds.map(keys.userRef))
    const [taken, existing] = await w.read(
      selectTeamIdByName(w.db, w.orgId, name),
      selectExistingUserIds(w.db, w.orgId, memberIds),
    )
    if (taken.length > 0) throw uniqueness(`A group named ${JSON.stringify(name)} already exists.`)
    if (org.settings.groupPolicy === 'link-only') {
      throw forbidden(
        `This organization links groups to existing teams only: create the team ${JSON.stringify(name)} in the app first, then push the group again.`,
      )
    }
    rejectUnknownMembers(memberIds, existing)
    const id = w.newId()
    w.footprint.write(
      keys.teamName(nameKey),
      keys.team(id),
      keys.teamRef(id),
      keys.members(id),
      ...memberIds.map(keys.userTeams),
    )
    return withRoleSettings(org, {
      statements: [
        insertTeam(w.db, w.orgId, id, input.data, w.now),
        ...addMembers(w.db, w.orgId, id, memberIds, w.now),
        setMemberCount(w.db, w.orgId, id, memberIds.length),
      ],
      events: [
        {
          type: 'team.created',
          resourceType: 'Group',
          resourceId: id,
          data: { displayName: name },
        },
        ...memberIds.map((u) => memberEvent('team.member_added', id, u)),
      ],
      value: {
        id,
        data: input.data,
        version: 1,
        createdAt: w.now,
        updatedAt: w.now,
        links: existing.map((u) => ({ value: u.id, display: u.display })),
      },
    })
  }

export const replaceGroup =
  (id: string, body: unknown, ifMatch?: string): Plan<TeamResult> =>
  async (w) => {
    const input = groupInput(body, groupSchema)
    const delta: MemberDelta | undefined = input.linkedIds
      ? { replace: input.linkedIds, add: [], remove: [] }
      : undefined
    return writeGroup(w, id, ifMatch, () => input.data, delta)
  }

export const patchGroup =
  (id: string, ops: PatchOperation[], ifMatch?: string): Plan<TeamResult> =>
  async (w) => {
    let delta: MemberDelta | undefined
    return writeGroup(
      w,
      id,
      ifMatch,
      (before) => {
        const patched = applyPatch({ ...before.data, id }, ops, groupSchema)
        delta = patched.members
        return canonicalData(patched.resource, groupSchema)
      },
      () => delta,
    )
  }

export const deleteGroup =
  (id: string, ifMatch?: string): Plan<{ id: string }> =>
  async (w) => {
    const org = await w.org()
    w.footprint.read(keys.team(id))
    const [rows] = await w.read(selectTeam(w.db, w.orgId, id, false))
    const row = requireFound(rows, 'Group', id)
    checkIfMatch(ifMatch, row.version)
    // Every member's `groups` changes: their ids are not read, so claim them all.
    w.footprint.write(
      keys.team(id),
      keys.teamRef(id),
      keys.teamName(foldCase(String(toStored(row).data.displayName))),
      keys.members(id),
      keys.userTeams('*'),
    )
    if (org.settings.defaultTeamId === id) w.footprint.write(keys.org())
    if (org.settings.groupPolicy === 'link-only') {
      throw forbidden(
        'This organization manages its teams in the app: groups cannot be deleted through SCIM.',
      )
    }
    return {
      statements: deleteTeamRows(w.db, w.orgId, id, w.now),
      events: [
        {
          type: 'team.deleted',
          resourceType: 'Group',
          resourceId: id,
          data: { memberCount: row.memberCount },
        },
      ],
      value: { id },
      orgChanged: org.settings.defaultTeamId === id,
    }
  }

/** PUT and PATCH: new data and (maybe) a member delta, then one batch. */
async function writeGroup(
  w: WriteContext,
  id: string,
  ifMatch: string | undefined,
  next: (before: StoredResource) => Data,
  delta: MemberDelta | undefined | (() => MemberDelta | undefined),
): Promise<Decision<TeamResult>> {
  const org = await w.org()
  w.footprint.read(keys.team(id))
  const [rows] = await w.read(selectTeam(w.db, w.orgId, id, false))
  const before = toStored(requireFound(rows, 'Group', id))
  checkIfMatch(ifMatch, before.version)
  const data = next(before)
  const members = typeof delta === 'function' ? delta() : delta
  const renamed = foldCase(String(data.displayName)) !== foldCase(String(before.data.displayName))
  const { added, removed, links } = await memberChanges(
    w,
    id,
    members,
    renamed ? String(data.displayName) : undefined,
  )
  const dataChanged = !sameJson(before.data, data)
  if (!dataChanged && added.length === 0 && removed.length === 0) {
    return withRoleSettings(org, { statements: [], events: [], value: before })
  }
  const version = before.version + 1
  w.footprint.write(keys.team(id), keys.members(id), ...[...added, ...removed].map(keys.userTeams))
  if (dataChanged) w.footprint.write(keys.teamRef(id))
  if (renamed) {
    w.footprint.write(
      keys.teamName(foldCase(String(before.data.displayName))),
      keys.teamName(foldCase(String(data.displayName))),
    )
  }
  const events: EventDraft[] = []
  if (dataChanged) {
    events.push({
      type: 'team.updated',
      resourceType: 'Group',
      resourceId: id,
      data: { displayName: data.displayName },
    })
  }
  for (const u of added) events.push(memberEvent('team.member_added', id, u))
  for (const u of removed) events.push(memberEvent('team.member_removed', id, u))
  return withRoleSettings(org, {
    statements: [
      updateTeam(w.db, w.orgId, id, data, version, w.now),
      ...addMembers(w.db, w.orgId, id, added, w.now),
      ...removeMembers(w.db, w.orgId, id, removed),
      setMemberCount(w.db, w.orgId, id, added.length - removed.length),
    ],
    events,
    value: { ...before, data, version, updatedAt: w.now, links },
  })
}

/**
 * Turns a member delta into the rows that really change, reading O(k) rows for k ids (all
 * members only for a full replacement), and checks a new name is free in the same round trip.
 * Unknown user ids in add/replace reject the whole request (IDP-COMPAT: PATCH).
 */
async function memberChanges(
  w: WriteContext,
  teamId: string,
  delta: MemberDelta | undefined,
  newName: string | undefined,
): Promise<{ added: string[]; removed: string[]; links?: Link[] }> {
  const incoming = delta ? (delta.replace ?? delta.add) : []
  const probe = delta && !delta.replace ? [...delta.add, ...delta.remove] : []
  w.footprint.read(keys.members(teamId), ...incoming.map(keys.userRef))
  if (newName !== undefined) w.footprint.read(keys.teamName(foldCase(newName)))
  const [taken, existing, current] = await w.read(
    selectTeamIdByName(w.db, w.orgId, newName ?? ''),
    selectExistingUserIds(w.db, w.orgId, incoming),
    delta?.replace
      ? selectAllMemberIds(w.db, w.orgId, teamId)
      : selectMembersAmong(w.db, w.orgId, teamId, probe),
  )
  if (newName !== undefined && taken.some((t) => t.id !== teamId)) {
    throw uniqueness(`A group named ${JSON.stringify(newName)} already exists.`)
  }
  if (!delta) return { added: [], removed: [] }
  rejectUnknownMembers(incoming, existing)
  const members = new Set(current.map((m) => m.userId))
  if (delta.replace) {
    const wanted = new Set(delta.replace)
    return {
      added: delta.replace.filter((u) => !members.has(u)),
      removed: [...members].filter((u) => !wanted.has(u)),
      links: existing.map((u) => ({ value: u.id, display: u.display })),
    }
  }
  return {
    added: [...new Set(delta.add)].filter((u) => !members.has(u)),
    removed: [...new Set(delta.remove)].filter((u) => members.has(u)),
  }
}

function rejectUnknownMembers(ids: readonly string[], existing: { id: string }[]) {
  const known = new Set(existing.map((e) => e.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) {
    const shown =
      unknown.slice(0, 10).join(', ') +
      (unknown.length > 10 ? `, … (${unknown.length} in all)` : '')
    throw invalidValue(`Unknown member id(s): ${shown}. No change was made.`)
  }
}
