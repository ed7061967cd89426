// D1 failures named where they arise. The driver reports a violated constraint only as text
// ("UNIQUE constraint failed: users.org_id, users.user_name_key"); this is the one place that text
// is read, and callers get a typed reason instead.

export type StoreFailureReason =
  /** users (org_id, user_name_key): the store's own backstop for userName uniqueness. */
  | 'userNameTaken'
  /** teams (org_id, display_name_key): the backstop for group displayName uniqueness. */
  | 'teamNameTaken'
  /** orgs (id). */
  | 'orgIdTaken'
  /** events (org_id, seq): another writer appended to this org's outbox. */
  | 'outboxSeqTaken'
  /** write_fence: the writer's state was behind D1's (repo/fence.ts); nothing was written. */
  | 'fenced'
  /** Any other constraint (CHECK, NOT NULL, FOREIGN KEY, another UNIQUE). */
  | 'constraint'
  /** Not a constraint: D1 unavailable, reset, or a bug. */
  | 'unavailable'

export class StoreFailure extends Error {
  constructor(
    readonly reason: StoreFailureReason,
    message: string,
  ) {
    super(message)
    this.name = 'StoreFailure'
  }
}

const UNIQUE_REASONS: [columns: string, reason: StoreFailureReason][] = [
  ['users.org_id, users.user_name_key', 'userNameTaken'],
  ['teams.org_id, teams.display_name_key', 'teamNameTaken'],
  ['orgs.id', 'orgIdTaken'],
  ['events.org_id, events.seq', 'outboxSeqTaken'],
]

export function storeFailure(error: unknown): StoreFailure {
  if (error instanceof StoreFailure) return error
  const message = error instanceof Error ? error.message : String(error)
  const unique = /UNIQUE constraint failed: ([^:]+)/.exec(message)
  if (unique) {
    const columns = unique[1].trim()
    const known = UNIQUE_REASONS.find(([c]) => c === columns)
    return new StoreFailure(known ? known[1] : 'constraint', message)
  }
  if (/CHECK constraint failed: writer_fenced/i.test(message))
    return new StoreFailure('fenced', message)
  if (/constraint failed/i.test(message)) return new StoreFailure('constraint', message)
  return new StoreFailure('unavailable', message)
}
