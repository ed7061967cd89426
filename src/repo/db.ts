// The one place a D1 binding becomes a drizzle database.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type { BatchItem } from 'drizzle-orm/batch'
import * as schema from './schema'

export type Db = DrizzleD1Database<typeof schema>
/** A statement that can go into one atomic `db.batch` (D1 has no interactive transactions). */
export type Statement = BatchItem<'sqlite'>

export function database(d1: D1Database): Db {
  return drizzle(d1, { schema })
}

/** Runs statements as one atomic batch; an empty list costs no round trip. */
export async function commit(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return
  await db.batch(statements as [Statement, ...Statement[]])
}
