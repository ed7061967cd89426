// Re-keying an org's names to the current folding rule (scim/identity.ts foldName), a page at a
// time, in seq order. A row whose new userName/displayName key is already held by another row
// keeps its old key and is reported (event `org.name_keys_rebuilt`, `collisions`): the migration
// never fails and never merges two resources; the org admin resolves the pair.
import {
  NAME_KEYS_VERSION,
  selectNameKeysVersion,
  selectTeamNameKeyHolders,
  selectTeamsToRekey,
  selectUserNameKeyHolders,
  selectUsersToRekey,
  setNameKeysVersion,
  updateTeamKeys,
  updateUserKeys,
  type KeyedName,
} from '../../repo/name-keys'
import { foldName } from '../../scim/identity'
import type { Plan } from '../write-context'

/** Rows re-keyed per page: one write of bounded size. */
export const REKEY_PAGE = 500

export interface Collision {
  resourceType: 'User' | 'Group'
  /** The resource that kept its old key, and the one that already holds the new key. */
  id: string
  heldBy: string
  key: string
}

export interface RekeyPage {
  /** Nothing left to re-key: the org follows NAME_KEYS_VERSION. */
  done: boolean
  /** Where the next page starts (users, teams). */
  after: { users: number; teams: number }
  rekeyed: number
  collisions: Collision[]
}

export const rebuildNameKeys =
  (after = { users: 0, teams: 0 }): Plan<RekeyPage> =>
  async (w) => {
    const [version, users, teams] = await w.read(
      selectNameKeysVersion(w.db, w.orgId),
      selectUsersToRekey(w.db, w.orgId, after.users, REKEY_PAGE),
      selectTeamsToRekey(w.db, w.orgId, after.teams, REKEY_PAGE),
    )
    const current = (version[0]?.version ?? NAME_KEYS_VERSION) >= NAME_KEYS_VERSION
    if (current)
      return {
        statements: [],
        events: [],
        value: { done: true, after, rekeyed: 0, collisions: [] },
      }
    const userChanges = users.filter(
      (u) => foldName(u.name) !== u.nameKey || displayKeyOf(u) !== u.displayKey,
    )
    const teamChanges = teams.filter((t) => foldName(t.name) !== t.nameKey)
    const [userHolders, teamHolders] = await w.read(
      selectUserNameKeyHolders(
        w.db,
        w.orgId,
        userChanges.map((u) => foldName(u.name)),
      ),
      selectTeamNameKeyHolders(
        w.db,
        w.orgId,
        teamChanges.map((t) => foldName(t.name)),
      ),
    )
    const collisions: Collision[] = []
    const userKeys = assignKeys(userChanges, userHolders, 'User', collisions).map((u) => ({
      id: u.id,
      nameKey: u.key,
      displayKey: displayKeyOf(u.row),
    }))
    const teamKeys = assignKeys(teamChanges, teamHolders, 'Group', collisions).map((t) => ({
      id: t.id,
      nameKey: t.key,
    }))
    const done = users.length < REKEY_PAGE && teams.length < REKEY_PAGE
    const next = {
      users: users.at(-1)?.seq ?? after.users,
      teams: teams.at(-1)?.seq ?? after.teams,
    }
    const rekeyed = userKeys.length + teamKeys.length
    return {
      statements: [
        ...(userKeys.length > 0 ? [updateUserKeys(w.db, w.orgId, userKeys)] : []),
        ...(teamKeys.length > 0 ? [updateTeamKeys(w.db, w.orgId, teamKeys)] : []),
        ...(done ? [setNameKeysVersion(w.db, w.orgId, NAME_KEYS_VERSION)] : []),
      ],
      events:
        rekeyed > 0 || collisions.length > 0 || done
          ? [
              {
                type: 'org.name_keys_rebuilt',
                resourceType: 'Org',
                resourceId: w.orgId,
                data: { version: NAME_KEYS_VERSION, rekeyed, collisions, done },
              },
            ]
          : [],
      value: { done, after: next, rekeyed, collisions },
    }
  }

const displayKeyOf = (row: KeyedName) => (row.display === null ? null : foldName(row.display))

/**
 * The new unique key of each changed row, in seq order; a key already held by another row (or
 * given to an earlier row of this page) is a collision and the row keeps its old key.
 */
function assignKeys(
  rows: KeyedName[],
  holders: { id: string; key: string }[],
  resourceType: Collision['resourceType'],
  collisions: Collision[],
) {
  const heldBy = new Map(holders.map((h) => [h.key, h.id]))
  const out: { id: string; key: string; row: KeyedName }[] = []
  for (const row of rows) {
    const key = foldName(row.name)
    const holder = heldBy.get(key)
    if (holder !== undefined && holder !== row.id) {
      collisions.push({ resourceType, id: row.id, heldBy: holder, key })
      out.push({ id: row.id, key: row.nameKey, row })
      continue
    }
    heldBy.delete(row.nameKey)
    heldBy.set(key, row.id)
    out.push({ id: row.id, key, row })
  }
  return out
}
