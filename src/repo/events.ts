// The outbox: events are appended in the same batch as the change they describe.
import { and, asc, eq, gt, max } from 'drizzle-orm'
import type { Db } from './db'
import { events } from './schema'

export type EventRow = typeof events.$inferSelect

/** What a write reports; the org writer assigns `seq`, `id` and `createdAt`. */
export interface EventDraft {
  type: string
  resourceType?: string
  resourceId?: string
  data: Record<string, unknown>
}

export const selectLastEventSeq = (db: Db, orgId: string) =>
  db
    .select({ seq: max(events.seq) })
    .from(events)
    .where(eq(events.orgId, orgId))

export const insertEvents = (db: Db, rows: EventRow[]) => db.insert(events).values(rows)

export const selectEventsAfter = (db: Db, orgId: string, afterSeq: number, limit: number) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.orgId, orgId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit)
