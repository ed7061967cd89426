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
  addToMemberCount,
  updateTeam,
} from '../../repo/teams'
import { selectExistingUserIds } from '../../repo/users'
import { forbidden, invalidValue, uniqueness } from '../../scim/errors'
import { groupInput, storedData } from '../../scim/input'
import { applyPatch, type MemberDelta, type PatchOperation } from '../../scim/patch'
import { groupResourceSchema } from '../../scim/schema'
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

const groupSchema = groupResourceSchema()

export const createGroup =
  (body: unknown): Plan<ResourceWritten> =>
  async (w) => {
    const org = await w.org()
    const input = groupInput(body, groupSchema)
    const name = String(input.data.displayName)
    const memberIds = input.linkedIds ?? []
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
    return withRoleSettings(org, {
      statements: [
        insertTeam(w.db, w.orgId, id, input.data, w.now),
        ...addMembers(w.db, w.orgId, id, memberIds, w.now),
        addToMemberCount(w.db, w.orgId, id, memberIds.length),
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
  (id: string, body: unknown, ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const input = groupInput(body, groupSchema)
    const delta: MemberDelta | undefined = input.linkedIds
      ? { replace: input.linkedIds, add: [], remove: [] }
      : undefined
    return writeGroup(w, id, ifMatch, () => ({ data: input.data, delta }), delta)
  }

export const patchGroup =
  (id: string, ops: PatchOperation[], ifMatch?: string): Plan<ResourceWritten> =>
  async (w) => {
    const apply = (before: StoredResource) => {
      const patched = applyPatch({ ...before.data, id }, ops, groupSchema)
      return { data: storedData(patched.resource, groupSchema), delta: patched.members }
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
    const [rows] = await w.read(selectTeam(w.db, w.orgId, id, false))
    const row = requireFound(rows, 'Group', id)
    checkIfMatch(ifMatch, row.version)
    if (org.settings.groupPolicy === 'link-only') {
      throw forbidden(
        'This organization manages its teams in the app: groups cannot be deleted through SCIM.',
      )
    }
    return {
      statements: deleteTeamRows(w.db, w.orgId, id, toStored(row).data, w.now),
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
  next: (before: StoredResource) => { data: Data; delta: MemberDelta | undefined },
  expected: MemberDelta | undefined,
): Promise<Decision<ResourceWritten>> {
  const org = await w.org()
  const early = expected && memberProbe(w, id, expected)
  const [rows, ...probed] = await w.read(
    selectTeam(w.db, w.orgId, id, false),
    ...(early?.queries ?? []),
  )
  const before = toStored(requireFound(rows, 'Group', id))
  checkIfMatch(ifMatch, before.version)
  const { data, delta } = next(before)
  const renamed = foldName(String(data.displayName)) !== foldName(String(before.data.displayName))
  if (renamed) await checkNameFree(w, id, String(data.displayName))
  const { added, removed, links } = delta
    ? resolveMembers(
        delta,
        early && sameJson(delta, expected)
          ? probed
          : await w.read(...memberProbe(w, id, delta).queries),
      )
    : { added: [], removed: [], links: undefined }
  const dataChanged = !sameJson(before.data, data)
  if (!dataChanged && added.length === 0 && removed.length === 0) {
    return withRoleSettings(org, { statements: [], events: [], value: before })
  }
  const version = before.version + 1
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
      updateTeam(w.db, w.orgId, id, data, before.data, version, w.now),
      ...addMembers(w.db, w.orgId, id, added, w.now),
      ...removeMembers(w.db, w.orgId, id, removed),
      addToMemberCount(w.db, w.orgId, id, added.length - removed.length),
    ],
    events,
    value: { ...before, data, version, updatedAt: w.now, links },
  })
}

async function checkNameFree(w: WriteContext, teamId: string, name: string) {
  const [taken] = await w.read(selectTeamIdByName(w.db, w.orgId, name))
  if (taken.some((t) => t.id !== teamId)) {
    throw uniqueness(`A group named ${JSON.stringify(name)} already exists.`)
  }
}

/**
 * The O(k) reads a member delta needs: which incoming ids are users of the org, and which ids are
 * members already (every member only for a full replacement).
 */
function memberProbe(w: WriteContext, teamId: string, delta: MemberDelta) {
  const incoming = delta.replace ?? delta.add
  const probe = delta.replace ? [] : [...delta.add, ...delta.remove]
  const queries = [
    selectExistingUserIds(w.db, w.orgId, incoming),
    delta.replace
      ? selectAllMemberIds(w.db, w.orgId, teamId)
      : selectMembersAmong(w.db, w.orgId, teamId, probe),
  ] as const
  return { queries }
}

/**
 * Turns a member delta into the rows that really change. Unknown user ids in add/replace reject
 * the whole request (IDP-COMPAT: PATCH); adding a member twice or removing a non-member is a no-op.
 */
function resolveMembers(
  delta: MemberDelta,
  probed: unknown[],
): { added: string[]; removed: string[]; links?: Link[] } {
  const existing = probed[0] as { id: string; display: string }[]
  const current = probed[1] as { userId: string }[]
  const incoming = delta.replace ?? delta.add
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
