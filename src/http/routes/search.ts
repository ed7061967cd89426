// POST /.search at the service root (RFC 7644 §3.4.3): Users then Groups, one ListResponse.
// A filter is applied to each resource type it is valid for (an attribute only Users have
// selects no Groups); index paging runs over the concatenation. Cursors are per resource type.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { listQueries } from '../../repo/list'
import { toStored } from '../../repo/resources'
import { invalidValue, ScimError } from '../../scim/errors'
import { wantsLinks } from '../../scim/links'
import { listResponse, sliceConcatenation } from '../../scim/list'
import { groupResourceSchema, userSchemaFor, type ResourceSchema } from '../../scim/schema'
import { readWithOrgView } from '../org-view'
import { admitCostly } from './list'
import { scimBaseUrl } from '../base-url'
import { readJsonBody } from '../body'
import { methodNotAllowedHandler } from '../errors'
import { listParamsFromSearch, resolveList, type ListParams, type ResolvedList } from '../query'
import { renderStored } from '../render'
import { scimJson } from '../respond'

async function searchAll(c: Context<AppEnv>) {
  const params = listParamsFromSearch(await readJsonBody(c))
  if (params.cursor !== undefined) {
    throw invalidValue('Cursor paging is per resource type: use /Users/.search or /Groups/.search.')
  }
  const session = c.get('session')
  const { db, caller } = session
  const { view } = await readWithOrgView(c)
  const errors: ScimError[] = []
  const types = [
    { table: 'users' as const, schema: userSchemaFor(view) },
    { table: 'teams' as const, schema: groupResourceSchema() },
  ].flatMap((t) => {
    const list = resolveFor(params, t.schema, errors)
    return list ? [{ ...t, list }] : []
  })
  if (types.length === 0) throw errors[0]
  const { startIndex } = types[0].list
  const countQueries = types.map((t) =>
    listQueries(db, t.table, t.schema, caller.orgId, { ...t.list, count: 0, withLinks: false }),
  )
  for (const [i, t] of types.entries()) await admitCostly(c, t.table, countQueries[i].cost)
  const counts = await session.read(...countQueries.map((q) => q.count))
  const totals = counts.map((rows) => rows[0].total)
  const slices = sliceConcatenation(totals, types[0].list)
  const pages = types.map((t, i) => ({
    ...t,
    take: slices[i].count,
    query: { ...t.list, ...slices[i], withLinks: wantsLinks(t.schema.name, params) },
  }))
  const wanted = pages.filter((p) => p.take > 0)
  const results =
    wanted.length === 0
      ? []
      : await session.read(
          ...wanted.map((p) => listQueries(db, p.table, p.schema, caller.orgId, p.query).page),
        )
  const baseUrl = scimBaseUrl(c)
  const resources = wanted.flatMap((p, i) =>
    results[i].map((row) => renderStored(toStored(row), p.schema, baseUrl, params)),
  )
  return scimJson(
    c,
    listResponse(resources, { totalResults: totals.reduce((a, b) => a + b, 0), startIndex }),
  )
}

/** The list for one type, or undefined (error kept) when the filter does not fit that type. */
function resolveFor(
  params: ListParams,
  schema: ResourceSchema,
  errors: ScimError[],
): ResolvedList | undefined {
  try {
    return resolveList(params, schema)
  } catch (error) {
    if (!(error instanceof ScimError) || error.scimType !== 'invalidFilter') throw error
    errors.push(error)
    return undefined
  }
}

export const searchRoutes = new Hono<AppEnv>()
  .post('/.search', searchAll)
  .all('/.search', methodNotAllowedHandler(['POST']))
