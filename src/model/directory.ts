// Pure: no I/O. The directory in the app's terms: what the SaaS app reads (admin API, the
// `Directory` service binding) and what events carry — camelCase objects, not SCIM envelopes.
// One mapping from stored SCIM data, used for reads and for event snapshots alike, so an event's
// `data` is exactly what a read of the resource returned at that moment.
import { ownExtensionKeys } from '../scim/extensions'
import { ENTERPRISE_USER_SCHEMA } from '../scim/urns'

type Json = Record<string, unknown>

export interface DirectoryUser {
  id: string
  userName: string
  /** The primary email, else the first; null when none. */
  email: string | null
  externalId: string | null
  active: boolean
  displayName: string | null
  name: { givenName: string | null; familyName: string | null; formatted: string | null }
  /** The role extension's `role` (the org's role URN), else the first of `roles`. */
  role: string | null
  /** Every role the user holds (extension and core `roles`), sorted. */
  roles: string[]
  /**
   * The user's entitlements (core `entitlements`, RFC 7643 §4.1.2): value and type, as checked
   * against the org's entitlement types (scim/catalogue/grants.ts); `type` null when unnamed.
   */
  entitlements: { value: string; type: string | null }[]
  teams: { id: string; name: string }[]
  /** The enterprise extension (RFC 7643 §4.3) as stored, or null. */
  enterprise: Json | null
  /** The org's own extensions (scim/extensions) as stored, by schema URN; `{}` when none. */
  extensions: Record<string, Json>
  createdAt: string
  updatedAt: string
  version: number
}

export interface DirectoryTeam {
  id: string
  name: string
  externalId: string | null
  /** `idp`: provisioned over SCIM; `app`: created by the app (IdPs link to it by name). */
  source: 'idp' | 'app'
  memberCount: number
  createdAt: string
  updatedAt: string
}

export interface TeamMember {
  userId: string
  userName: string
  email: string | null
  role: string | null
  addedAt: string
}

/** A team's row as the store hands it back (its columns), with its creation order. */
export interface TeamSource {
  id: string
  displayName: string
  externalId: string | null
  source: 'idp' | 'app'
  memberCount: number
  createdAt: string
  updatedAt: string
  seq: number
}

/** A user as the store hands it back, with its teams (creation order) and roles. */
export interface UserState {
  id: string
  data: Json
  version: number
  createdAt: string
  updatedAt: string
  teams: TeamSource[]
  roles: string[]
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)
const object = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null

/** `emails`: the element marked primary, else the first; its value. */
export function primaryEmail(data: Json): string | null {
  const emails = Array.isArray(data.emails) ? data.emails.map(object).filter((e) => e !== null) : []
  const chosen = emails.find((e) => e.primary === true) ?? emails[0]
  return chosen ? text(chosen.value) : null
}

export function toDirectoryUser(user: UserState, roleSchema: string): DirectoryUser {
  const { data } = user
  const name = object(data.name)
  return {
    id: user.id,
    userName: text(data.userName) ?? '',
    email: primaryEmail(data),
    externalId: text(data.externalId),
    active: data.active !== false,
    displayName: text(data.displayName),
    name: {
      givenName: text(name?.givenName),
      familyName: text(name?.familyName),
      formatted: text(name?.formatted),
    },
    role: roleOf(data, user.roles, roleSchema),
    roles: [...user.roles].sort(),
    entitlements: entitlementsOf(data),
    teams: user.teams.map((t) => ({ id: t.id, name: t.displayName })),
    enterprise: object(data[ENTERPRISE_USER_SCHEMA]),
    extensions: Object.fromEntries(
      ownExtensionKeys(data, roleSchema).map((urn) => [urn, data[urn] as Json]),
    ),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  }
}

const entitlementsOf = (data: Json) =>
  (Array.isArray(data.entitlements) ? data.entitlements : []).flatMap((e: unknown) => {
    const value = text(object(e)?.value)
    return value === null ? [] : [{ value, type: text(object(e)?.type) }]
  })

/** The role a user shows: the role extension's `role`, else the first of its roles. */
const roleOf = (data: Json, roles: readonly string[], roleSchema: string) =>
  text(object(data[roleSchema])?.role) ?? [...roles].sort()[0] ?? null

export const toTeamMember = (
  member: { userId: string; data: Json; roles: readonly string[]; addedAt: string },
  roleSchema: string,
): TeamMember => ({
  userId: member.userId,
  userName: text(member.data.userName) ?? '',
  email: primaryEmail(member.data),
  role: roleOf(member.data, member.roles, roleSchema),
  addedAt: member.addedAt,
})

/** The user's teams after joining and leaving some, in creation order (as a read lists them). */
export function withTeams(
  user: UserState,
  joined: readonly TeamSource[],
  left: readonly string[] = [],
): UserState {
  const gone = new Set(left)
  const kept = user.teams.filter((t) => !gone.has(t.id) && !joined.some((j) => j.id === t.id))
  return { ...user, teams: [...kept, ...joined].sort((a, b) => a.seq - b.seq) }
}

/** The team as a write leaves it: `delta` members more (or fewer), touched `now`. */
export const touchedTeam = (team: TeamSource, delta: number, now: string): TeamSource => ({
  ...team,
  memberCount: team.memberCount + delta,
  updatedAt: now,
})

/** The fields whose values differ, with their values in `before` (an update event's `previous`). */
export function previousValues<T extends object>(before: T, after: T): Partial<T> {
  const previous: Partial<T> = {}
  for (const key of Object.keys(before) as (keyof T)[]) {
    if (key === 'updatedAt' || key === 'version') continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key]
  }
  return previous
}

export const toDirectoryTeam = (team: TeamSource): DirectoryTeam => ({
  id: team.id,
  name: team.displayName,
  externalId: team.externalId,
  source: team.source,
  memberCount: team.memberCount,
  createdAt: team.createdAt,
  updatedAt: team.updatedAt,
})
