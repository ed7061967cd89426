// Pure: no I/O. ListResponse and the paging and sorting parameters of a query
// (RFC 7644 §3.4.2, §3.4.2.3 sorting, §3.4.2.4 pagination).
import { invalidValue } from './errors'
import { resolveAttributeName } from './schema/attribute-name'
import type { ResolvedAttribute, ResourceSchema } from './schema/types'
import { LIST_RESPONSE_MESSAGE } from './urns'

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_MESSAGE]
  totalResults: number
  startIndex: number
  itemsPerPage: number
  Resources: T[]
}

export interface ListResponseOptions {
  /** All matches across pages; defaults to the number of resources given. */
  totalResults?: number
  startIndex?: number
}

/**
 * §3.4.2: the three counters are JSON integers; `itemsPerPage` is the size of this page.
 * `Resources` is present even when empty (IDP-COMPAT: no match → `Resources: []`).
 */
export function listResponse<T>(
  resources: readonly T[],
  { totalResults = resources.length, startIndex = 1 }: ListResponseOptions = {},
): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_MESSAGE],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: [...resources],
  }
}

export interface Pagination {
  /** 1-based index of the first result. */
  startIndex: number
  /** Maximum number of resources on this page; 0 asks for `totalResults` only. */
  count: number
}

export interface PaginationOptions {
  /** ServiceProviderConfig `filter.maxResults`: the most a page may hold. */
  maxResults: number
  /** Page size when `count` is absent; defaults to maxResults. */
  defaultCount?: number
}

/** Query-string or SearchRequest values: integers, or strings holding one. */
function toInteger(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value)
  throw invalidValue(`${name} must be an integer`)
}

/** §3.4.2.4: startIndex < 1 is read as 1; a negative count as 0; count is capped at maxResults. */
export function parsePagination(
  query: { startIndex?: unknown; count?: unknown },
  { maxResults, defaultCount = maxResults }: PaginationOptions,
): Pagination {
  const startIndex = toInteger('startIndex', query.startIndex) ?? 1
  const count = toInteger('count', query.count) ?? defaultCount
  return {
    startIndex: Math.max(1, Math.min(startIndex, Number.MAX_SAFE_INTEGER)),
    count: Math.max(0, Math.min(count, maxResults)),
  }
}

export type SortOrder = 'ascending' | 'descending'

export interface Sort extends ResolvedAttribute {
  order: SortOrder
}

/**
 * §3.4.2.3. sortBy names a simple attribute; a complex one sorts by its `value` sub-attribute
 * (for multi-valued ones, the primary or first value). sortOrder defaults to ascending and is
 * read in any case. Names that resolve to nothing are invalidValue, not silently unsorted.
 */
export function parseSort(
  query: { sortBy?: unknown; sortOrder?: unknown },
  resource: ResourceSchema,
): Sort | undefined {
  const order = parseSortOrder(query.sortOrder)
  if (query.sortBy === undefined || query.sortBy === null || query.sortBy === '') return undefined
  if (typeof query.sortBy !== 'string') throw invalidValue('sortBy must be an attribute name')
  const selected = resolveAttributeName(resource, query.sortBy)
  if (selected?.kind !== 'attribute' || selected.attribute.returned === 'never') {
    throw invalidValue(`sortBy names no sortable attribute: ${query.sortBy}`)
  }
  const { kind: _, ...resolved } = selected
  if (resolved.subAttribute || resolved.attribute.type !== 'complex') return { ...resolved, order }
  const value = resolved.attribute.subAttributes?.find((s) => s.name === 'value')
  if (!value)
    throw invalidValue(`sortBy names a complex attribute without a value: ${query.sortBy}`)
  return { ...resolved, subAttribute: value, order }
}

function parseSortOrder(value: unknown): SortOrder {
  if (value === undefined || value === null || value === '') return 'ascending'
  const folded = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (folded === 'ascending' || folded === 'descending') return folded
  throw invalidValue('sortOrder must be "ascending" or "descending"')
}

/** Where one list of a concatenation starts (1-based, within that list) and how many it gives. */
export interface Slice {
  startIndex: number
  count: number
}

/**
 * §3.4.3 root search: one index page over the concatenation of several lists (Users, then
 * Groups) of known sizes. Each list gets the part of the window [startIndex, startIndex+count)
 * that falls on it; a list the window misses gets count 0.
 */
export function sliceConcatenation(
  totals: readonly number[],
  { startIndex, count }: Pagination,
): Slice[] {
  let skip = startIndex - 1
  let left = count
  return totals.map((total) => {
    const take = Math.max(0, Math.min(left, total - skip))
    const slice = { startIndex: Math.max(0, skip) + 1, count: take }
    skip = Math.max(0, skip - total)
    left -= take
    return slice
  })
}
