// The `Directory` service binding: the SaaS app's own Worker binds it
//   services = [{ binding = "DIRECTORY", service = "scim-edge", entrypoint = "Directory" }]
// and calls `env.DIRECTORY.listUsers("acme", { limit: 100 })` — no HTTP, no key: service bindings
// are private to the account. Same operations and shapes as the admin API's directory routes;
// plain data out (RPC). A missing user or team is null; refusals throw with the API's message.
import { WorkerEntrypoint } from 'cloudflare:workers'
import type { Bindings } from '../env'
import { database } from '../repo/db'
import { OrgRoute } from '../placement/route'
import { GuardedReader } from '../repo/guarded-reader'
import { ScimError } from '../scim/errors'
import type { EventsQuery, MembersQuery, TeamsQuery, UsersQuery } from './queries'
import * as service from './service'
import * as teams from './teams'

/** What the binding's caller is: the app itself (events say `actor: {kind: "app"}`). */
const APP = { operator: true } as const

export class Directory extends WorkerEntrypoint<Bindings> {
  listUsers(orgId: string, query: UsersQuery = {}) {
    return this.run(() => service.listUsers(this.context(orgId), query))
  }

  getUser(orgId: string, id: string) {
    return this.run(() => service.getUser(this.context(orgId), id))
  }

  listTeams(orgId: string, query: TeamsQuery = {}) {
    return this.run(() => service.listTeams(this.context(orgId), query))
  }

  getTeam(orgId: string, id: string) {
    return this.run(() => service.getTeam(this.context(orgId), id))
  }

  createTeam(orgId: string, team: { name: string }) {
    return this.run(() => teams.createTeam(this.env, APP, orgId, team))
  }

  deleteTeam(orgId: string, id: string) {
    return this.run(() => teams.deleteTeam(this.env, APP, orgId, id))
  }

  listTeamMembers(orgId: string, teamId: string, query: MembersQuery = {}) {
    return this.run(() => service.listTeamMembers(this.context(orgId), teamId, query))
  }

  listEvents(orgId: string, query: EventsQuery = {}) {
    return this.run(() => service.listEvents(this.context(orgId), query))
  }

  private context(orgId: string): service.DirectoryContext {
    const reader = new GuardedReader(database(this.env.DB), {
      now: new Date().toISOString(),
      route: new OrgRoute(this.env, orgId),
    })
    return { reader, secret: this.env.ADMIN_API_KEY, orgId }
  }

  /** Errors cross the binding as plain Errors carrying the HTTP status the API would answer. */
  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation()
    } catch (error) {
      if (error instanceof ScimError) throw new Error(`${error.status} ${error.detail}`)
      throw error
    }
  }
}
