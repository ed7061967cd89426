// The one place a D1 binding becomes a drizzle database, and the one place statements reach D1:
// reads in one batch, writes in one atomic batch (D1 has no interactive transactions).
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Read, ReadResults, Write } from './claims'
import { storeFailure } from './failures'
import * as schema from './schema'

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database }
/** A statement that can go into one atomic `db.batch`. */
export type Statement = BatchItem<'sqlite'>

export function database(d1: D1Database): Db {
  return drizzle(d1, { schema }) as Db
}

interface Preparable {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] }
    mapResult(result: unknown, isFromBatch?: boolean): unknown
  }
}

/**
 * One D1 batch (one round trip, one transaction) of drizzle query builders and raw `db.all`/`db.run`
 * statements alike, with each result mapped the way drizzle maps it. drizzle's own `db.batch`
 * cannot bind parameters of raw statements, so statements are bound here from their SQL.
 */
async function batch(db: Db, items: readonly Statement[]): Promise<unknown[]> {
  if (items.length === 0) return []
  const prepared = items.map((item) => (item as unknown as Preparable)._prepare())
  const statements = prepared.map((p) => {
    const { sql, params } = p.getQuery()
    return db.$client.prepare(sql).bind(...params)
  })
  const results = await db.$client.batch(statements)
  return results.map((r: unknown, i: number) => prepared[i].mapResult(r, true))
}

/** Runs reads in one round trip; an empty list costs none. */
export async function runReads<T extends readonly Read<unknown>[]>(
  db: Db,
  ...reads: T
): Promise<ReadResults<T>> {
  return (await batch(
    db,
    reads.map((r) => r.query),
  )) as ReadResults<T>
}

/**
 * Runs writes as one atomic batch; an empty list costs no round trip. A constraint the batch
 * violates comes back as a StoreFailure with its reason (failures.ts), never as driver text.
 */
export async function commit(db: Db, writes: readonly Write[]): Promise<void> {
  try {
    await batch(
      db,
      writes.map((w) => w.statement),
    )
  } catch (error) {
    throw storeFailure(error)
  }
}
