// What each statement touches, as named keys. Every read and write builder in repo/ returns its
// statement together with its keys, so the org writer's group commit (do/footprint.ts) learns what
// a write read and wrote from the statements themselves: a plan never lists keys by hand.
//
// Keys (a trailing `*` stands for every key with that prefix, on either side of a comparison):
//   org                 the org row (settings, default team)
//   token:<id>          a credential row (the revocation guard reads the caller's)
//   userName:<folded>   who holds a userName       teamName:<folded>  who holds a group name
//   user:<id>           a user row's data/version  team:<id>          a team row's data/version/count
//   userRef:<id>        a user's existence and display (what member lists show)
//   teamRef:<id>        a team's existence and display (what `groups` shows)
//   userRoles:<id>      a user's role assignments
//   userTeams:<id>      the teams a user is in     members:<id>       the members of a team
//   oauthClient:<id>    an OAuth client row        clientTokens:<id>  the access tokens issued to it
// A membership row (team t, user u) is both `members:t` and `userTeams:u`: whatever changes one
// claims both.
import type { Statement } from './db'

export type ClaimKey = string

export const claimKey = {
  org: () => 'org',
  token: (id: string) => `token:${id}`,
  userName: (folded: string) => `userName:${folded}`,
  teamName: (folded: string) => `teamName:${folded}`,
  user: (id: string) => `user:${id}`,
  team: (id: string) => `team:${id}`,
  userRef: (id: string) => `userRef:${id}`,
  teamRef: (id: string) => `teamRef:${id}`,
  userRoles: (id: string) => `userRoles:${id}`,
  userTeams: (id: string) => `userTeams:${id}`,
  members: (id: string) => `members:${id}`,
  oauthClient: (id: string) => `oauthClient:${id}`,
  clientTokens: (id: string) => `clientTokens:${id}`,
} satisfies Record<string, (...args: string[]) => ClaimKey>

/** Every key with this prefix, e.g. `any('userTeams')` for the teams of every user. */
export const anyKey = (family: keyof typeof claimKey): ClaimKey => `${family}:*`

/** A query that can ride in one D1 batch and resolves to T. */
export type Query<T> = Statement & PromiseLike<T>

/** A read and what it depends on. */
export interface Read<T> {
  readonly query: Query<T>
  /** Keys known before the read runs. */
  readonly claims: readonly ClaimKey[]
  /** Keys that depend on what it returned (e.g. the names of the teams a user turned out to be in). */
  derived?(result: T): readonly ClaimKey[]
}

/** A statement for a write's one atomic batch and what it changes. */
export interface Write {
  readonly statement: Statement
  readonly claims: readonly ClaimKey[]
}

export const read = <T>(
  query: Query<T>,
  claims: readonly ClaimKey[],
  derived?: (result: T) => readonly ClaimKey[],
): Read<T> => ({ query, claims, derived })

export const write = (statement: Statement, claims: readonly ClaimKey[]): Write => ({
  statement,
  claims,
})

export type ReadResults<T extends readonly Read<unknown>[]> = {
  [K in keyof T]: T[K] extends Read<infer R> ? R : never
}
