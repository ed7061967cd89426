// /Users and /Groups (RFC 7644 §3.3–§3.6, §3.4.3): one route table for both resource types.
// Reads go straight to D1 in one batch with the token guard; writes go to the org's writer.
import { Hono, type Context } from 'hono'
import { orgWriterStub, unwrap } from '../../do/client'
import type { OrgWriter } from '../../do/org-writer'
import type { AppEnv } from '../../env'
import type { StoredResource } from '../../repo/resources'
import { toStored } from '../../repo/resources'
import { selectTeam } from '../../repo/teams'
import { selectUser } from '../../repo/users'
import { notFound, ScimError } from '../../scim/errors'
import { etagMatches, parseIfMatch } from '../../scim/etag'
import { normalizePatchRequest } from '../../scim/patch'
import { scimBaseUrl } from '../base-url'
import { readWithOrgView, schemaOf } from '../org-view'
import { readJsonBody } from '../body'
import { methodNotAllowedHandler } from '../errors'
import { projectionFrom, queryParams, type Projection } from '../query'
import { etagOf, renderStored, wantsLinks } from '../render'
import { scimJson } from '../respond'
import { listResources } from './list'

type Kind = 'User' | 'Group'
type WriteValue = { resource: StoredResource; roleSchema: string; roleValues: string[] }

async function getOne(c: Context<AppEnv>, kind: Kind) {
  const { db, caller } = c.get('session')
  const id = c.req.param('id') ?? ''
  const projection = projectionFrom(queryParams(c))
  const withLinks = wantsLinks(kind, projection)
  const select =
    kind === 'User'
      ? selectUser(db, caller.orgId, id, withLinks)
      : selectTeam(db, caller.orgId, id, withLinks)
  const { view, rows } = await readWithOrgView(c, select)
  if (!rows || rows.length === 0) throw notFound(`${kind} ${id} not found.`)
  const stored = toStored(rows[0])
  const condition = parseIfMatch(c.req.header('If-None-Match'))
  if (condition && etagMatches(condition, stored.version)) {
    return new Response(null, { status: 304, headers: { ETag: etagOf(stored) } })
  }
  return scimJson(c, renderStored(stored, schemaOf(kind, view), scimBaseUrl(c), projection), 200, {
    ETag: etagOf(stored),
  })
}

/** Answers a write with the resource (201 + Location on create), rendered as the org sees it. */
function answer(
  c: Context<AppEnv>,
  kind: Kind,
  value: WriteValue,
  status: number,
  projection: Projection,
) {
  const schema = schemaOf(kind, value)
  const body = renderStored(value.resource, schema, scimBaseUrl(c), projection)
  const headers: Record<string, string> = { ETag: etagOf(value.resource) }
  if (status === 201) headers.Location = (body.meta as { location: string }).location
  return scimJson(c, body, status, headers)
}

function writer(c: Context<AppEnv>) {
  const session = c.get('session')
  const stub = orgWriterStub(c.env, session.caller.orgId)
  const actor = { tokenId: session.caller.tokenId, kind: session.caller.kind }
  return {
    orgId: session.caller.orgId,
    actor,
    stub,
    /** The writer re-checked the token in its own batch. */
    async run<T>(call: (stub: DurableObjectStub<OrgWriter>) => Promise<any>): Promise<T> {
      const io = c.get('io')
      const result = await call(stub).catch((error: unknown) => {
        // The writer was reset or unreachable mid-call (deploy, eviction): the outcome is unknown,
        // so the IdP must retry; 503 + Retry-After says so (IDP-COMPAT: Okta honours it).
        console.error(JSON.stringify({ msg: 'org writer unavailable', error: String(error) }))
        throw new ScimError(503, 'The write could not be confirmed; retry it.', undefined, 1)
      })
      io.do++
      io.doD1 += result.trips ?? 0
      const value = (await unwrap(result)) as T
      session.markVerified()
      return value
    },
  }
}

export function resourceRoutes(kind: Kind) {
  const ifMatch = (c: Context) => c.req.header('If-Match')
  return new Hono<AppEnv>()
    .get('/', (c) => listResources(c, kind))
    .post('/', async (c) => {
      const body = await readJsonBody(c)
      const w = writer(c)
      const value = await w.run<WriteValue>((s) =>
        kind === 'User'
          ? s.createUser(w.orgId, w.actor, body)
          : s.createGroup(w.orgId, w.actor, body),
      )
      return answer(c, kind, value, 201, projectionFrom(queryParams(c)))
    })
    .post('/.search', async (c) => listResources(c, kind, await readJsonBody(c)))
    .all('/.search', methodNotAllowedHandler(['POST']))
    .get('/:id', (c) => getOne(c, kind))
    .put('/:id', async (c) => {
      const body = await readJsonBody(c)
      const w = writer(c)
      const id = c.req.param('id')
      const value = await w.run<WriteValue>((s) =>
        kind === 'User'
          ? s.replaceUser(w.orgId, w.actor, id, body, ifMatch(c))
          : s.replaceGroup(w.orgId, w.actor, id, body, ifMatch(c)),
      )
      return answer(c, kind, value, 200, projectionFrom(queryParams(c)))
    })
    .patch('/:id', async (c) => {
      const ops = normalizePatchRequest(await readJsonBody(c))
      const w = writer(c)
      const id = c.req.param('id')
      const value = await w.run<WriteValue>((s) =>
        kind === 'User'
          ? s.patchUser(w.orgId, w.actor, id, ops, ifMatch(c))
          : s.patchGroup(w.orgId, w.actor, id, ops, ifMatch(c)),
      )
      const projection = projectionFrom(queryParams(c))
      if (kind === 'User') return answer(c, kind, value, 200, projection)
      // Groups: 204, never the member list; 200 with the group (without members) on request.
      const asked = projection.attributes.length > 0 || projection.excludedAttributes.length > 0
      if (!asked)
        return new Response(null, { status: 204, headers: { ETag: etagOf(value.resource) } })
      const withoutMembers = { ...value, resource: { ...value.resource, links: undefined } }
      return answer(c, kind, withoutMembers, 200, projection)
    })
    .delete('/:id', async (c) => {
      const w = writer(c)
      const id = c.req.param('id')
      await w.run((s) =>
        kind === 'User'
          ? s.deleteUser(w.orgId, w.actor, id, ifMatch(c))
          : s.deleteGroup(w.orgId, w.actor, id, ifMatch(c)),
      )
      return new Response(null, { status: 204 })
    })
    .all('/', methodNotAllowedHandler(['GET', 'POST']))
    .all('/:id', methodNotAllowedHandler(['GET', 'PUT', 'PATCH', 'DELETE']))
}
