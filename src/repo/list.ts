// One consistent read for a list request: the total and the page come from the same db.batch
// (one D1 transaction). Filters are compiled to SQL (filter-sql.ts); order is stable: the sort
// key with absent values last, then insertion seq. Index paging uses OFFSET; cursor paging
// (RFC 9865) uses the position after the last row, so deep pages cost no scan of skipped rows.
// An unfiltered, unsorted list — the walk Okta's import and Entra's account discovery make by
// startIndex — takes its total from org_counts (kept by triggers) and, given a bookmark (the seq
// of the row at an earlier position), skips to it by index instead of stepping over every row:
// the answer is OFFSET's exactly, because seq only grows and the bookmark is used only while the
// org's removal counter is what it was when the bookmark was taken (nothing before it moved).
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
  /** Index paging, unfiltered and unsorted: a known position at or before startIndex - 1. */
  bookmark?: Bookmark
  withLinks: boolean
}

/** The row at 1-based `position` of the org's insertion order had `seq`, when `removed` was current. */
export interface Bookmark {
  position: number
  seq: number
  removed: number
}

/** What a list's count statement returns; `removed` only for unfiltered lists. */
export interface ListTotal {
  total: number
  removed?: number
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
  const compiled = q.filter && compileFilter(q.filter, schema, filterTable, orgId)
  const where = compiled
    ? sql`r.org_id = ${orgId} AND ${compiled.condition}`
    : sql`r.org_id = ${orgId}`
  const from = sql`FROM ${sql.raw(table)} AS r WHERE ${where}`
  const key = q.sort ? sortExpression(q.sort, filterTable) : sql`NULL`
  const descending = q.sort?.order === 'descending'
  const direction = sql.raw(descending ? 'DESC' : 'ASC')
  // Unsorted lists are in insertion order: (org_id, seq) index, range scan from the cursor.
  // A filter driven by an index probe finds its rows from that index: `+r.seq` keeps the planner
  // from walking the whole org in seq order to find them (repo/filter-sql.ts CompiledFilter.driven).
  const order = q.sort
    ? sql`ORDER BY (${key}) IS NULL, ${key} ${direction}, r.seq ASC`
    : compiled && compiled.driven
      ? sql`ORDER BY +r.seq ASC`
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
  // The whole org in insertion order: its total is counted already (org_counts).
  const whole = !compiled && !q.sort
  const count = read(
    db.all<ListTotal>(whole ? countedTotal(table, orgId) : sql`SELECT count(*) AS total ${from}`),
    claims,
  )
  const select = sql`SELECT ${fields(q.withLinks)}, r.seq AS seq, ${key} AS sortKey`
  const walk = whole && q.cursor === undefined
  const bookmark = walk && q.bookmark && q.bookmark.position <= q.startIndex - 1 && q.bookmark
  const page = read(
    db.all<ListedRow>(
      bookmark
        ? fromBookmark(select, table, orgId, bookmark, q.startIndex - 1, q.count)
        : sql`${select} ${from}${after} ${order} ${paging}`,
    ),
    q.withLinks ? [...claims, ...linkClaims] : claims,
  )
  // A sort on a value inside the JSON column orders the whole org: as costly as a scan term.
  const sortCost = q.sort && !sortColumn(q.sort, filterTable) ? SORT_SCAN_COST : 0
  return { count, page, cost: (compiled?.cost ?? 0) + sortCost }
}

const REMOVED_COLUMN: Record<ListedTable, string> = {
  users: 'users_removed',
  teams: 'teams_removed',
}

/** The org's total from org_counts (one row read), with its removal counter. */
function countedTotal(table: ListedTable, orgId: string): SQL {
  const removed = sql.raw(REMOVED_COLUMN[table])
  // An aggregate always answers one row, even for an org without a counts row.
  return sql`SELECT coalesce(max(${sql.raw(table)}), 0) AS total, coalesce(max(${removed}), 0) AS removed
    FROM org_counts WHERE org_id = ${orgId}`
}

/** Larger than any seq: a range starting here is empty. */
const PAST_END = sql.raw('9223372036854775807')

/**
 * The page at `offset` of the org's insertion order, starting from a bookmark: rows after its seq,
 * skipping only the rows between it and `offset`. If anything was removed since the bookmark was
 * taken, the second branch runs instead: plain OFFSET. The removal counter is read in the same
 * statement (same state as the rows) and decides where each branch's index range starts, so the
 * branch not taken reads nothing (a condition on it would be tested row by row).
 */
function fromBookmark(
  select: SQL,
  table: ListedTable,
  orgId: string,
  bookmark: Bookmark,
  offset: number,
  count: number,
): SQL {
  const removed = sql`(SELECT ${sql.raw(REMOVED_COLUMN[table])} FROM org_counts WHERE org_id = ${orgId})`
  const valid = sql`${removed} = ${bookmark.removed}`
  const rows = sql`FROM ${sql.raw(table)} AS r WHERE r.org_id = ${orgId}`
  return sql`SELECT * FROM (${select} ${rows}
      AND r.seq > CASE WHEN ${valid} THEN ${bookmark.seq} ELSE ${PAST_END} END
      ORDER BY r.seq ASC LIMIT ${count} OFFSET ${offset - bookmark.position})
    UNION ALL
    SELECT * FROM (${select} ${rows}
      AND r.seq > CASE WHEN ${valid} THEN ${PAST_END} ELSE -1 END
      ORDER BY r.seq ASC LIMIT ${count} OFFSET ${offset})`
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
