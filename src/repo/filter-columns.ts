// Where each filterable SCIM attribute lives in SQL: dedicated columns for what IdPs query
// (indexed), the `data` JSON column for the rest, membership rows for groups/members.
import type { AttributeDef } from '../scim/schema'

/**
 * How a column holds its attribute: `text` as sent, compared exactly (caseExact, RFC 7643 §2.2);
 * `lowered` as sent, compared case-insensitively through lower() (its index is built on lower());
 * `folded` already foldCase(value) (the uniqueness keys).
 */
export type ColumnKind = 'text' | 'lowered' | 'folded' | 'boolean' | 'datetime'

export interface ColumnSpec {
  sql: string
  kind: ColumnKind
}

/** The SQL a text column is compared and sorted by, and whether literals fold to match it. */
export function comparable(column: ColumnSpec): { expr: string; folds: boolean } {
  switch (column.kind) {
    case 'lowered':
      return { expr: `lower(${column.sql})`, folds: true }
    case 'folded':
      return { expr: column.sql, folds: true }
    default:
      return { expr: column.sql, folds: false }
  }
}

export interface FilterTable {
  /** Canonical core paths ("userName", "meta.created") backed by a column of alias `r`. */
  columns: Readonly<Record<string, ColumnSpec>>
  /** The multi-valued attribute derived from team_members ("groups" or "members"). */
  membership: { attr: string; ownColumn: string; otherColumn: string }
}

const meta = {
  'meta.created': { sql: 'r.created_at', kind: 'datetime' },
  'meta.lastModified': { sql: 'r.updated_at', kind: 'datetime' },
} as const

export const USERS_FILTER_TABLE: FilterTable = {
  columns: {
    id: { sql: 'r.id', kind: 'text' },
    externalId: { sql: 'r.external_id', kind: 'text' },
    userName: { sql: 'r.user_name_key', kind: 'folded' },
    displayName: { sql: 'r.display_name', kind: 'lowered' },
    active: { sql: 'r.active', kind: 'boolean' },
    ...meta,
  },
  membership: { attr: 'groups', ownColumn: 'user_id', otherColumn: 'team_id' },
}

export const TEAMS_FILTER_TABLE: FilterTable = {
  columns: {
    id: { sql: 'r.id', kind: 'text' },
    externalId: { sql: 'r.external_id', kind: 'text' },
    displayName: { sql: 'r.display_name_key', kind: 'folded' },
    ...meta,
  },
  membership: { attr: 'members', ownColumn: 'team_id', otherColumn: 'user_id' },
}

/** A SQL string literal (attribute names and URNs come from schema metadata, still escaped). */
export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`

/** A JSON path label, quoted so URNs (with ':' and '.') address one object key. */
export const jsonLabel = (name: string) => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** `$."urn:…:User"."manager"` — every label quoted. */
export function jsonPath(labels: readonly string[]): string {
  return '$' + labels.map((l) => '.' + jsonLabel(l)).join('')
}

export const isTextType = (def: AttributeDef) =>
  def.type === 'string' || def.type === 'reference' || def.type === 'binary'
