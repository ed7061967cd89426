// The one place a D1 binding becomes a drizzle database.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch'
import * as schema from './schema'

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database }
/** A statement that can go into one atomic `db.batch` (D1 has no interactive transactions). */
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
export async function batch<T extends readonly Statement[]>(
  db: Db,
  items: T,
): Promise<BatchResponse<T>> {
  if (items.length === 0) return [] as unknown as BatchResponse<T>
  const prepared = items.map((item) => (item as unknown as Preparable)._prepare())
  const statements = prepared.map((p) => {
    const { sql, params } = p.getQuery()
    return db.$client.prepare(sql).bind(...params)
  })
  const results = await db.$client.batch(statements)
  return results.map((r: unknown, i: number) =>
    prepared[i].mapResult(r, true),
  ) as unknown as BatchResponse<T>
}

/** Runs statements as one atomic batch; an empty list costs no round trip. */
export async function commit(db: Db, statements: Statement[]): Promise<void> {
  await batch(db, statements)
}
