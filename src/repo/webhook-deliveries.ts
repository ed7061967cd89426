// The delivery log: one row per (endpoint, event), its retry state and outcome. Written by the
// fan-out (rows), the delivery consumer (attempts), the admin API (redelivery) and the Cron
// Trigger (overdue re-sends, retention).
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { chunksBySize, idList } from './json-rows'
import { webhookDeliveries } from './schema'

export type DeliveryRow = typeof webhookDeliveries.$inferSelect
export type NewDeliveryRow = Omit<typeof webhookDeliveries.$inferInsert, 'seq'>

/**
 * New pending deliveries; a row whose id exists already (a repeated fan-out of the same event)
 * is left as it is.
 */
export const insertDeliveries = (db: Db, rows: readonly NewDeliveryRow[]) =>
  chunksBySize(rows).map((part) =>
    write(
      db.run(sql`INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, org_id, event_seq, event_id,
        event_type, payload, status, attempts, next_attempt_at, created_at)
      SELECT json_extract(value, '$.id'), json_extract(value, '$.webhookId'), json_extract(value, '$.orgId'),
        json_extract(value, '$.eventSeq'), json_extract(value, '$.eventId'), json_extract(value, '$.eventType'),
        json_extract(value, '$.payload'), 'pending', 0, json_extract(value, '$.nextAttemptAt'),
        json_extract(value, '$.createdAt')
      FROM json_each(${JSON.stringify(part)})`),
      [],
    ),
  )

/** What an attempt needs, for a batch of deliveries: the row, its endpoint, its event. */
export interface AttemptRow {
  id: string
  webhookId: string
  orgId: string | null
  eventSeq: number | null
  eventId: string
  eventType: string
  payload: string | null
  status: DeliveryRow['status']
  attempts: number
  nextAttemptAt: string | null
  url: string
  enabled: number
  format: 'json' | 'set'
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: string | null
  /**
   * The outbox row (null for the endpoint's own events, or once retention pruned it): read from
   * the org's shard after the delivery rows (webhooks/delivery-events.ts).
   */
  eventCreatedAt: string | null
  eventActor: 'scim' | 'admin' | 'app' | null
  eventTokenId: string | null
  eventData: string | null
  eventPrevious: string | null
}

export const selectAttempts = (db: Db, ids: readonly string[]) =>
  read(
    db.all<AttemptRow>(sql`SELECT d.id, d.webhook_id AS webhookId, d.org_id AS orgId,
        d.event_seq AS eventSeq, d.event_id AS eventId, d.event_type AS eventType, d.payload,
        d.status, d.attempts, d.next_attempt_at AS nextAttemptAt,
        w.url, w.enabled, w.format, w.secret, w.previous_secret AS previousSecret,
        w.previous_secret_expires_at AS previousSecretExpiresAt,
        NULL AS eventCreatedAt, NULL AS eventActor, NULL AS eventTokenId,
        NULL AS eventData, NULL AS eventPrevious
      FROM ${idList(ids)} CROSS JOIN webhook_deliveries AS d
      JOIN webhooks AS w ON w.id = d.webhook_id
      WHERE d.id = j.value
      ORDER BY d.org_id, d.event_seq, d.seq`),
    [],
  )

export interface AttemptOutcome {
  id: string
  status: DeliveryRow['status']
  attempts: number
  statusCode: number | null
  error: string | null
  at: string
  nextAttemptAt: string | null
}

/** Records one attempt's outcome; a row already delivered is never set back. */
export const recordAttempt = (db: Db, o: AttemptOutcome) =>
  write(
    db.run(sql`UPDATE webhook_deliveries SET status = ${o.status}, attempts = ${o.attempts},
      last_status_code = ${o.statusCode}, last_error = ${o.error}, last_attempt_at = ${o.at},
      next_attempt_at = ${o.nextAttemptAt},
      delivered_at = CASE WHEN ${o.status} = 'delivered' THEN ${o.at} ELSE delivered_at END
      WHERE id = ${o.id} AND status = 'pending'`),
    [],
  )

/** Pending deliveries of a disabled or deleted endpoint end here, without an attempt. */
export const failDelivery = (db: Db, id: string, error: string) =>
  write(
    db.run(sql`UPDATE webhook_deliveries SET status = 'failed', last_error = ${error},
      next_attempt_at = NULL WHERE id = ${id} AND status = 'pending'`),
    [],
  )

/** A new round for one delivery: pending again, attempts from zero, due now. */
export const restartDelivery = (db: Db, webhookId: string, id: string, now: string) =>
  read(
    db.all<DeliveryRow>(sql`UPDATE webhook_deliveries SET status = 'pending', attempts = 0,
      next_attempt_at = ${now} WHERE id = ${id} AND webhook_id = ${webhookId}
      RETURNING seq, id, webhook_id AS webhookId, org_id AS orgId, event_seq AS eventSeq,
        event_id AS eventId, event_type AS eventType, payload, status, attempts,
        last_status_code AS lastStatusCode, last_error AS lastError, last_attempt_at AS lastAttemptAt,
        next_attempt_at AS nextAttemptAt, delivered_at AS deliveredAt, created_at AS createdAt`),
    [],
  )

/** The log of one endpoint, newest first, before `beforeSeq`; optionally of one status. */
export const selectDeliveriesPage = (
  db: Db,
  webhookId: string,
  beforeSeq: number,
  limit: number,
  status: DeliveryRow['status'] | undefined,
) =>
  read(
    db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          lt(webhookDeliveries.seq, beforeSeq),
          status === undefined ? undefined : eq(webhookDeliveries.status, status),
        ),
      )
      .orderBy(desc(webhookDeliveries.seq))
      .limit(limit),
    [],
  )

/** Pending deliveries due before `cutoff`: their queue message was lost, or is late. */
export const selectOverdueDeliveries = (db: Db, cutoff: string, limit: number) =>
  read(
    db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.nextAttemptAt, cutoff)),
      )
      .limit(limit),
    [],
  )

/** Due at `next`: an overdue delivery re-sent now is not overdue again until it is late again. */
export const rescheduleDeliveries = (db: Db, ids: readonly string[], next: string) =>
  write(
    db.run(sql`UPDATE webhook_deliveries SET next_attempt_at = ${next}
      WHERE status = 'pending' AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`),
    [],
  )

/**
 * Deletes up to `limit` deliveries older than their org's event retention window (30 days for
 * the endpoint's own events), oldest first — deliveries go with the events they carry.
 */
export const pruneDeliveries = (db: Db, now: string, limit: number) =>
  db.run(sql`DELETE FROM webhook_deliveries WHERE seq IN (
    SELECT d.seq FROM webhook_deliveries AS d LEFT JOIN orgs AS o ON o.id = d.org_id
    WHERE d.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '-' || coalesce(o.event_retention_days, 30) || ' days')
    ORDER BY d.created_at LIMIT ${limit})`)
