// The outbox: events are appended in the same batch as the change they describe.
import { and, asc, eq, gt, max, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { chunksBySize } from './json-rows'
import { events } from './schema'
import type { EventType } from '../model/events'

export type EventRow = typeof events.$inferSelect

/** What a write reports; the org writer assigns `seq`, `id`, `createdAt` and the actor. */
export interface EventDraft {
  type: EventType
  resourceType?: string
  resourceId?: string
  /** The resource as of the change (docs/events.md says what each type carries). */
  data: object
  /** Updates: the changed fields' values before the change. */
  previous?: object
}

export const selectLastEventSeq = (db: Db, orgId: string) =>
  read(
    db
      .select({ seq: max(events.seq) })
      .from(events)
      .where(eq(events.orgId, orgId)),
    [],
  )

/** The outbox rows a batch of webhook deliveries carries (by seq: a move keeps event seqs). */
export const selectEventsBySeq = (db: Db, orgId: string, seqs: readonly number[]) =>
  read(
    db.all<Pick<EventRow, 'seq' | 'createdAt' | 'actor' | 'tokenId' | 'data' | 'previous'>>(
      sql`SELECT seq, created_at AS createdAt, actor, token_id AS tokenId, data, previous
        FROM events WHERE org_id = ${orgId}
          AND seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))`,
    ),
    [],
  )

/** Committed events after `after`, oldest first: what the webhook relay has not sent yet. */
export const selectEventRefsAfter = (db: Db, orgId: string, after: number, limit: number) =>
  read(
    db
      .select({ orgId: events.orgId, seq: events.seq, id: events.id, type: events.type })
      .from(events)
      .where(and(eq(events.orgId, orgId), gt(events.seq, after)))
      .orderBy(asc(events.seq))
      .limit(limit),
    [],
  )

/**
 * One statement per chunk of events (a 1,000-member PATCH writes 1,000 events, each carrying its
 * user), chunked by size so each JSON parameter stays under D1's limit for one value. The outbox
 * is append-only and its seq is the writer's own counter, so appending claims no key.
 */
export const insertEvents = (db: Db, rows: EventRow[]) =>
  chunksBySize(rows).map((part) =>
    write(
      db.run(sql`INSERT INTO events (org_id, seq, id, type, resource_type, resource_id, token_id, actor, data, previous, created_at)
      SELECT json_extract(value, '$.orgId'), json_extract(value, '$.seq'), json_extract(value, '$.id'),
        json_extract(value, '$.type'), json_extract(value, '$.resourceType'), json_extract(value, '$.resourceId'),
        json_extract(value, '$.tokenId'), json_extract(value, '$.actor'), json_extract(value, '$.data'),
        json_extract(value, '$.previous'), json_extract(value, '$.createdAt')
      FROM json_each(${JSON.stringify(part)})`),
      [],
    ),
  )

/**
 * Deletes up to `limit` events older than their org's retention window (orgs.event_retention_days),
 * oldest first (index events_created). An org's newest event is always kept: the writer resumes its
 * seq from it after a restart, so a feed position never goes backwards.
 */
export const pruneEvents = (db: Db, now: string, limit: number) =>
  db.run(sql`DELETE FROM events WHERE rowid IN (
    SELECT e.rowid FROM events AS e JOIN orgs AS o ON o.id = e.org_id
    WHERE e.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '-1 days')
      AND e.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '-' || o.event_retention_days || ' days')
      AND e.seq < (SELECT max(seq) FROM events AS l WHERE l.org_id = e.org_id)
    ORDER BY e.created_at LIMIT ${limit})`)
