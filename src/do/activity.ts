// The org's provisioning activity, kept in its Durable Object's own SQLite storage (synchronous,
// local to the object): written after responses in batches from the Worker (http/activity.ts), so
// recording costs the SCIM path no D1 statement and no latency. Bounded by count and age.
import {
  minuteOf,
  type ActivityBatch,
  type ActivityEntry,
  type ReadCount,
  type TokenActivity,
} from '../model/activity'

/** Entries kept: the newest 10,000, none older than 7 days; read counts 7 days. */
export const MAX_ENTRIES = 10_000
export const MAX_AGE_MS = 7 * 24 * 3600_000
/** Prune once per this many recorded entries (and on every read-count flush). */
const PRUNE_EVERY = 200

const SCHEMA = `
CREATE TABLE IF NOT EXISTS activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, idp TEXT NOT NULL,
  token_id TEXT NOT NULL, operation TEXT NOT NULL, resource_type TEXT, resource_id TEXT,
  status INTEGER NOT NULL, scim_type TEXT, duration_ms INTEGER NOT NULL, request_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS activity_at ON activity (at);
CREATE INDEX IF NOT EXISTS activity_token ON activity (token_id, at);
CREATE TABLE IF NOT EXISTS read_counts (
  minute TEXT NOT NULL, token_id TEXT NOT NULL, idp TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (minute, token_id, idp));`

type Row = Record<string, SqlStorageValue>

export class ActivityLog {
  private ready = false
  private sincePrune = 0

  constructor(private readonly sql: SqlStorage) {}

  private schema(): void {
    if (this.ready) return
    this.sql.exec(SCHEMA)
    this.ready = true
  }

  record(batch: ActivityBatch, now: number): void {
    this.schema()
    for (const e of batch.entries) {
      this.sql.exec(
        `INSERT INTO activity (at, kind, idp, token_id, operation, resource_type, resource_id,
          status, scim_type, duration_ms, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        e.at,
        e.kind,
        e.idp,
        e.tokenId,
        e.operation,
        e.resourceType,
        e.resourceId,
        e.status,
        e.scimType,
        e.durationMs,
        e.requestId,
      )
    }
    for (const r of batch.reads) {
      this.sql.exec(
        `INSERT INTO read_counts (minute, token_id, idp, count) VALUES (?, ?, ?, ?)
         ON CONFLICT (minute, token_id, idp) DO UPDATE SET count = count + excluded.count`,
        r.minute,
        r.tokenId,
        r.idp,
        r.count,
      )
    }
    this.sincePrune += batch.entries.length
    if (this.sincePrune >= PRUNE_EVERY || batch.reads.length > 0) this.prune(now)
  }

  private prune(now: number): void {
    this.sincePrune = 0
    const oldest = new Date(now - MAX_AGE_MS).toISOString()
    this.sql.exec('DELETE FROM activity WHERE at < ?', oldest)
    this.sql.exec(
      'DELETE FROM activity WHERE id <= (SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?)',
      MAX_ENTRIES,
    )
    this.sql.exec('DELETE FROM read_counts WHERE minute < ?', minuteOf(oldest))
  }

  /** Entries newest first, before the entry `before` (exclusive). */
  page(
    before: number | undefined,
    limit: number,
    kind?: string,
  ): Omit<ActivityEntry, 'tokenLabel'>[] {
    this.schema()
    const rows = this.sql
      .exec<Row>(
        `SELECT * FROM activity WHERE id < ? AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?`,
        before ?? Number.MAX_SAFE_INTEGER,
        kind ?? null,
        kind ?? null,
        limit,
      )
      .toArray()
    return rows.map((r) => ({
      id: Number(r.id),
      at: String(r.at),
      kind: r.kind as ActivityEntry['kind'],
      idp: String(r.idp),
      tokenId: String(r.token_id),
      operation: String(r.operation),
      resourceType: (r.resource_type as ActivityEntry['resourceType']) ?? null,
      resourceId: (r.resource_id as string | null) ?? null,
      status: Number(r.status),
      scimType: (r.scim_type as string | null) ?? null,
      durationMs: Number(r.duration_ms),
      requestId: String(r.request_id),
    }))
  }

  /** Per token over the last 24 hours, and reads per minute over the last hour. */
  summary(now: number): { tokens: Omit<TokenActivity, 'tokenLabel'>[]; reads: ReadCount[] } {
    this.schema()
    const day = new Date(now - 24 * 3600_000).toISOString()
    const hour = minuteOf(new Date(now - 3600_000).toISOString())
    const tokens = new Map<string, Omit<TokenActivity, 'tokenLabel'>>()
    const entry = (tokenId: string) => {
      let t = tokens.get(tokenId)
      if (!t) {
        t = { tokenId, lastRequestAt: null, lastIdp: null, requests24h: 0, errors24h: 0 }
        tokens.set(tokenId, t)
      }
      return t
    }
    const seen = (t: Omit<TokenActivity, 'tokenLabel'>, at: string, idp: string) => {
      if (t.lastRequestAt === null || at > t.lastRequestAt) {
        t.lastRequestAt = at
        t.lastIdp = idp
      }
    }
    // The latest entry of each token, whatever its age.
    for (const r of this.sql
      .exec<Row>(`SELECT token_id, max(at) AS at, idp FROM activity GROUP BY token_id`)
      .toArray()) {
      seen(entry(String(r.token_id)), String(r.at), String(r.idp))
    }
    for (const r of this.sql
      .exec<Row>(
        `SELECT token_id, count(*) AS n, sum(kind = 'error') AS errors FROM activity
         WHERE at >= ? GROUP BY token_id`,
        day,
      )
      .toArray()) {
      const t = entry(String(r.token_id))
      t.requests24h += Number(r.n)
      t.errors24h += Number(r.errors)
    }
    for (const r of this.sql
      .exec<Row>(
        `SELECT token_id, sum(count) AS n FROM read_counts WHERE minute >= ? GROUP BY token_id`,
        minuteOf(day),
      )
      .toArray()) {
      entry(String(r.token_id)).requests24h += Number(r.n)
    }
    const nowIso = new Date(now).toISOString()
    for (const r of this.sql
      .exec<Row>(`SELECT token_id, max(minute) AS minute, idp FROM read_counts GROUP BY token_id`)
      .toArray()) {
      // A minute's reads happened within it: its end (or now) bounds the last one.
      const end = String(r.minute).replace('Z', ':59.999Z')
      seen(entry(String(r.token_id)), end < nowIso ? end : nowIso, String(r.idp))
    }
    const reads = this.sql
      .exec<Row>(
        `SELECT minute, token_id, idp, count FROM read_counts WHERE minute >= ? ORDER BY minute`,
        hour,
      )
      .toArray()
      .map((r) => ({
        minute: String(r.minute),
        tokenId: String(r.token_id),
        idp: String(r.idp),
        count: Number(r.count),
      }))
    return { tokens: [...tokens.values()], reads }
  }
}
