// Where each filterable SCIM attribute lives in SQL: dedicated columns for what IdPs query
// (indexed), the `data` JSON column for the rest, membership rows for groups/members.
import type { AttributeDef } from '../scim/schema'

/**
 * How a column holds its attribute: `text` as sent, compared exactly (caseExact, RFC 7643 §2.2);
 * `folded` the name's foldName key (scim/identity.ts: userName, displayName), compared with the
 * literal folded the same way.
 */
export type ColumnKind = 'text' | 'folded' | 'boolean' | 'datetime'

export interface ColumnSpec {
  sql: string
  kind: ColumnKind
}

export interface FilterTable {
  /** Canonical core paths ("userName", "meta.created") backed by a column of alias `r`. */
  columns: Readonly<Record<string, ColumnSpec>>
  /** The multi-valued attribute derived from team_members ("groups" or "members"). */
  membership: { attr: string; ownColumn: string; otherColumn: string }
  /** Users: `emails.value` has an index table (user_emails, repo/user-emails.ts). */
  emailIndex?: true
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
    displayName: { sql: 'r.display_name_key', kind: 'folded' },
    active: { sql: 'r.active', kind: 'boolean' },
    ...meta,
  },
  membership: { attr: 'groups', ownColumn: 'user_id', otherColumn: 'team_id' },
  emailIndex: true,
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
