// The one place a D1 binding becomes a drizzle database, and the one place statements reach D1:
// reads in one batch, writes in one atomic batch (D1 has no interactive transactions).
import { AsyncLocalStorage } from 'node:async_hooks'
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Read, ReadResults, Write } from './claims'
import { storeFailure } from './failures'
import * as schema from './schema'

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database }
/** A statement that can go into one atomic `db.batch`. */
export type Statement = BatchItem<'sqlite'>

/** One drizzle instance per binding: building one maps the whole schema (a profile showed it per request). */
const instances = new WeakMap<D1Database, Db>()

export function database(d1: D1Database): Db {
  let db = instances.get(d1)
  if (!db) instances.set(d1, (db = drizzle(d1, { schema }) as Db))
  return db
}

/**
 * A drizzle database over a D1 session (Sessions API: reads may be served by replicas no older
 * than the session's bookmark). One per request: a session is the request's own.
 */
export function sessionDatabase(session: D1DatabaseSession): Db {
  return drizzle(session as unknown as D1Database, { schema }) as Db
}

/** What D1 bills: rows read and written (each statement result's `meta`). */
export interface D1Rows {
  read: number
  written: number
}

const meter = new AsyncLocalStorage<D1Rows>()

/**
 * Runs `fn` with the rows every D1 batch it makes reads and writes added to `rows` — how a request
 * learns what it cost (X-D1-Rows, http/io-trips.ts) without passing a counter through every call.
 */
export const meterRows = <T>(rows: D1Rows, fn: () => T): T => meter.run(rows, fn)

export function addRows(to: D1Rows, rows: D1Rows): void {
  to.read += rows.read
  to.written += rows.written
}

interface D1Meta {
  meta?: { rows_read?: number; rows_written?: number }
}

const rowsOf = (result: unknown): D1Rows => ({
  read: (result as D1Meta).meta?.rows_read ?? 0,
  written: (result as D1Meta).meta?.rows_written ?? 0,
})

interface Prepared {
  getQuery(): { sql: string; params: unknown[] }
  mapResult(result: unknown, isFromBatch?: boolean): unknown
}

interface Preparable {
  _prepare(): Prepared
}

const preparedOnce = new WeakMap<
  object,
  { prepared: Prepared; query: { sql: string; params: unknown[] } }
>()

/**
 * A statement's SQL, parameters and result mapper, built once: the writer runs each statement on
 * D1 and again on its own copy (do/mirror.ts), and drizzle's SQL building showed in profiles.
 */
export function preparedQuery(statement: Statement | object): {
  prepared: Prepared
  query: { sql: string; params: unknown[] }
} {
  let entry = preparedOnce.get(statement)
  if (!entry) {
    const prepared = (statement as unknown as Preparable)._prepare()
    entry = { prepared, query: prepared.getQuery() }
    preparedOnce.set(statement, entry)
  }
  return entry
}

/**
 * One D1 batch (one round trip, one transaction) of drizzle query builders and raw `db.all`/`db.run`
 * statements alike, with each result mapped the way drizzle maps it. drizzle's own `db.batch`
 * cannot bind parameters of raw statements, so statements are bound here from their SQL.
 */
async function batch(
  db: Db,
  items: readonly Statement[],
): Promise<{ results: unknown[]; rows: D1Rows[] }> {
  if (items.length === 0) return { results: [], rows: [] }
  const prepared = items.map((item) => preparedQuery(item))
  const statements = prepared.map(({ query: { sql, params } }) =>
    db.$client.prepare(sql).bind(...params),
  )
  const raw = await db.$client.batch(statements)
  const rows = raw.map(rowsOf)
  const metered = meter.getStore()
  if (metered) for (const r of rows) addRows(metered, r)
  return {
    results: raw.map((r: unknown, i: number) => prepared[i].prepared.mapResult(r, true)),
    rows,
  }
}

/** Runs reads in one round trip; an empty list costs none. */
export async function runReads<T extends readonly Read<unknown>[]>(
  db: Db,
  ...reads: T
): Promise<ReadResults<T>> {
  const { results } = await batch(
    db,
    reads.map((r) => r.query),
  )
  return results as unknown as ReadResults<T>
}

/**
 * Runs writes as one atomic batch; an empty list costs no round trip. A constraint the batch
 * violates comes back as a StoreFailure with its reason (failures.ts), never as driver text.
 * Returns each statement's rows, so a shared batch's cost can be told per write.
 */
export async function commit(db: Db, writes: readonly Write[]): Promise<D1Rows[]> {
  try {
    const { rows } = await batch(
      db,
      writes.map((w) => w.statement),
    )
    return rows
  } catch (error) {
    throw storeFailure(error)
  }
}
