// The tables the org writer keeps a copy of (do/mirror.ts) — exactly the ones its plans read —
// and their DDL, generated from the drizzle schema so the copy can never drift from D1's shape.
// The copy holds one org's rows; `orgs` holds that org's row. Events, webhooks and deliveries are
// not copied: no plan reads them.
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { read } from './claims'
import type { Db } from './db'
import {
  oauthClients,
  orgs,
  roleAssignments,
  teamMembers,
  teams,
  tokens,
  userEmails,
  userExtensionValues,
  users,
} from './schema'

export const MIRRORED_TABLES: readonly SQLiteTable[] = [
  orgs,
  tokens,
  users,
  teams,
  teamMembers,
  roleAssignments,
  userEmails,
  userExtensionValues,
  oauthClients,
]

/**
 * Indexes only the Worker's lists and filters use (sort and range by date, active): no plan reads
 * through them, and every local insert or update would pay for them.
 */
const LIST_ONLY_INDEXES = new Set([
  'users_org_active',
  'users_org_created',
  'users_org_updated',
  'teams_org_created',
  'teams_org_updated',
])

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

function literal(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  throw new Error(`mirror DDL: unsupported default ${String(value)}`)
}

function columnSql(column: SQLiteColumn, soloPrimary: boolean): string {
  const parts = [quote(column.name), column.getSQLType()]
  if (soloPrimary && column.primary) {
    parts.push('PRIMARY KEY')
    if ((column as { autoIncrement?: boolean }).autoIncrement) parts.push('AUTOINCREMENT')
  }
  if (column.notNull) parts.push('NOT NULL')
  if (column.hasDefault && column.default !== undefined)
    parts.push(`DEFAULT ${literal(column.default)}`)
  return parts.join(' ')
}

/**
 * CREATE TABLE and CREATE INDEX statements for one table, as D1 has it (minus foreign keys and
 * the list-only indexes).
 */
export function tableDdl(table: SQLiteTable): string[] {
  const config = getTableConfig(table)
  const composite = config.primaryKeys.map((pk) => pk.columns.map((c) => quote(c.name)))
  const columns = config.columns.map((c) => columnSql(c, composite.length === 0))
  const keys = composite.map((cols) => `PRIMARY KEY (${cols.join(', ')})`)
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${quote(config.name)} (${[...columns, ...keys].join(', ')})`,
  ]
  for (const index of config.indexes) {
    if (LIST_ONLY_INDEXES.has(index.config.name)) continue
    const cols = index.config.columns.map((c) => {
      if (!('name' in c)) throw new Error(`mirror DDL: expression index ${index.config.name}`)
      return quote((c as SQLiteColumn).name)
    })
    const unique = index.config.unique ? 'UNIQUE ' : ''
    statements.push(
      `CREATE ${unique}INDEX IF NOT EXISTS ${quote(index.config.name)} ON ${quote(config.name)} (${cols.join(', ')})`,
    )
  }
  return statements
}

export const tableName = (table: SQLiteTable) => getTableConfig(table).name

/**
 * The columns that order a table's rows within one org, for copying them page by page: its
 * primary key without the leading org_id (the index D1 already has, so each page is a range read
 * of that index, never a sort of the org's rows nor a scan of other orgs' rows).
 */
export function pageKey(table: SQLiteTable): string[] {
  const config = getTableConfig(table)
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name)
  const solo = config.columns.filter((c) => c.primary).map((c) => c.name)
  const key = composite ?? solo
  return key[0] === 'org_id' ? key.slice(1) : key
}

/**
 * A page of one table's rows of the org, after `after` (the last page's key values; none for the
 * first page), in key order — to copy them.
 */
export function selectMirrorPage(
  db: Db,
  table: SQLiteTable,
  orgId: string,
  after: readonly unknown[] | undefined,
  limit: number,
) {
  const name = sql.raw(quote(tableName(table)))
  const owner = table === orgs ? sql.raw('id') : sql.raw('org_id')
  const key = pageKey(table)
  const columns = sql.raw(key.map(quote).join(', '))
  const beyond = after
    ? sql` AND (${columns}) > (${sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql``
  return read(
    db.all<Record<string, unknown>>(
      sql`SELECT * FROM ${name} WHERE ${owner} = ${orgId}${beyond} ORDER BY ${columns} LIMIT ${limit}`,
    ),
    [],
  )
}
