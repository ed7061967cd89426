// The `jti`s of client assertions this org's clients have spent (RFC 7523 §3 item 7: an assertion
// is used once), kept in the org writer's own SQLite storage until the assertion expires. The
// writer's methods run one at a time and `spend` is synchronous, so of two requests carrying one
// jti exactly one gets through, however close together they arrive.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS assertion_jtis (
  client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, jti));
CREATE INDEX IF NOT EXISTS assertion_jtis_expiry ON assertion_jtis (expires_at);`

export class AssertionJtis {
  private ready = false

  constructor(private readonly sql: SqlStorage) {}

  /**
   * Records `jti` for `clientId` until `until` (seconds since the epoch); false when it was
   * already recorded, i.e. the assertion is a replay. Expired records go first: an assertion past
   * its expiry is refused by its claims, so its jti needs no keeping.
   */
  spend(clientId: string, jti: string, until: number, now: number): boolean {
    if (!this.ready) {
      this.sql.exec(SCHEMA)
      this.ready = true
    }
    this.sql.exec('DELETE FROM assertion_jtis WHERE expires_at < ?', now)
    const inserted = this.sql.exec(
      'INSERT INTO assertion_jtis (client_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      clientId,
      jti,
      until,
    )
    return inserted.rowsWritten > 0
  }
}
