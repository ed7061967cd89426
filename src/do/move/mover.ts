// Moving an org to another shard, run by the org's writer (the only writer of its rows), online:
//   copy      the org's rows, table by table in pages of their key, while writes go on — the
//             source logs every change to the org's rows meanwhile (temporary triggers, this org
//             only); the target's org row stays a pointer back to the source all along;
//   catch up  replay the log (each logged key re-read from the source: upsert or delete) until
//             little is left;
//   verify    compare every row of every table on both shards while writes go on;
//   flip      hold the writer's queue (writes wait; none fails), replay the rest, compare again the
//             rows changed since the comparison began and count every table, make the target
//             live, mark the source's org row moved (readers holding the old placement follow it),
//             move the placement, point the writer at the target, release the queue;
//   clean     drop the triggers and delete the source's rows in batches (its org row stays: the
//             pointer stale readers follow).
// Any failure before the placement moved undoes what was done — the org stays on its old shard,
// intact, and the target holds nothing of it. docs/scaling.md tells the whole story.
import type { Bindings } from '../../env'
import { forgetPlacement, rememberPlacement } from '../../placement/lookup'
import { controlDatabase, shardDatabase } from '../../placement/shards'
import { commit, type Db } from '../../repo/db'
import {
  MOVED_TABLES,
  captureTriggers,
  deleteByKeys,
  deleteChanges,
  deleteSomeRows,
  dropCaptureTriggers,
  orgTag,
  rowKey,
  selectByKeys,
  selectChanges,
  selectPage,
  compareTable,
  countRows,
  differingRows,
  type TableComparison,
  upsertRows,
  type MovedTable,
  type Row,
} from '../../repo/move-tables'
import { movePlacement } from '../../repo/placements'
import type { MoveState } from './state'

/** Rows per page copied, and log entries per replay round. */
const PAGE = 200
const REPLAY_PAGE = 500
/** Catching up stops when a round replays no more than this: the rest is done with writes held. */
const FEW_CHANGES = 50
const MAX_CATCH_UP_ROUNDS = 100
/** Rows deleted per statement when cleaning up or rolling back. */
const DELETE_BATCH = 1000

/** What the mover needs of the writer. */
export interface MoveHost {
  env: Bindings
  /** Holds new writes and waits for the running group; returns the release. */
  holdWrites(): Promise<() => void>
  /** From now on the writer reads and commits on `shard` (its copy rebuilt from there). */
  switchTo(shard: string): Promise<void>
  save(state: MoveState): Promise<void>
  /**
   * Tests: at this step, throw as a failure there would (`step`), or end the object as an
   * eviction or a deploy would (`abort@step`).
   */
  failAt?: string
  abort(): void
  /** Longest the writes may be held before the move gives up and rolls back. */
  maxHoldMs: number
}

export class MoveFailed extends Error {}

export async function runMove(host: MoveHost, state: MoveState): Promise<MoveState> {
  const source = shardDatabase(host.env, state.from)
  const target = shardDatabase(host.env, state.to)
  const tag = await orgTag(state.orgId)
  const step = async (phase: string, s: MoveState) => {
    s.updatedAt = new Date().toISOString()
    await host.save(s)
    if (host.failAt === phase) throw new MoveFailed(`failure injected at ${phase}`)
    if (host.failAt === `abort@${phase}`) host.abort()
  }
  try {
    if (state.phase === 'copying') {
      if (state.copy.table === 0 && state.copy.after === null) {
        // A leftover of an earlier move (a pointer row on a shard the org once left) goes first.
        await removeOrg(target, state.orgId, true)
        await source.$client.batch(captureTriggers(source, tag, state.orgId))
      }
      await copyAll(source, target, state, step)
      state.phase = 'catching-up'
      await step('caught-up-start', state)
    }
    if (state.phase === 'catching-up') {
      for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
        const replayed = await replay(source, target, state)
        await step('catching-up', state)
        if (replayed <= FEW_CHANGES) break
      }
      state.phase = 'flipping'
      await step('flipping', state)
    }
    if (state.phase === 'flipping') await flip(host, source, target, tag, state, step)
    if (state.phase === 'cleaning') {
      await source.$client.batch([
        ...dropCaptureTriggers(source, tag),
        deleteChanges(source, state.orgId),
      ])
      for (const t of [...MOVED_TABLES].reverse()) {
        if (t.name === 'orgs') continue
        state.rowsCleaned += await deleteAll(source, t, state.orgId)
        await step('cleaning', state)
      }
      state.phase = 'done'
      state.finishedAt = new Date().toISOString()
      await host.save(state)
    }
  } catch (error) {
    state.error = error instanceof Error ? error.message : String(error)
    if (state.phase !== 'cleaning' && state.phase !== 'failed') {
      await rollBack(source, target, tag, state)
    }
    await host.save(state)
  }
  return state
}

/**
 * A move whose runner was lost (the writer restarted mid-move): undone where it stopped — or, if
 * its placement had moved, finished (the writer pointed at the target, the cleanup run).
 */
export async function abandonMove(
  host: MoveHost,
  state: MoveState,
  why: string,
): Promise<MoveState> {
  if (state.flipped.includes('placed')) {
    await host.switchTo(state.to)
    state.phase = 'cleaning'
    return runMove(host, state)
  }
  state.error = why
  await rollBack(
    shardDatabase(host.env, state.from),
    shardDatabase(host.env, state.to),
    await orgTag(state.orgId),
    state,
  )
  await host.save(state)
  return state
}

async function copyAll(
  source: Db,
  target: Db,
  state: MoveState,
  step: (phase: string, s: MoveState) => Promise<void>,
) {
  for (
    ;
    state.copy.table < MOVED_TABLES.length;
    state.copy = { table: state.copy.table + 1, after: null }
  ) {
    const t = MOVED_TABLES[state.copy.table]
    for (;;) {
      const page = await selectPage(source, t, state.orgId, state.copy.after ?? undefined, PAGE)
      if (page.length > 0) {
        await target.$client.batch(upsertRows(target, t, state.orgId, asCopied(t, page, state)))
        state.rowsCopied[t.name] = (state.rowsCopied[t.name] ?? 0) + page.length
        state.copy.after = t.copyOrder.map((k) => page[page.length - 1][k])
        await step(`copy:${t.name}`, state)
      }
      if (page.length < PAGE || t.copyOrder.length === 0) break
    }
  }
}

/** The target's org row stays a pointer to the source until the flip makes it live. */
const asCopied = (t: MovedTable, rows: Row[], state: MoveState) =>
  t.name === 'orgs' ? rows.map((r) => ({ ...r, moved_to: state.from })) : rows

/** One round of the source's change log: returns how many entries it replayed. */
async function replay(source: Db, target: Db, state: MoveState): Promise<number> {
  const changes = await selectChanges(source, state.orgId, state.replayedThrough, REPLAY_PAGE)
  if (changes.length === 0) return 0
  const byTable = new Map<string, Set<string>>()
  for (const c of changes) {
    byTable.set(c.tableName, (byTable.get(c.tableName) ?? new Set()).add(c.rowKey))
  }
  const statements: D1PreparedStatement[] = []
  for (const t of MOVED_TABLES) {
    const keys = byTable.get(t.name)
    // Once the target is live its org row is its own (the source's now points at it).
    if (!keys || (t.name === 'orgs' && state.flipped.includes('target-live'))) continue
    const rows = await selectByKeys(source, t, state.orgId, [...keys])
    const present = new Set(rows.map((r) => rowKey(t, r)))
    const gone = [...keys].filter((k) => !present.has(k))
    if (gone.length > 0) statements.push(deleteByKeys(target, t, state.orgId, gone))
    statements.push(...upsertRows(target, t, state.orgId, asCopied(t, rows, state)))
  }
  if (statements.length > 0) await target.$client.batch(statements)
  state.replayedThrough = changes[changes.length - 1].seq
  state.changesReplayed += changes.length
  return changes.length
}

async function flip(
  host: MoveHost,
  source: Db,
  target: Db,
  tag: string,
  state: MoveState,
  step: (phase: string, s: MoveState) => Promise<void>,
) {
  // Verification, the long part, before the hold: every row compared on both shards. Rows that
  // differ must be ones changed since `mark` (still being replayed); those are compared again,
  // with every other row changed since, while writes are held — so the hold costs what changed
  // during the comparison, not the size of the org.
  await replay(source, target, state)
  const mark = state.replayedThrough
  await step('verify', state)
  const compared: TableComparison[] = []
  for (const t of MOVED_TABLES) compared.push(await compareTable(source, target, t, state.orgId))
  const release = await host.holdWrites()
  const heldAt = Date.now()
  const overdue = () => {
    if (Date.now() - heldAt > host.maxHoldMs) {
      throw new MoveFailed(`writes were held longer than ${host.maxHoldMs} ms: given up`)
    }
  }
  try {
    while ((await replay(source, target, state)) > 0) overdue()
    state.verified = await verifyChanged(source, target, state, mark, compared)
    overdue()
    // Target live first, then the source a pointer: between the two both hold the same rows
    // (writes are held), so a reader on either is right; never both pointers.
    const [counts] = await source.$client.batch([
      source.$client
        .prepare(
          'SELECT users_removed AS users, teams_removed AS teams FROM org_counts WHERE org_id = ?',
        )
        .bind(state.orgId),
    ])
    const removed = (counts.results[0] ?? { users: 0, teams: 0 }) as {
      users: number
      teams: number
    }
    await target.$client.batch([
      // The writer's copy must be rebuilt from the target (its seqs are new): the fence's count moves.
      target.$client
        .prepare(
          'UPDATE orgs SET moved_to = NULL, moves = moves + 1, commit_seq = commit_seq + 1 WHERE id = ?',
        )
        .bind(state.orgId),
      // List bookmarks name seqs; a removal count they have never seen makes them fall back.
      target.$client
        .prepare(
          'UPDATE org_counts SET users_removed = users_removed + ? + 1, teams_removed = teams_removed + ? + 1 WHERE org_id = ?',
        )
        .bind(removed.users, removed.teams, state.orgId),
    ])
    state.flipped.push('target-live')
    await step('target-live', state)
    await source.$client.batch([
      source.$client
        .prepare('UPDATE orgs SET moved_to = ? WHERE id = ?')
        .bind(state.to, state.orgId),
    ])
    state.flipped.push('source-moved')
    // Writes that do not go through the writer (a token's last use, a SET acknowledgement) may
    // have reached the source until now: replay them too.
    while ((await replay(source, target, state)) > 0) overdue()
    await step('source-moved', state)
    const control = controlDatabase(host.env)
    await commit(control, [movePlacement(control, state.orgId, state.from, state.to)])
    state.flipped.push('placed')
    forgetPlacement(state.orgId)
    state.phase = 'cleaning'
    await host.switchTo(state.to)
    await host.save(state)
  } catch (error) {
    // Undone before the writes go on: they must not meet a source marked moved.
    if (!state.flipped.includes('placed')) {
      state.error = error instanceof Error ? error.message : String(error)
      await rollBack(source, target, tag, state)
    }
    throw error
  } finally {
    state.writesHeldMs = Date.now() - heldAt
    release()
  }
}

/**
 * Under the hold: the rows changed since `mark` are compared again (the differences the long
 * comparison found must all be among them), and every table's rows are counted on both sides.
 */
async function verifyChanged(
  source: Db,
  target: Db,
  state: MoveState,
  mark: number,
  compared: TableComparison[],
) {
  const changed = new Map<string, Set<string>>()
  for (let after = mark; ;) {
    const page = await selectChanges(source, state.orgId, after, 5000)
    for (const c of page)
      changed.set(c.tableName, (changed.get(c.tableName) ?? new Set()).add(c.rowKey))
    if (page.length < 5000) break
    after = page[page.length - 1].seq
  }
  const verified: NonNullable<MoveState['verified']> = []
  for (const [i, t] of MOVED_TABLES.entries()) {
    const keys = changed.get(t.name) ?? new Set<string>()
    const unexplained = compared[i].differing.filter((k) => !keys.has(k))
    const still = await differingRows(source, target, t, state.orgId, [...keys])
    const [a, b] = await Promise.all([
      countRows(source, t, state.orgId),
      countRows(target, t, state.orgId),
    ])
    if (unexplained.length > 0 || still.length > 0 || a !== b) {
      throw new MoveFailed(
        `verification failed on ${t.name}: ${a} rows on the source, ${b} on the target, ${unexplained.length + still.length} differing (e.g. ${[...unexplained, ...still][0] ?? '-'})`,
      )
    }
    verified.push({ table: t.name, rows: a, digest: compared[i].digest, rechecked: keys.size })
  }
  return verified
}

/** Undoes a move that did not reach its placement: the org is where it was, intact. */
async function rollBack(source: Db, target: Db, tag: string, state: MoveState) {
  if (state.flipped.includes('placed')) return // forward only from here: cleanup goes on
  if (state.flipped.includes('target-live')) {
    await target.$client.batch([
      target.$client
        .prepare('UPDATE orgs SET moved_to = ? WHERE id = ?')
        .bind(state.from, state.orgId),
    ])
  }
  if (state.flipped.includes('source-moved')) {
    await source.$client.batch([
      source.$client.prepare('UPDATE orgs SET moved_to = NULL WHERE id = ?').bind(state.orgId),
    ])
    rememberPlacement(state.orgId, { shard: state.from, jurisdiction: null })
  }
  await source.$client.batch([
    ...dropCaptureTriggers(source, tag),
    deleteChanges(source, state.orgId),
  ])
  await removeOrg(target, state.orgId, false)
  state.phase = 'failed'
  state.finishedAt = new Date().toISOString()
}

/** Deletes every row of the org on `db` (children first; the org row last unless kept). */
async function removeOrg(db: Db, orgId: string, onlyIfPointer: boolean) {
  if (onlyIfPointer) {
    const row = await db.$client
      .prepare('SELECT moved_to AS movedTo FROM orgs WHERE id = ?')
      .bind(orgId)
      .first<{ movedTo: string | null }>()
    if (!row) return
    if (row.movedTo === null) throw new MoveFailed('the org already lives on the target shard')
  }
  for (const t of [...MOVED_TABLES].reverse()) await deleteAll(db, t, orgId)
}

async function deleteAll(db: Db, t: MovedTable, orgId: string): Promise<number> {
  let deleted = 0
  for (;;) {
    const [result] = await db.$client.batch([deleteSomeRows(db, t, orgId, DELETE_BATCH)])
    const changes = result.meta.changes ?? 0
    deleted += changes
    if (changes < DELETE_BATCH) return deleted
  }
}
