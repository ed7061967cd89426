// GET /Users, GET /Groups and their POST /.search (RFC 7644 §3.4.2, §3.4.3; RFC 9865).
import type { Context } from 'hono'
import { openCursor, sealCursor } from '../../credentials'
import type { AppEnv } from '../../env'
import { countResources, listQueries, type ListedRow, type ListedTable } from '../../repo/list'
import { toStored } from '../../repo/resources'
import {
  checkCursorMoves,
  cursorPayload,
  cursorPosition,
  queryFingerprint,
} from '../../scim/cursor'
import { listResponse } from '../../scim/list'
import { wantsLinks } from '../../scim/links'
import { groupResourceSchema, userSchemaFor } from '../../scim/schema'
import { listBookmarks } from '../list-bookmarks'
import { readWithOrgView } from '../org-view'
import { scimBaseUrl } from '../base-url'
import { listParamsFromQuery, listParamsFromSearch, resolveList, type ListParams } from '../query'
import { renderStored } from '../render'
import { scimJson } from '../respond'

const TABLE: Record<'User' | 'Group', ListedTable> = { User: 'users', Group: 'teams' }

export async function listResources(
  c: Context<AppEnv>,
  kind: 'User' | 'Group',
  searchBody?: unknown,
) {
  const session = c.get('session')
  const { db, caller } = session
  const params =
    searchBody === undefined ? listParamsFromQuery(c) : listParamsFromSearch(searchBody)
  // Groups do not depend on org settings; Users take the role extension from the org's view.
  const schema =
    kind === 'User' ? userSchemaFor((await readWithOrgView(c)).view) : groupResourceSchema()
  const list = resolveList(params, schema)
  const fingerprint = queryFingerprint([kind, params.filterText, params.sortBy, list.sort?.order])
  const cursorMode = params.cursor !== undefined
  const secret = c.env.ADMIN_API_KEY
  // RFC 9865 §2.1: an empty cursor asks for the first page.
  const cursor = !cursorMode
    ? undefined
    : params.cursor
      ? cursorPosition(await openCursor(secret, caller.orgId, params.cursor), fingerprint)
      : null
  const withLinks = wantsLinks(schema.name, params)
  // In cursor mode one extra row tells whether another page exists.
  const limit = cursorMode && list.count > 0 ? list.count + 1 : list.count
  const table = TABLE[kind]
  const offset = list.startIndex - 1
  const queries = listQueries(db, table, schema, caller.orgId, {
    ...list,
    count: limit,
    cursor,
    bookmark: cursorMode ? undefined : listBookmarks.before(caller.orgId, table, offset),
    withLinks,
  })
  await admitCostly(c, table, queries.cost)
  const { count: countQuery, page: pageQuery } = queries
  const [[{ total, removed }], rows] =
    list.count === 0
      ? [await session.read(countQuery).then(([r]) => r), [] as ListedRow[]]
      : await session.read(countQuery, pageQuery)
  if (cursor) checkCursorMoves(cursor, session.orgMoves)
  const page = rows.slice(0, list.count)
  const last = page[page.length - 1]
  if (removed !== undefined && !cursorMode && last) {
    // An unfiltered walk (http/list-bookmarks.ts): the next page can start after this one's last
    // row, and this page again (an IdP's retry) just before its first — seqs are integers, so
    // exactly `offset` rows have a seq below the first row's.
    const bookmarks = listBookmarks
    bookmarks.remember(caller.orgId, table, {
      position: offset + page.length,
      seq: last.seq,
      removed,
    })
    if (offset > 0)
      bookmarks.remember(caller.orgId, table, { position: offset, seq: page[0].seq - 1, removed })
  }
  const baseUrl = scimBaseUrl(c)
  const resources = page.map((row) => renderStored(toStored(row), schema, baseUrl, params))
  if (!cursorMode)
    return scimJson(
      c,
      listResponse(resources, { totalResults: total, startIndex: list.startIndex }),
    )
  const { startIndex: _none, ...body } = listResponse(resources, { totalResults: total })
  const nextCursor =
    rows.length > list.count && last
      ? await sealCursor(
          secret,
          caller.orgId,
          cursorPayload(
            { key: last.sortKey, seq: last.seq, moves: session.orgMoves ?? 0 },
            fingerprint,
          ),
        )
      : undefined
  return scimJson(c, nextCursor ? { ...body, nextCursor } : body)
}

/**
 * A costly search (http/read-limit.ts) is priced by the resources it examines before it runs: one
 * index-only count, paid only by searches that scan.
 */
export async function admitCostly(c: Context<AppEnv>, table: ListedTable, cost: number) {
  const gate = c.get('readGate')
  if (!gate.isCostly(cost)) return
  const session = c.get('session')
  const [[{ total }]] = await session.read(countResources(session.db, table, session.caller.orgId))
  gate.admit(cost, total)
}

export type { ListParams }
