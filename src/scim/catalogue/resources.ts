// Pure: no I/O. The catalogues as SCIM resources, the way Okta Identity Governance reads them:
// `Role` at /Roles (schema urn:okta:scim:schemas:core:1.0:Role: id, displayName, description) and
// each entitlement type at /<type> (…:Entitlement: id, displayName, type, description). Read-only
// lists with index paging (RFC 7644 §3.4.2.4) and the two filters Okta sends, `id eq` and
// `displayName eq` (joined by and/or); Okta's submission test pages with count=1&startIndex=1.
import { invalidFilter } from '../errors'
import { parseFilter, type FilterNode } from '../filter'
import { listResponse, type ListResponse, type Pagination } from '../list'
import { foldCase } from '../text'
import { OKTA_ENTITLEMENT_SCHEMA, OKTA_ROLE_SCHEMA } from '../urns'
import type { CatalogueEntry } from './types'

/** A catalogue endpoint: /Roles, or an entitlement type's. */
export interface CatalogueEndpoint {
  /** Resource type name: `Role`, or the entitlement type. */
  resourceType: string
  /** Path under the SCIM base: `/Roles`, `/<type>`. */
  endpoint: string
  schema: typeof OKTA_ROLE_SCHEMA | typeof OKTA_ENTITLEMENT_SCHEMA
  /** The entitlement type (the `type` attribute); absent for roles. */
  type?: string
  entries: readonly CatalogueEntry[]
}

export const rolesEndpoint = (entries: readonly CatalogueEntry[]): CatalogueEndpoint => ({
  resourceType: 'Role',
  endpoint: '/Roles',
  schema: OKTA_ROLE_SCHEMA,
  entries,
})

export const entitlementEndpoint = (
  type: string,
  entries: readonly CatalogueEntry[],
): CatalogueEndpoint => ({
  resourceType: type,
  endpoint: `/${type}`,
  schema: OKTA_ENTITLEMENT_SCHEMA,
  type,
  entries,
})

const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, '')

/** One catalogue entry as its resource; `id` is the value a user's grant holds. */
export function catalogueResource(
  at: CatalogueEndpoint,
  entry: CatalogueEntry,
  baseUrl: string,
): Record<string, unknown> {
  return {
    schemas: [at.schema],
    id: entry.value,
    displayName: entry.displayName,
    ...(at.type !== undefined ? { type: at.type } : {}),
    ...(entry.description !== null ? { description: entry.description } : {}),
    meta: {
      resourceType: at.resourceType,
      location: `${trimBase(baseUrl)}${at.endpoint}/${encodeURIComponent(entry.value)}`,
    },
  }
}

/** The entry with this id (ids are values, compared exactly: RFC 7643 §3.1 `id` is caseExact). */
export const findCatalogueEntry = (at: CatalogueEndpoint, id: string) =>
  at.entries.find((e) => e.value === id)

/** A page of the catalogue, filtered; the catalogue's own order (as the admin wrote it). */
export function catalogueList(
  at: CatalogueEndpoint,
  filter: string | undefined,
  { startIndex, count }: Pagination,
  baseUrl: string,
): ListResponse<Record<string, unknown>> {
  const match = filter ? catalogueFilter(filter, at) : () => true
  const matching = at.entries.filter(match)
  const page = matching.slice(startIndex - 1, startIndex - 1 + count)
  return listResponse(
    page.map((e) => catalogueResource(at, e, baseUrl)),
    { totalResults: matching.length, startIndex },
  )
}

/** `id eq "…"` (exact) and `displayName eq "…"` (without regard to case), with and / or. */
function catalogueFilter(text: string, at: CatalogueEndpoint): (e: CatalogueEntry) => boolean {
  const compile = (node: FilterNode): ((e: CatalogueEntry) => boolean) => {
    switch (node.kind) {
      case 'and': {
        const [l, r] = [compile(node.left), compile(node.right)]
        return (e) => l(e) && r(e)
      }
      case 'or': {
        const [l, r] = [compile(node.left), compile(node.right)]
        return (e) => l(e) || r(e)
      }
      case 'compare': {
        const { path, op, value } = node
        const uriOk = path.uri === undefined || foldCase(path.uri) === foldCase(at.schema)
        const attr = foldCase(path.attr)
        if (op === 'eq' && uriOk && !path.sub && typeof value === 'string') {
          if (attr === 'id') return (e) => e.value === value
          if (attr === 'displayname') return (e) => foldCase(e.displayName) === foldCase(value)
        }
        break
      }
      default:
        break
    }
    throw invalidFilter(
      `${at.endpoint} supports the filters id eq "…" and displayName eq "…" (joined by and / or).`,
    )
  }
  return compile(parseFilter(text))
}
