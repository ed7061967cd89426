// Webhook endpoints (operator-owned rows, outside any org: written by the admin API directly, not
// by an org writer) and the endpoint state the delivery consumer keeps on them.
import { asc, count, eq, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { webhooks } from './schema'

export type WebhookRow = typeof webhooks.$inferSelect
export type NewWebhookRow = typeof webhooks.$inferInsert

export const selectWebhooks = (db: Db) =>
  read(db.select().from(webhooks).orderBy(asc(webhooks.createdAt), asc(webhooks.id)), [])

export const selectWebhook = (db: Db, id: string) =>
  read(db.select().from(webhooks).where(eq(webhooks.id, id)), [])

export const countWebhooks = (db: Db) => read(db.select({ n: count() }).from(webhooks), [])

export const insertWebhook = (db: Db, row: NewWebhookRow) =>
  write(db.insert(webhooks).values(row), [])

export type WebhookChanges = Partial<
  Pick<
    NewWebhookRow,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'orgIds'
    | 'format'
    | 'enabled'
    | 'failingSince'
    | 'disabledAt'
    | 'disabledReason'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
  >
> & { updatedAt: string }

export const updateWebhook = (db: Db, id: string, changes: WebhookChanges) =>
  write(db.update(webhooks).set(changes).where(eq(webhooks.id, id)), [])

/** Its deliveries go with it (foreign key, on delete cascade). */
export const deleteWebhook = (db: Db, id: string) =>
  write(db.delete(webhooks).where(eq(webhooks.id, id)), [])

/** After a 2xx: the endpoint is healthy again. */
export const markWebhookHealthy = (db: Db, id: string) =>
  write(
    db.run(
      sql`UPDATE webhooks SET failing_since = NULL WHERE id = ${id} AND failing_since IS NOT NULL`,
    ),
    [],
  )

/** After a failed attempt: the failing run starts now unless it already had. */
export const markWebhookFailing = (db: Db, id: string, now: string) =>
  write(
    db.run(
      sql`UPDATE webhooks SET failing_since = ${now} WHERE id = ${id} AND failing_since IS NULL`,
    ),
    [],
  )

/**
 * Disables the endpoint if it is still enabled and has failed everything since `cutoff` or
 * earlier; returns the row only to the one call that disabled it (so `webhook.disabled` is
 * recorded once, however many consumers race here).
 */
export const disableFailingWebhook = (
  db: Db,
  id: string,
  cutoff: string,
  now: string,
  reason: string,
) =>
  read(
    db.all<{ id: string; url: string; failingSince: string }>(
      sql`UPDATE webhooks SET enabled = 0, disabled_at = ${now}, disabled_reason = ${reason}, updated_at = ${now}
      WHERE id = ${id} AND enabled = 1 AND failing_since IS NOT NULL AND failing_since <= ${cutoff}
      RETURNING id, url, failing_since AS failingSince`,
    ),
    [],
  )
