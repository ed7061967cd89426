// Shared by the move tests: starting a move, waiting for its end, and reading an org's rows on one
// shard database the way the move's verification compares them (users' and teams' seq aside).
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import { admin, OPERATOR_KEY, type TestOrg } from '../../helpers/api'

export interface Move {
  phase: string
  from: string
  to: string
  rowsCopied: Record<string, number>
  changesReplayed: number
  writesHeldMs: number | null
  verified: { table: string; rows: number; digest: string }[] | null
  rowsCleaned: number
  error: string | null
}

export const TABLES = [
  'tokens',
  'oauth_clients',
  'users',
  'teams',
  'team_members',
  'role_assignments',
  'user_emails',
  'user_extension_values',
  'events',
  'set_feeds',
  'set_acks',
]

export async function startMove(org: TestOrg, shard: string): Promise<Response> {
  return admin(`/orgs/${org.orgId}/move`, OPERATOR_KEY, { method: 'POST', json: { shard } })
}

export async function moveOf(org: TestOrg): Promise<Move | undefined> {
  const res = await admin(`/orgs/${org.orgId}/move`, OPERATOR_KEY)
  // 503 + Retry-After: the writer was reset mid-call (the eviction test); the next call reaches it.
  if (res.status === 503 && res.headers.get('Retry-After')) return undefined
  expect(res.status).toBe(200)
  return (await res.json()) as Move
}

/** Polls the move (each poll a request: no timers) until it is done or failed. */
export async function finished(org: TestOrg, tries = 20_000): Promise<Move> {
  for (let i = 0; i < tries; i++) {
    const move = await moveOf(org)
    if (move?.phase === 'done' || move?.phase === 'failed') return move
  }
  throw new Error('the move did not finish')
}

/** The org's rows on one database, table by table in key order, without users'/teams' seq. */
export async function rowsOn(db: D1Database, orgId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    const { results } = await db
      .prepare(`SELECT * FROM ${table} WHERE org_id = ?`)
      .bind(orgId)
      .all<Record<string, unknown>>()
    out[table] = results
      .map((r) => {
        // Renumbered by a move; and a token's last use is written after its response.
        const { seq, last_used_at: _used, ...rest } = r
        return table === 'users' || table === 'teams'
          ? rest
          : table === 'tokens'
            ? { ...rest, seq }
            : r
      })
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  }
  return out
}

export async function countOn(db: D1Database, orgId: string): Promise<number> {
  let n = 0
  for (const table of [...TABLES, 'org_move_changes']) {
    const row = await db
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE org_id = ?`)
      .bind(orgId)
      .first<{ n: number }>()
    n += row!.n
  }
  return n
}

export async function orgRow(db: D1Database, orgId: string) {
  return db
    .prepare('SELECT moved_to AS movedTo, moves FROM orgs WHERE id = ?')
    .bind(orgId)
    .first<{ movedTo: string | null; moves: number }>()
}

export async function placedOn(orgId: string): Promise<string | undefined> {
  const row = await env.DB.prepare('SELECT shard FROM org_placements WHERE org_id = ?')
    .bind(orgId)
    .first<{ shard: string }>()
  return row?.shard
}

export async function moveTriggers(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'org_move_%'")
    .all<{ name: string }>()
  return results.map((r) => r.name)
}
