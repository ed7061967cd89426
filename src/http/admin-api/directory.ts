// The directory (directory/service.ts) for the SaaS app's backend (the operator key) and the org's
// own admin key: users, teams, members and the events feed in the app's terms, cursor-paged; and
// the app's own teams. The `Directory` service binding offers the same operations.
import {
  eventsQuery,
  membersQuery,
  teamsQuery,
  usersQuery,
  createTeamBody,
} from '../../directory/queries'
import * as directory from '../../directory/service'
import * as teams from '../../directory/teams'
import { pollSecurityEvents } from '../../directory/security-events'
import { setIssuer } from '../security-events'
import { bookmarkAfterWrite } from '../replica'
import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import { notFound } from '../../scim/errors'
import { actorFor, directoryContext } from './context'
import { route } from './define'
import {
  errorBody,
  eventsPage,
  membersPage,
  pollRequestBody,
  pollResponseBody,
  teamBody,
  teamsPage,
  userBody,
  usersPage,
} from './schemas'

const missing = { description: 'No such org, user or team', schema: errorBody }

/** The app's writes answer a bookmark that has seen them (http/replica.ts): read-your-writes. */
async function appBookmark(c: Context<AppEnv>, orgId: string) {
  if (c.get('adminCaller').role === 'operator') await bookmarkAfterWrite(c, orgId)
}

export const directoryRoutes = [
  route({
    method: 'get',
    path: '/orgs/{orgId}/users',
    summary: "An org's users, in creation order",
    access: 'org',
    query: usersQuery,
    answers: { 200: { description: 'A page of users', schema: usersPage }, 404: missing },
    handle: async (c, { params, query }) =>
      c.json(await directory.listUsers(directoryContext(c, params.orgId), query)),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/users/{userId}',
    summary: 'A user',
    access: 'org',
    answers: { 200: { description: 'The user', schema: userBody }, 404: missing },
    async handle(c, { params }) {
      const user = await directory.getUser(directoryContext(c, params.orgId), params.userId)
      if (!user) throw notFound(`User ${params.userId} not found.`)
      return c.json(user)
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/teams',
    summary: "An org's teams, in creation order",
    access: 'org',
    query: teamsQuery,
    answers: { 200: { description: 'A page of teams', schema: teamsPage }, 404: missing },
    handle: async (c, { params, query }) =>
      c.json(await directory.listTeams(directoryContext(c, params.orgId), query)),
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/teams',
    summary: 'Create a team the app owns (IdPs link to it by its name)',
    access: 'org',
    body: createTeamBody,
    answers: {
      201: { description: 'The team (source "app")', schema: teamBody },
      409: { description: 'A team with this name exists', schema: errorBody },
    },
    async handle(c, { params, body }) {
      const team = await teams.createTeam(c.env, actorFor(c), params.orgId, body)
      await appBookmark(c, params.orgId)
      return c.json(team, 201)
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/teams/{teamId}',
    summary: 'A team',
    access: 'org',
    answers: { 200: { description: 'The team', schema: teamBody }, 404: missing },
    async handle(c, { params }) {
      const team = await directory.getTeam(directoryContext(c, params.orgId), params.teamId)
      if (!team) throw notFound(`Team ${params.teamId} not found.`)
      return c.json(team)
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/teams/{teamId}',
    summary: 'Delete a team the app owns (with its memberships)',
    access: 'org',
    answers: {
      204: { description: 'Deleted' },
      404: missing,
      409: { description: 'The team is provisioned by an identity provider', schema: errorBody },
    },
    async handle(c, { params }) {
      await teams.deleteTeam(c.env, actorFor(c), params.orgId, params.teamId)
      await appBookmark(c, params.orgId)
      return c.body(null, 204)
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/teams/{teamId}/members',
    summary: "A team's members, in user creation order",
    access: 'org',
    query: membersQuery,
    answers: { 200: { description: 'A page of members', schema: membersPage }, 404: missing },
    handle: async (c, { params, query }) =>
      c.json(
        await directory.listTeamMembers(directoryContext(c, params.orgId), params.teamId, query),
      ),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/events',
    summary: 'The outbox as a feed: events after `after` (a seq), oldest first',
    access: 'org',
    query: eventsQuery,
    answers: { 200: { description: 'Events; follow `next`', schema: eventsPage }, 404: missing },
    handle: async (c, { params, query }) =>
      c.json(await directory.listEvents(directoryContext(c, params.orgId), query)),
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/security-events/poll',
    summary:
      'Security event tokens (RFC 8417, SCIM profile RFC 9967) by poll (RFC 8936): acknowledge, then get the next SETs',
    access: 'org',
    body: pollRequestBody,
    answers: {
      200: {
        description: 'SETs by jti; acknowledge them in the next poll',
        schema: pollResponseBody,
      },
      404: missing,
    },
    handle: async (c, { params, body }) =>
      c.json(await pollSecurityEvents(directoryContext(c, params.orgId), setIssuer(c), body)),
  }),
]
