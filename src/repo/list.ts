// One consistent read for a list request: the total and the page come from the same db.batch
// (one D1 transaction). Filters are compiled to SQL (filter-sql.ts); order is stable: the sort
// key with absent values last, then insertion seq. Index paging uses OFFSET; cursor paging
// (RFC 9865) uses the position after the last row, so deep pages cost no scan of skipped rows.
import { sql, type SQL } from 'drizzle-orm'
import type { CursorPosition } from '../scim/cursor'
import type { FilterNode } from '../scim/filter'
import type { ResourceSchema } from '../scim/schema'
import type { Sort } from '../scim/list'
import { anyKey, read } from './claims'
import type { Db } from './db'
import {
  TEAMS_FILTER_TABLE,
  USERS_FILTER_TABLE,
  jsonPath,
  sqlString,
  type ColumnSpec,
  type FilterTable,
} from './filter-columns'
import { compileFilter } from './filter-sql'
import type { ResourceRow } from './resources'
import { teamFields } from './teams'
import { userFields } from './users'

export type ListedTable = 'users' | 'teams'

export interface ListQuery {
  filter?: FilterNode
  sort?: Sort
  /** Index paging: 1-based. Ignored when `cursor` is set. */
  startIndex: number
  count: number
  /** Cursor paging: null = first page; undefined = index paging. */
  cursor?: CursorPosition | null
  withLinks: boolean
}

export type ListedRow = ResourceRow & { seq: number; sortKey: string | number | null }

const TABLES: Record<ListedTable, { filter: FilterTable; fields: (links: boolean) => SQL }> = {
  users: { filter: USERS_FILTER_TABLE, fields: userFields },
  teams: { filter: TEAMS_FILTER_TABLE, fields: teamFields },
}

/**
 * The count and the page (run them in one session.read so both see the same snapshot), and what
 * the query costs per row of the org (the read limiter gates costly ones).
 */
export function listQueries(
  db: Db,
  table: ListedTable,
  schema: ResourceSchema,
  orgId: string,
  q: ListQuery,
) {
  const { filter: filterTable, fields } = TABLES[table]
  const compiled = q.filter && compileFilter(q.filter, schema, filterTable)
  const where = compiled
    ? sql`r.org_id = ${orgId} AND ${compiled.condition}`
    : sql`r.org_id = ${orgId}`
  const from = sql`FROM ${sql.raw(table)} AS r WHERE ${where}`
  const key = q.sort ? sortExpression(q.sort, filterTable) : sql`NULL`
  const descending = q.sort?.order === 'descending'
  const direction = sql.raw(descending ? 'DESC' : 'ASC')
  // Unsorted lists are in insertion order: (org_id, seq) index, range scan from the cursor.
  const order = q.sort
    ? sql`ORDER BY (${key}) IS NULL, ${key} ${direction}, r.seq ASC`
    : sql`ORDER BY r.seq ASC`
  const position =
    q.cursor && (q.sort ? afterPosition(key, q.cursor, descending) : sql`r.seq > ${q.cursor.seq}`)
  const after = position ? sql` AND ${position}` : sql``
  const paging =
    q.cursor === undefined
      ? sql`LIMIT ${q.count} OFFSET ${q.startIndex - 1}`
      : sql`LIMIT ${q.count}`
  const claims = table === 'users' ? [anyKey('user')] : [anyKey('team')]
  const linkClaims =
    table === 'users'
      ? [anyKey('userTeams'), anyKey('teamRef')]
      : [anyKey('members'), anyKey('userRef')]
  const count = read(db.all<{ total: number }>(sql`SELECT count(*) AS total ${from}`), claims)
  const page = read(
    db.all<ListedRow>(
      sql`SELECT ${fields(q.withLinks)}, r.seq AS seq, ${key} AS sortKey ${from}${after} ${order} ${paging}`,
    ),
    q.withLinks ? [...claims, ...linkClaims] : claims,
  )
  // A sort on a value inside the JSON column orders the whole org: as costly as a scan term.
  const sortCost = q.sort && !sortColumn(q.sort, filterTable) ? SORT_SCAN_COST : 0
  return { count, page, cost: (compiled?.cost ?? 0) + sortCost }
}

/** What a JSON-valued sort costs, in the filter's units (filter-sql.ts MAX_FILTER_COST). */
const SORT_SCAN_COST = 10

/** The column a sort reads, when its attribute has one (else it reads the JSON column). */
function sortColumn(sort: Sort, table: FilterTable): ColumnSpec | undefined {
  if (sort.schemaUrn !== undefined) return undefined
  const { attribute, subAttribute } = sort
  return table.columns[subAttribute ? `${attribute.name}.${subAttribute.name}` : attribute.name]
}

/** How many resources of the org a scan examines (the `(org_id, seq)` index alone). */
export const countResources = (db: Db, table: ListedTable, orgId: string) =>
  read(
    db.all<{ total: number }>(
      sql`SELECT count(*) AS total FROM ${sql.raw(table)} WHERE org_id = ${orgId}`,
    ),
    [table === 'users' ? anyKey('user') : anyKey('team')],
  )

/** Rows strictly after the cursor position in (key IS NULL, key dir, seq) order. */
function afterPosition(key: SQL, position: CursorPosition, descending: boolean): SQL {
  if (position.key === null) return sql`((${key}) IS NULL AND r.seq > ${position.seq})`
  const beyond = descending ? sql`(${key}) < ${position.key}` : sql`(${key}) > ${position.key}`
  return sql`((${key}) IS NULL OR ${beyond} OR ((${key}) = ${position.key} AND r.seq > ${position.seq}))`
}

/** The SQL value a resource sorts by; case-insensitive attributes sort on their folded form. */
function sortExpression(sort: Sort, table: FilterTable): SQL {
  const { attribute, subAttribute, schemaUrn } = sort
  const column = sortColumn(sort, table)
  if (column) return sql.raw(column.sql)
  const leaf = subAttribute ?? attribute
  const fold = (expr: string) =>
    leaf.type === 'string' && !leaf.caseExact ? `lower(${expr})` : expr
  const labels = schemaUrn === undefined ? [attribute.name] : [schemaUrn, attribute.name]
  if (attribute.multiValued && subAttribute) {
    // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
    const each = `json_each(r.data, ${sqlString(jsonPath(labels))})`
    const value = `json_extract(e.value, ${sqlString(jsonPath([subAttribute.name]))})`
    return sql.raw(
      `(SELECT ${fold(value)} FROM ${each} AS e ORDER BY json_extract(e.value, '$.primary') IS 1 DESC, e.key LIMIT 1)`,
    )
  }
  const full = subAttribute ? [...labels, subAttribute.name] : labels
  return sql.raw(fold(`json_extract(r.data, ${sqlString(jsonPath(full))})`))
}
