// List parameters (RFC 7644 §3.4.2, §3.4.3; RFC 9865 cursor) from a query string or a
// SearchRequest body, resolved against the resource schema: filter parsed and validated,
// paging clamped, sort resolved, projection lists split.
import type { Context } from 'hono'
import { invalidValue } from '../scim/errors'
import { parseAndValidateFilter, type FilterNode } from '../scim/filter'
import { parsePagination, parseSort, type Sort } from '../scim/list'
import { parseAttributeList } from '../scim/resource'
import {
  parseRequest,
  rejectValueFilters,
  SEARCH_PARAMETERS,
  searchRequestSchema,
  type ResourceSchema,
} from '../scim/schema'

/** Advertised as filter.maxResults and pagination.maxPageSize. */
export const MAX_PAGE_SIZE = 1000
export const DEFAULT_PAGE_SIZE = 100

export interface Projection {
  attributes: string[]
  excludedAttributes: string[]
}

export interface ListParams extends Projection {
  filterText?: string
  sortBy?: string
  sortOrder?: string
  startIndex?: unknown
  count?: unknown
  /** Present (possibly '') when the client asked for cursor paging. */
  cursor?: string
}

export interface ResolvedList {
  filter?: FilterNode
  sort?: Sort
  startIndex: number
  count: number
}

/**
 * Query parameters by case-insensitive name; standard decoding, so `+` is a space (IDP-COMPAT:
 * values may be URL-encoded with + for space). Unknown parameters such as Entra's
 * `aadOptscim062020` are ignored.
 */
export function queryParams(c: Context): Map<string, string> {
  const params = new URL(c.req.url).searchParams
  const out = new Map<string, string>()
  for (const [key, value] of params) {
    const name = SEARCH_PARAMETERS.find((n) => n.toLowerCase() === key.toLowerCase())
    if (name && !out.has(name)) out.set(name, value)
  }
  return out
}

export function projectionFrom(params: Map<string, string>): Projection {
  return checkedProjection({
    attributes: parseAttributeList(params.get('attributes')),
    excludedAttributes: parseAttributeList(params.get('excludedAttributes')),
  })
}

function checkedProjection(projection: Projection): Projection {
  rejectValueFilters(projection.attributes, 'attributes')
  rejectValueFilters(projection.excludedAttributes, 'excludedAttributes')
  return projection
}

export function listParamsFromQuery(c: Context): ListParams {
  const params = queryParams(c)
  return {
    ...projectionFrom(params),
    filterText: params.get('filter'),
    sortBy: params.get('sortBy'),
    sortOrder: params.get('sortOrder'),
    startIndex: params.get('startIndex'),
    count: params.get('count'),
    cursor: params.get('cursor'),
  }
}

/** POST …/.search (RFC 7644 §3.4.3) carries the same parameters in a SearchRequest body. */
export function listParamsFromSearch(body: unknown): ListParams {
  const request = parseRequest(searchRequestSchema, body)
  const names = (v: string[] | undefined) => v ?? []
  return {
    ...checkedProjection({
      attributes: names(request.attributes),
      excludedAttributes: names(request.excludedAttributes),
    }),
    filterText: request.filter,
    sortBy: request.sortBy,
    sortOrder: request.sortOrder,
    startIndex: request.startIndex,
    count: request.count,
    cursor: request.cursor,
  }
}

export function resolveList(params: ListParams, schema: ResourceSchema): ResolvedList {
  if (
    params.cursor !== undefined &&
    params.startIndex !== undefined &&
    params.startIndex !== null
  ) {
    throw invalidValue('Use either startIndex or cursor paging, not both (RFC 9865 §2).')
  }
  const filterText = params.filterText?.trim()
  const paging = parsePagination(params, {
    maxResults: MAX_PAGE_SIZE,
    defaultCount: DEFAULT_PAGE_SIZE,
  })
  return {
    filter: filterText ? parseAndValidateFilter(filterText, schema) : undefined,
    sort: parseSort(params, schema),
    ...paging,
  }
}
