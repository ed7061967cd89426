// What a move of an org between shards has done so far, kept in the org writer's own storage so
// that progress can be read (GET /admin/v1/orgs/{org}/move) and a restarted writer knows what to
// undo. Plain data: it crosses RPC as is.

export type MovePhase =
  /** Rows copied in pages of each table's key; the source logs what changes meanwhile. */
  | 'copying'
  /** The logged changes replayed on the target until few are left. */
  | 'catching-up'
  /** Writes held: the last changes, verification, then the flip. */
  | 'flipping'
  /** Flipped: the org lives on the target; the source's rows are deleted in batches. */
  | 'cleaning'
  | 'done'
  /** Rolled back: the org is where it was, the target holds nothing of it. */
  | 'failed'

/** Steps of the flip already taken (a failure undoes them in reverse). */
export type FlipStep = 'target-live' | 'source-moved' | 'placed'

export interface MoveState {
  id: string
  orgId: string
  from: string
  to: string
  phase: MovePhase
  startedAt: string
  updatedAt: string
  finishedAt: string | null
  /** The writer instance running it: another one finding it unfinished knows the runner died. */
  runner: string
  /** Next page to copy: index into MOVED_TABLES and the last key copied. */
  copy: { table: number; after: unknown[] | null }
  /** Rows copied per table (pages), and changes replayed from the source's log. */
  rowsCopied: Record<string, number>
  changesReplayed: number
  /** The last entry of the source's change log replayed. */
  replayedThrough: number
  flipped: FlipStep[]
  /** How long writes were held, once the flip is over. */
  writesHeldMs: number | null
  /**
   * Per table: rows on both shards at the flip, the digest of the source's rows when every row
   * was compared, and how many rows changed since and were compared again under the hold.
   */
  verified: { table: string; rows: number; digest: string; rechecked: number }[] | null
  /** Source rows deleted so far by the cleanup. */
  rowsCleaned: number
  error: string | null
}

export const isActive = (s: MoveState | undefined) =>
  s !== undefined && s.phase !== 'done' && s.phase !== 'failed'

export function newMove(orgId: string, from: string, to: string, runner: string): MoveState {
  const now = new Date().toISOString()
  return {
    id: crypto.randomUUID(),
    orgId,
    from,
    to,
    phase: 'copying',
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    runner,
    copy: { table: 0, after: null },
    rowsCopied: {},
    changesReplayed: 0,
    replayedThrough: 0,
    flipped: [],
    writesHeldMs: null,
    verified: null,
    rowsCleaned: 0,
    error: null,
  }
}
