// /Users and /Groups (RFC 7644 §3.3–§3.6, §3.4.3): one route table for both resource types, with
// what differs per type in KINDS. Reads go straight to D1 in one batch with the token guard;
// writes are validated here (an invalid body never costs a Durable Object round trip) and go to
// the org's writer, which re-reads the body against the org's authoritative settings.
import { Hono, type Context } from 'hono'
import type { OrgView } from '../../credentials'
import {
  orgWriterStub,
  type OrgWriterStub,
  type ResourceWritten,
  type RpcResult,
  unwrap,
  type WriteActor,
  writerOf,
} from '../../do/client'
import type { AppEnv } from '../../env'
import type { Read } from '../../repo/claims'
import { addRows, type Db } from '../../repo/db'
import { toStored, type ResourceRow } from '../../repo/resources'
import { selectTeam } from '../../repo/teams'
import { selectUser } from '../../repo/users'
import { notFound, ScimError } from '../../scim/errors'
import { etagMatches, parseIfMatch } from '../../scim/etag'
import { groupInput, userInput } from '../../scim/input'
import { wantsLinks } from '../../scim/links'
import { normalizePatchRequest, type PatchOperation } from '../../scim/patch'
import { resourceSchemaFor, groupResourceSchema, userSchemaFor } from '../../scim/schema'
import { scimBaseUrl } from '../base-url'
import { readJsonBody } from '../body'
import { methodNotAllowedHandler } from '../errors'
import { readWithOrgView } from '../org-view'
import { projectionFrom, queryParams, type Projection } from '../query'
import { etagOf, renderStored } from '../render'
import { scimJson } from '../respond'
import { respondAsync, wantsAsync } from '../async'
import { listResources } from './list'

type Kind = 'User' | 'Group'
type Written = Promise<RpcResult<ResourceWritten>>
type Target = { orgId: string; actor: WriteActor }

/** What differs between /Users and /Groups. */
interface KindRoutes {
  select(db: Db, orgId: string, id: string, withLinks: boolean): Read<ResourceRow[]>
  /** The early refusal of an invalid body; `view` is the org's settings as the token knows them. */
  check(body: unknown, view: OrgView | undefined): void
  create(s: OrgWriterStub, t: Target, body: unknown): Written
  replace(s: OrgWriterStub, t: Target, id: string, body: unknown, ifMatch?: string): Written
  patch(s: OrgWriterStub, t: Target, id: string, ops: PatchOperation[], ifMatch?: string): Written
  remove(s: OrgWriterStub, t: Target, id: string, ifMatch?: string): Promise<RpcResult<unknown>>
  /** PATCH answers: Users 200 + the resource; Groups 204 (never the member list). */
  patchAnswer: 'resource' | 'noContent'
}

const KINDS: Record<Kind, KindRoutes> = {
  User: {
    select: selectUser,
    // Without the view (older token records) the writer's own check is the only one.
    check: (body, view) => view && userInput(body, userSchemaFor(view)),
    create: (s, t, body) => s.createUser(t.orgId, t.actor, body),
    replace: (s, t, id, body, ifMatch) => s.replaceUser(t.orgId, t.actor, id, body, ifMatch),
    patch: (s, t, id, ops, ifMatch) => s.patchUser(t.orgId, t.actor, id, ops, ifMatch),
    remove: (s, t, id, ifMatch) => s.deleteUser(t.orgId, t.actor, id, ifMatch),
    patchAnswer: 'resource',
  },
  Group: {
    select: selectTeam,
    check: (body, view) => groupInput(body, groupResourceSchema(view)),
    create: (s, t, body) => s.createGroup(t.orgId, t.actor, body),
    replace: (s, t, id, body, ifMatch) => s.replaceGroup(t.orgId, t.actor, id, body, ifMatch),
    patch: (s, t, id, ops, ifMatch) => s.patchGroup(t.orgId, t.actor, id, ops, ifMatch),
    remove: (s, t, id, ifMatch) => s.deleteGroup(t.orgId, t.actor, id, ifMatch),
    patchAnswer: 'noContent',
  },
}

async function getOne(c: Context<AppEnv>, kind: Kind) {
  const { db, caller } = c.get('session')
  const id = c.req.param('id') ?? ''
  const projection = projectionFrom(queryParams(c))
  const select = KINDS[kind].select(db, caller.orgId, id, wantsLinks(kind, projection))
  const { view, rows } = await readWithOrgView(c, select)
  if (!rows || rows.length === 0) throw notFound(`${kind} ${id} not found.`)
  const stored = toStored(rows[0])
  const condition = parseIfMatch(c.req.header('If-None-Match'))
  if (condition && etagMatches(condition, stored.version)) {
    return new Response(null, { status: 304, headers: { ETag: etagOf(stored) } })
  }
  const schema = resourceSchemaFor(kind, view)
  return scimJson(c, renderStored(stored, schema, scimBaseUrl(c), projection), 200, {
    ETag: etagOf(stored),
  })
}

/** Answers a write with the resource (201 + Location on create), rendered as the org sees it. */
function answer(
  c: Context<AppEnv>,
  kind: Kind,
  value: ResourceWritten,
  status: number,
  projection: Projection,
) {
  const body = renderStored(
    value.resource,
    resourceSchemaFor(kind, value),
    scimBaseUrl(c),
    projection,
  )
  const headers: Record<string, string> = { ETag: etagOf(value.resource) }
  if (status === 201) headers.Location = (body.meta as { location: string }).location
  return scimJson(c, body, status, headers)
}

/**
 * Calls the org's writer for the request's caller. The writer re-checks the credential in its
 * own first read batch, so a successful call verifies the request's session too.
 */
async function callWriter<T>(
  c: Context<AppEnv>,
  call: (stub: OrgWriterStub, target: Target) => Promise<RpcResult<T>>,
): Promise<T> {
  const session = c.get('session')
  const { orgId, tokenId, kind } = session.caller
  const result = await call(await writerOf(c.env, orgId, session.caller.placement), {
    orgId,
    actor: { tokenId, kind },
  }).catch((error: unknown) => {
    // The writer was reset or unreachable mid-call (deploy, eviction): the outcome is unknown,
    // so the IdP must retry; 503 + Retry-After says so (IDP-COMPAT: Okta honours it).
    console.error(JSON.stringify({ msg: 'org writer unavailable', error: String(error) }))
    throw new ScimError(503, 'The write could not be confirmed; retry it.', undefined, 1)
  })
  const io = c.get('io')
  io.do++
  io.doD1 += result.trips ?? 0
  if (result.rows) addRows(io.rows, result.rows)
  const value = await unwrap(result)
  session.markVerified()
  return value
}

/** The Worker's early refusal of an invalid body, as the single routes do it (http/routes/bulk.ts). */
export function checkResourceBody(kind: Kind, body: unknown, view: OrgView | undefined): void {
  KINDS[kind].check(body, view)
}

/** Reads the body and refuses it here when it is invalid on its face. */
async function checkedBody(c: Context<AppEnv>, kind: Kind): Promise<unknown> {
  const body = await readJsonBody(c)
  KINDS[kind].check(body, c.get('caller').view)
  return body
}

export function resourceRoutes(kind: Kind) {
  const routes = KINDS[kind]
  const ifMatch = (c: Context) => c.req.header('If-Match')
  return new Hono<AppEnv>()
    .get('/', (c) => listResources(c, kind))
    .post('/', async (c) => {
      const body = await checkedBody(c, kind)
      const value = await callWriter(c, (s, t) => routes.create(s, t, body))
      return answer(c, kind, value, 201, projectionFrom(queryParams(c)))
    })
    .post('/.search', async (c) => listResources(c, kind, await readJsonBody(c)))
    .all('/.search', methodNotAllowedHandler(['POST']))
    .get('/:id', (c) => getOne(c, kind))
    .put('/:id', async (c) => {
      const body = await checkedBody(c, kind)
      const id = c.req.param('id')
      const value = await callWriter(c, (s, t) => routes.replace(s, t, id, body, ifMatch(c)))
      return answer(c, kind, value, 200, projectionFrom(queryParams(c)))
    })
    .patch('/:id', async (c) => {
      const ops = normalizePatchRequest(await readJsonBody(c))
      const id = c.req.param('id')
      // A group PATCH may be asynchronous (membership pushes can be large): 202 + Set-Txn.
      if (kind === 'Group' && wantsAsync(c)) {
        return respondAsync(c, 'PATCH', `/Groups/${id}`, async () => {
          const value = await callWriter(c, (s, t) => routes.patch(s, t, id, ops, ifMatch(c)))
          return new Response(null, { status: 204, headers: { ETag: etagOf(value.resource) } })
        })
      }
      const value = await callWriter(c, (s, t) => routes.patch(s, t, id, ops, ifMatch(c)))
      const projection = projectionFrom(queryParams(c))
      if (routes.patchAnswer === 'resource') return answer(c, kind, value, 200, projection)
      // Groups: 204, never the member list; 200 with the group (without members) on request.
      const asked = projection.attributes.length > 0 || projection.excludedAttributes.length > 0
      if (!asked)
        return new Response(null, { status: 204, headers: { ETag: etagOf(value.resource) } })
      const withoutMembers = { ...value, resource: { ...value.resource, links: undefined } }
      return answer(c, kind, withoutMembers, 200, projection)
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id')
      await callWriter(c, (s, t) => routes.remove(s, t, id, ifMatch(c)))
      return new Response(null, { status: 204 })
    })
    .all('/', methodNotAllowedHandler(['GET', 'POST']))
    .all('/:id', methodNotAllowedHandler(['GET', 'PUT', 'PATCH', 'DELETE']))
}
