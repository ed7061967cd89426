// The SQL of moving an org between shards (do/move/): which tables hold an org's rows, how a page
// of them is read from the source and written to the target, how changes made meanwhile are
// captured on the source (temporary triggers for that org alone) and replayed, and how the two
// copies are compared. The writer's move drives these; nothing else uses them.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from './db'
import {
  events,
  oauthClients,
  orgs,
  roleAssignments,
  setAcks,
  setFeeds,
  teamMembers,
  teams,
  tokens,
  userEmails,
  userExtensionValues,
  users,
} from './schema'

export interface MovedTable {
  name: string
  /** The column naming the org (`id` for orgs). */
  owner: string
  /** The row's key within the org: how changes are named, and the order of the digest. */
  key: string[]
  /** The order rows are copied in: the key, or `seq` where the target numbers rows anew. */
  copyOrder: string[]
  /** Every column, in the table's order. */
  columns: string[]
  /** The columns an upsert meets an existing row on: the primary key, or `(org_id, id)`. */
  conflict: string[]
  /**
   * Users and teams: `seq` (their list order) is the database's own counter, so the target numbers
   * them anew, in the source's order. Upserts then find rows by `(org_id, id)`.
   */
  renumbered: boolean
  /** A unique name key a row being replayed may take from another row still to be replayed. */
  uniqueName?: string
}

const describe = (table: SQLiteTable, key: string[], uniqueName?: string): MovedTable => {
  const config = getTableConfig(table)
  const columns = config.columns.map((c) => c.name)
  const renumbered = table === users || table === teams
  const primaryKey =
    config.primaryKeys[0]?.columns.map((c) => c.name) ??
    config.columns.filter((c) => c.primary).map((c) => c.name)
  return {
    name: config.name,
    owner: table === orgs ? 'id' : 'org_id',
    key,
    copyOrder: renumbered ? ['seq'] : key,
    columns,
    conflict: renumbered ? ['org_id', 'id'] : primaryKey,
    renumbered,
    uniqueName,
  }
}

/** Copy order: the org row first (as a pointer), parents before the rows that name them. */
export const MOVED_TABLES: readonly MovedTable[] = [
  describe(orgs, []),
  describe(tokens, ['id']),
  describe(oauthClients, ['id']),
  describe(users, ['id'], 'user_name_key'),
  describe(teams, ['id'], 'display_name_key'),
  describe(teamMembers, ['team_id', 'user_id']),
  describe(roleAssignments, ['user_id', 'role']),
  describe(userEmails, ['value_key', 'user_id']),
  describe(userExtensionValues, ['attr_key', 'value_key', 'user_id']),
  describe(events, ['seq']),
  describe(setFeeds, []),
  describe(setAcks, ['seq']),
]

export type Row = Record<string, unknown>

const q = (name: string) => `"${name.replace(/"/g, '""')}"`
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`
const keyTuple = (t: MovedTable, prefix = '') => t.key.map((k) => prefix + q(k)).join(', ')

/**
 * A page of the org's rows after `after` (the last page's values of `order`), in that order: the
 * copy walks `copyOrder` (users and teams by seq: the target numbers them in the same order),
 * the digest walks `key`.
 */
export async function selectPage(
  db: Db,
  t: MovedTable,
  orgId: string,
  after: unknown[] | undefined,
  limit: number,
  order: string[] = t.copyOrder,
): Promise<Row[]> {
  const columns = order.map(q).join(', ')
  const beyond =
    after && order.length > 0 ? ` AND (${columns}) > (${order.map(() => '?').join(', ')})` : ''
  const sorted = order.length > 0 ? ` ORDER BY ${columns}` : ''
  const sql = `SELECT * FROM ${q(t.name)} WHERE ${q(t.owner)} = ?${beyond}${sorted} LIMIT ?`
  const params = [orgId, ...(after && order.length > 0 ? after : []), limit]
  const result = await db.$client
    .prepare(sql)
    .bind(...params)
    .all<Row>()
  return result.results
}

/** The rows of the org with these keys (each a JSON array of key values), as they are now. */
export async function selectByKeys(db: Db, t: MovedTable, orgId: string, keys: string[]) {
  // In insertion order: rows new to the target are numbered as the source numbered them.
  const sql = `SELECT * FROM ${q(t.name)} WHERE ${q(t.owner)} = ?${keysMatch(t)} ORDER BY rowid`
  return (
    await db.$client
      .prepare(sql)
      .bind(orgId, ...keysParam(t, keys))
      .all<Row>()
  ).results
}

const keysMatch = (t: MovedTable) =>
  t.key.length === 0
    ? ''
    : ` AND (${keyTuple(t)}) IN (SELECT ${t.key.map((_, i) => `json_extract(j.value, '$[${i}]')`).join(', ')} FROM json_each(?) AS j)`

const keysParam = (t: MovedTable, keys: string[]) =>
  t.key.length > 0 ? [JSON.stringify(keys.map((k) => JSON.parse(k)))] : []

export const rowKey = (t: MovedTable, row: Row) => JSON.stringify(t.key.map((k) => row[k]))

/**
 * Statements writing `rows` (one consistent read of the source) to the target: inserted, or
 * updated in place when the row is there already — so a user's or team's renumbered `seq` stays.
 * A unique name a row takes from a row not replayed yet is parked first (that row's own change
 * is in the log and sets it right; verification checks the end state).
 */
export function upsertRows(
  db: Db,
  t: MovedTable,
  orgId: string,
  rows: Row[],
): D1PreparedStatement[] {
  if (rows.length === 0) return []
  const columns = t.columns.filter((c) => !(t.renumbered && c === 'seq'))
  const updates = columns.filter((c) => !t.conflict.includes(c))
  const payload = JSON.stringify(rows.map((r) => columns.map((c) => r[c])))
  const statements: D1PreparedStatement[] = []
  if (t.uniqueName) {
    const name = q(t.uniqueName)
    const at = columns.indexOf(t.uniqueName)
    const idAt = columns.indexOf('id')
    statements.push(
      db.$client
        .prepare(
          `UPDATE ${q(t.name)} SET ${name} = char(0) || 'moving:' || id WHERE org_id = ?
            AND ${name} IN (SELECT json_extract(value, '$[${at}]') FROM json_each(?))
            AND id NOT IN (SELECT json_extract(value, '$[${idAt}]') FROM json_each(?))`,
        )
        .bind(orgId, payload, payload),
    )
  }
  const select = columns.map((_, i) => `json_extract(j.value, '$[${i}]')`).join(', ')
  const set = updates.length
    ? `DO UPDATE SET ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`
    : 'DO NOTHING'
  statements.push(
    db.$client
      .prepare(
        `INSERT INTO ${q(t.name)} (${columns.map(q).join(', ')})
          SELECT ${select} FROM json_each(?) AS j WHERE true
          ON CONFLICT (${t.conflict.map(q).join(', ')}) ${set}`,
      )
      .bind(payload),
  )
  return statements
}

/** Deletes the org's rows with these keys (gone from the source since they were copied). */
export function deleteByKeys(
  db: Db,
  t: MovedTable,
  orgId: string,
  keys: string[],
): D1PreparedStatement {
  return db.$client
    .prepare(`DELETE FROM ${q(t.name)} WHERE ${q(t.owner)} = ?${keysMatch(t)}`)
    .bind(orgId, ...keysParam(t, keys))
}

/** Up to `limit` of the org's rows of one table, deleted (cleanup and rollback walk in batches). */
export const deleteSomeRows = (db: Db, t: MovedTable, orgId: string, limit: number) =>
  db.$client
    .prepare(
      `DELETE FROM ${q(t.name)} WHERE rowid IN (SELECT rowid FROM ${q(t.name)} WHERE ${q(t.owner)} = ? LIMIT ?)`,
    )
    .bind(orgId, limit)

// --- capture on the source ------------------------------------------------------------------

/** Trigger names carry the org's id digest: one set per moving org, dropped when it ends. */
const triggerName = (tag: string, t: MovedTable, op: string) => `org_move_${tag}_${t.name}_${op}`

export async function orgTag(orgId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(orgId))
  return [...new Uint8Array(digest).slice(0, 8)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

/**
 * AFTER INSERT/UPDATE/DELETE triggers on every moved table, for this org only: each logs the
 * row's key in org_move_changes. Other orgs' writes pay one WHEN comparison per row.
 */
export function captureTriggers(db: Db, tag: string, orgId: string): D1PreparedStatement[] {
  const org = literal(orgId)
  return MOVED_TABLES.flatMap((t) =>
    (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => {
      const row = op === 'DELETE' ? 'OLD' : 'NEW'
      const key = `json_array(${t.key.map((k) => `${row}.${q(k)}`).join(', ')})`
      return db.$client.prepare(
        `CREATE TRIGGER IF NOT EXISTS ${triggerName(tag, t, op.toLowerCase())} AFTER ${op} ON ${q(t.name)}
          WHEN ${row}.${q(t.owner)} = ${org}
          BEGIN INSERT INTO org_move_changes (org_id, table_name, row_key)
            VALUES (${org}, ${literal(t.name)}, ${key}); END`,
      )
    }),
  )
}

export function dropCaptureTriggers(db: Db, tag: string): D1PreparedStatement[] {
  return MOVED_TABLES.flatMap((t) =>
    ['insert', 'update', 'delete'].map((op) =>
      db.$client.prepare(`DROP TRIGGER IF EXISTS ${triggerName(tag, t, op)}`),
    ),
  )
}

export interface Change {
  seq: number
  tableName: string
  rowKey: string
}

export async function selectChanges(db: Db, orgId: string, after: number, limit: number) {
  const result = await db.$client
    .prepare(
      `SELECT seq, table_name AS tableName, row_key AS rowKey FROM org_move_changes
        WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .bind(orgId, after, limit)
    .all<Change>()
  return result.results
}

export const deleteChanges = (db: Db, orgId: string) =>
  db.$client.prepare('DELETE FROM org_move_changes WHERE org_id = ?').bind(orgId)

// --- verification ---------------------------------------------------------------------------

/** What a row is, for comparing it across shards (users' and teams' seq aside, the pointer aside). */
const rowText = (t: MovedTable) => {
  const hidden = t.renumbered ? 'seq' : t.name === 'orgs' ? 'moved_to' : undefined
  const shown = t.columns.filter((c) => c !== hidden)
  return (row: Row) => JSON.stringify(shown.map((c) => row[c]))
}

/** The org's rows with keys in (after, upTo] (either bound open), in key order. */
async function selectRange(
  db: Db,
  t: MovedTable,
  orgId: string,
  after: unknown[] | undefined,
  upTo: unknown[] | undefined,
): Promise<Row[]> {
  const marks = t.key.map(() => '?').join(', ')
  const lower = after && t.key.length > 0 ? ` AND (${keyTuple(t)}) > (${marks})` : ''
  const upper = upTo && t.key.length > 0 ? ` AND (${keyTuple(t)}) <= (${marks})` : ''
  const order = t.key.length > 0 ? ` ORDER BY ${keyTuple(t)}` : ''
  const params = [orgId, ...(lower ? after! : []), ...(upper ? upTo! : [])]
  const sql = `SELECT * FROM ${q(t.name)} WHERE ${q(t.owner)} = ?${lower}${upper}${order}`
  return (
    await db.$client
      .prepare(sql)
      .bind(...params)
      .all<Row>()
  ).results
}

export interface TableComparison {
  table: string
  /** Rows on the source when compared. */
  rows: number
  /** SHA-256 over the source's rows in key order, chained page by page. */
  digest: string
  /** Keys whose row differs, or is on one side only. */
  differing: string[]
}

/**
 * Compares the org's rows of one table on both shards, row by row in key order (SQLite orders both
 * sides; each source page is matched with the target's rows in the same key range).
 */
export async function compareTable(
  source: Db,
  target: Db,
  t: MovedTable,
  orgId: string,
): Promise<TableComparison> {
  const text = rowText(t)
  const differing: string[] = []
  let chained = new Uint8Array()
  let rows = 0
  let after: unknown[] | undefined
  for (;;) {
    const page = await selectPage(source, t, orgId, after, COMPARE_PAGE, t.key)
    const final = page.length < COMPARE_PAGE || t.key.length === 0
    const upTo = final ? undefined : t.key.map((k) => page[page.length - 1][k])
    const theirs = await selectRange(target, t, orgId, after, upTo)
    const mine = new Map(page.map((r) => [rowKey(t, r), text(r)]))
    for (const row of theirs) {
      const key = rowKey(t, row)
      if (mine.get(key) !== text(row)) differing.push(key)
      mine.delete(key)
    }
    differing.push(...mine.keys())
    const bytes = new TextEncoder().encode(page.map(text).join('\n'))
    chained = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new Uint8Array([...chained, ...bytes])),
    )
    rows += page.length
    if (final) break
    after = upTo
  }
  const digest = [...chained].map((b) => b.toString(16).padStart(2, '0')).join('')
  return { table: t.name, rows, digest, differing: [...new Set(differing)] }
}

/** The rows with these keys differ between the shards (checked under the write hold). */
export async function differingRows(
  source: Db,
  target: Db,
  t: MovedTable,
  orgId: string,
  keys: string[],
): Promise<string[]> {
  const text = rowText(t)
  const differing: string[] = []
  for (let i = 0; i < keys.length; i += COMPARE_PAGE) {
    const chunk = keys.slice(i, i + COMPARE_PAGE)
    const [mine, theirs] = await Promise.all([
      selectByKeys(source, t, orgId, chunk),
      selectByKeys(target, t, orgId, chunk),
    ])
    const left = new Map(mine.map((r) => [rowKey(t, r), text(r)]))
    const right = new Map(theirs.map((r) => [rowKey(t, r), text(r)]))
    for (const key of chunk) if (left.get(key) !== right.get(key)) differing.push(key)
  }
  return differing
}

export async function countRows(db: Db, t: MovedTable, orgId: string): Promise<number> {
  const row = await db.$client
    .prepare(`SELECT count(*) AS n FROM ${q(t.name)} WHERE ${q(t.owner)} = ?`)
    .bind(orgId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

const COMPARE_PAGE = 1000
