// The directory as the app reads it: users, teams, members and events of one org, in the app's
// terms (model/). The admin API routes and the `Directory` service binding both call these, with
// a guarded reader (an org admin key's session) or an unguarded one (the operator, the binding).
// Every read is one D1 round trip: the org row rides in the page's own batch.
import {
  toDirectoryTeam,
  toDirectoryUser,
  toTeamMember,
  type DirectoryTeam,
  type DirectoryUser,
  type TeamMember,
} from '../model/directory'
import { toDirectoryEvent, type DirectoryEvent } from '../model/events'
import {
  selectEventsPage,
  selectMembersPage,
  selectTeamsPage,
  selectUsersPage,
} from '../repo/directory'
import type { GuardedReader } from '../repo/guarded-reader'
import { selectOrg, toOrg } from '../repo/orgs'
import { selectTeamsByIds } from '../repo/teams'
import { selectUserSnapshots, toUserState } from '../repo/users'
import { notFound } from '../scim/errors'
import { checkMoves, nextCursor, openAfter, type After } from './cursor'
import { checked } from '../model/validate'
import { eventsQuery, membersQuery, teamsQuery, usersQuery } from './queries'
import type { EventsQuery, MembersQuery, TeamsQuery, UsersQuery } from './queries'

export interface Page<T> {
  data: T[]
  /** Pass as `after` for the next page; null at the end. */
  next: string | null
}

export interface DirectoryContext {
  reader: GuardedReader
  /** Seals `next` cursors (the operator secret). */
  secret: string
  orgId: string
}

function orgOf(rows: Parameters<typeof toOrg>[0][], orgId: string) {
  if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
  return toOrg(rows[0])
}

/** One more row than asked tells whether another page exists. */
async function page<R extends { seq: number }, T>(
  ctx: DirectoryContext,
  from: After,
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Promise<Page<T>> {
  const moves = ctx.reader.orgMoves
  checkMoves(from, from.seq, moves)
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  const next =
    rows.length > limit && last
      ? await nextCursor(ctx.secret, ctx.orgId, last.seq, moves ?? 0)
      : null
  return { data: shown.map(map), next }
}

export async function listUsers(
  ctx: DirectoryContext,
  query: UsersQuery,
): Promise<Page<DirectoryUser>> {
  const q = checked(usersQuery, query, 'query')
  const from = await openAfter(ctx.secret, ctx.orgId, q.after)
  const after = from.seq
  const { db } = ctx.reader
  const [orgRows, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectUsersPage(db, ctx.orgId, after, q.limit + 1, q),
  )
  const { roleSchema } = orgOf(orgRows, ctx.orgId).settings
  return page(ctx, from, rows, q.limit, (r) => toDirectoryUser(toUserState(r), roleSchema))
}

export async function getUser(ctx: DirectoryContext, id: string): Promise<DirectoryUser | null> {
  const { db } = ctx.reader
  const [orgRows, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectUserSnapshots(db, ctx.orgId, [id]),
  )
  const { roleSchema } = orgOf(orgRows, ctx.orgId).settings
  return rows.length === 0 ? null : toDirectoryUser(toUserState(rows[0]), roleSchema)
}

export async function listTeams(
  ctx: DirectoryContext,
  query: TeamsQuery,
): Promise<Page<DirectoryTeam>> {
  const q = checked(teamsQuery, query, 'query')
  const from = await openAfter(ctx.secret, ctx.orgId, q.after)
  const after = from.seq
  const { db } = ctx.reader
  const [orgRows, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectTeamsPage(db, ctx.orgId, after, q.limit + 1, q.name),
  )
  orgOf(orgRows, ctx.orgId)
  return page(ctx, from, rows, q.limit, toDirectoryTeam)
}

export async function getTeam(ctx: DirectoryContext, id: string): Promise<DirectoryTeam | null> {
  const { db } = ctx.reader
  const [orgRows, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectTeamsByIds(db, ctx.orgId, [id]),
  )
  orgOf(orgRows, ctx.orgId)
  return rows.length === 0 ? null : toDirectoryTeam(rows[0])
}

/** A team's members (404 for an unknown team), in user creation order. */
export async function listTeamMembers(
  ctx: DirectoryContext,
  teamId: string,
  query: MembersQuery,
): Promise<Page<TeamMember>> {
  const q = checked(membersQuery, query, 'query')
  const from = await openAfter(ctx.secret, ctx.orgId, q.after)
  const after = from.seq
  const { db } = ctx.reader
  const [orgRows, team, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectTeamsByIds(db, ctx.orgId, [teamId]),
    selectMembersPage(db, ctx.orgId, teamId, after, q.limit + 1),
  )
  const { roleSchema } = orgOf(orgRows, ctx.orgId).settings
  if (team.length === 0) throw notFound(`Team ${teamId} not found.`)
  return page(ctx, from, rows, q.limit, (r) =>
    toTeamMember(
      {
        userId: r.userId,
        data: JSON.parse(r.data),
        roles: JSON.parse(r.roles),
        addedAt: r.addedAt,
      },
      roleSchema,
    ),
  )
}

/** The outbox after `after` (a seq), oldest first; `next` is the last seq shown (or `after`). */
export async function listEvents(
  ctx: DirectoryContext,
  query: EventsQuery,
): Promise<{ data: DirectoryEvent[]; next: number }> {
  const q = checked(eventsQuery, query, 'query')
  const { db } = ctx.reader
  const [orgRows, rows] = await ctx.reader.read(
    selectOrg(db, ctx.orgId),
    selectEventsPage(db, ctx.orgId, q.after, q.limit, q.types, q.resourceId),
  )
  orgOf(orgRows, ctx.orgId)
  const data = rows.map(toDirectoryEvent)
  return { data, next: data.at(-1)?.seq ?? q.after }
}
