// What a write read and wrote, as named keys, so the org writer can commit several queued
// writes in one batch only when that is indistinguishable from running them one by one: a write
// whose reads overlap an earlier write of the same group waits for that group to commit.
//
// Keys (a trailing `*` stands for every key with that prefix):
//   org                 the org row (settings, default team)
//   token:<id>          a credential row (the revocation guard reads the caller's)
//   userName:<folded>   who holds a userName       teamName:<folded>  who holds a group name
//   user:<id>           a user row's data/version  team:<id>          a team row's data/version/count
//   userRef:<id>        a user's existence and display (what member lists show)
//   teamRef:<id>        a team's existence and display (what `groups` shows)
//   userRoles:<id>      a user's role assignments
//   userTeams:<id>      the teams a user is in     members:<id>       the members of a team

export class Footprint {
  readonly reads = new Set<string>()
  readonly writes = new Set<string>()

  read(...keys: string[]) {
    for (const k of keys) this.reads.add(k)
  }

  write(...keys: string[]) {
    for (const k of keys) this.writes.add(k)
  }
}

const covers = (pattern: string, key: string) =>
  pattern === key || (pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)))

/** Whether any key in `reads` was written by `written` (a group's accumulated writes). */
export function overlaps(reads: ReadonlySet<string>, written: ReadonlySet<string>): boolean {
  for (const r of reads) {
    if (written.has(r)) return true
    for (const w of written) if (w.endsWith('*') && covers(w, r)) return true
  }
  return false
}

export const keys = {
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
}
