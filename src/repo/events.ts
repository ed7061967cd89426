// The outbox: events are appended in the same batch as the change they describe.
import { and, asc, eq, gt, max, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { chunks } from './json-rows'
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
  read(
    db
      .select({ seq: max(events.seq) })
      .from(events)
      .where(eq(events.orgId, orgId)),
    [],
  )

/**
 * One statement per chunk of events (a 1,000-member PATCH writes 1,000 events). The outbox is
 * append-only and its seq is the writer's own counter, so appending claims no key.
 */
export const insertEvents = (db: Db, rows: EventRow[]) =>
  chunks(rows).map((part) =>
    write(
      db.run(sql`INSERT INTO events (org_id, seq, id, type, resource_type, resource_id, token_id, data, created_at)
      SELECT json_extract(value, '$.orgId'), json_extract(value, '$.seq'), json_extract(value, '$.id'),
        json_extract(value, '$.type'), json_extract(value, '$.resourceType'), json_extract(value, '$.resourceId'),
        json_extract(value, '$.tokenId'), json_extract(value, '$.data'), json_extract(value, '$.createdAt')
      FROM json_each(${JSON.stringify(part)})`),
      [],
    ),
  )

export const selectEventsAfter = (db: Db, orgId: string, afterSeq: number, limit: number) =>
  read(
    db
      .select()
      .from(events)
      .where(and(eq(events.orgId, orgId), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(limit),
    [],
  )
