// What the store hands back for a user or a team: its canonical data plus the derived links
// (a user's groups, a team's members) when they were asked for.
import { sql, type SQL } from 'drizzle-orm'
import type { Link } from '../scim/links'

export type { Link }

export interface StoredResource {
  id: string
  data: Record<string, unknown>
  version: number
  createdAt: string
  updatedAt: string
  /** User: its teams. Team: its members. undefined when not loaded (excludedAttributes). */
  links?: Link[]
}

/** The columns every resource read selects from alias `r`, plus its derived links when asked. */
export const resourceFields = (links: SQL | undefined) =>
  sql`r.id AS id, r.data AS data, r.version AS version, r.created_at AS createdAt, r.updated_at AS updatedAt${
    links ? sql`, ${links} AS links` : sql``
  }`

export interface ResourceRow {
  id: string
  data: string
  version: number
  createdAt: string
  updatedAt: string
  links?: string | null
}

const parseLinks = (row: ResourceRow): Link[] =>
  row.links ? (JSON.parse(row.links) as Link[]) : []

/** The ids a row's links point at (what a read with links depends on). */
export const linkIds = (row: ResourceRow): string[] => parseLinks(row).map((l) => l.value)

export function toStored(row: ResourceRow): StoredResource {
  const stored: StoredResource = {
    id: row.id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
  if (row.links !== undefined) stored.links = parseLinks(row)
  return stored
}
