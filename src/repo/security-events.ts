// Security event tokens (RFC 8417/9967) and their poll feed (RFC 8936): signing keys, the feed's
// acknowledgements, and the page of events not yet acknowledged. A SET is made from an outbox
// event when it is polled (model/security-events.ts), so nothing is written on the SCIM path.
import { desc, sql } from 'drizzle-orm'
import { newSigningKey } from '../credentials/set-signing'
import { SET_SOURCE_TYPES } from '../model/security-events'
import { read, write } from './claims'
import { commit, runReads, type Db } from './db'
import type { EventRow } from './events'
import { setKeys } from './schema'

/** The event types that have a SET (model/security-events.ts), as an SQL list. */
const SET_TYPES = sql.raw(`(${SET_SOURCE_TYPES.map((t) => `'${t}'`).join(',')})`)

export const selectSigningKeys = (db: Db) =>
  read(db.select().from(setKeys).orderBy(desc(setKeys.createdAt), desc(setKeys.kid)), [])

export const insertSigningKey = (
  db: Db,
  key: { kid: string; publicJwk: string; privateSealed: string },
  now: string,
) => write(db.insert(setKeys).values({ ...key, createdAt: now }), [])

/** Up to `limit` provisioning events of the org not acknowledged yet, oldest first. */
export const selectUnacknowledged = (db: Db, orgId: string, limit: number) =>
  read(
    db.all<EventRow>(sql`SELECT e.org_id AS orgId, e.seq, e.id, e.type, e.resource_type AS resourceType,
        e.resource_id AS resourceId, e.token_id AS tokenId, e.actor, e.data, e.previous, e.created_at AS createdAt
      FROM events e
      WHERE e.org_id = ${orgId}
        AND e.seq > coalesce((SELECT acked_through FROM set_feeds WHERE org_id = ${orgId}), 0)
        AND e.type IN ${SET_TYPES}
        AND NOT EXISTS (SELECT 1 FROM set_acks a WHERE a.org_id = e.org_id AND a.seq = e.seq)
      ORDER BY e.seq LIMIT ${limit}`),
    [],
  )

/**
 * Acknowledges the events with these ids (`error` for setErrs, null for ack), then moves the
 * feed's watermark up to just before the first provisioning event still unacknowledged and drops
 * the individual acknowledgements it now covers. Ids that are not the org's events are ignored.
 */
export function acknowledge(
  db: Db,
  orgId: string,
  acks: readonly { id: string; error: string | null }[],
) {
  return [
    write(
      db.run(
        sql`INSERT INTO set_feeds (org_id, acked_through) VALUES (${orgId}, 0) ON CONFLICT DO NOTHING`,
      ),
      [],
    ),
    write(
      db.run(sql`INSERT OR IGNORE INTO set_acks (org_id, seq, error)
        SELECT e.org_id, e.seq, json_extract(j.value, '$[1]')
        FROM json_each(${JSON.stringify(acks.map((a) => [a.id, a.error]))}) AS j
        CROSS JOIN events e ON e.org_id = ${orgId} AND e.id = json_extract(j.value, '$[0]')`),
      [],
    ),
    write(
      db.run(sql`UPDATE set_feeds SET acked_through = coalesce(
          (SELECT min(e.seq) - 1 FROM events e
            WHERE e.org_id = ${orgId} AND e.seq > set_feeds.acked_through AND e.type IN ${SET_TYPES}
              AND NOT EXISTS (SELECT 1 FROM set_acks a WHERE a.org_id = e.org_id AND a.seq = e.seq)),
          (SELECT max(a.seq) FROM set_acks a WHERE a.org_id = ${orgId}),
          acked_through)
        WHERE org_id = ${orgId}`),
      [],
    ),
    write(
      db.run(sql`DELETE FROM set_acks WHERE org_id = ${orgId}
        AND seq <= (SELECT acked_through FROM set_feeds WHERE org_id = ${orgId})`),
      [],
    ),
  ]
}

/** The newest signing key, made on first use (two made at once are both valid and published). */
export async function currentSigningKey(db: Db, sealKey: string) {
  const [keys] = await runReads(db, selectSigningKeys(db))
  return keys[0] ?? createSigningKey(db, sealKey)
}

/** Makes a key and stores it: from now on it is the newest, the one that signs. */
export async function createSigningKey(db: Db, sealKey: string) {
  const made = await newSigningKey(sealKey)
  const row = {
    kid: made.kid,
    publicJwk: JSON.stringify(made.publicJwk),
    privateSealed: made.privateSealed,
    createdAt: new Date().toISOString(),
  }
  await commit(db, [insertSigningKey(db, row, row.createdAt)])
  return row
}

export const deleteSigningKey = (db: Db, kid: string) =>
  write(db.run(sql`DELETE FROM set_keys WHERE kid = ${kid}`), [])
