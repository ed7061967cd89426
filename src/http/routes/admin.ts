// /admin/v1: orgs (operator), org admin keys (operator), SCIM tokens and settings (operator or the
// org's own admin key). JSON in and out; errors as {"error":{status,message}}.
import { Hono, type Context } from 'hono'
import { adminAuth, canManageOrg, requireOperator } from '../../auth/admin'
import { orgWriterStub, unwrap, type WriteActor } from '../../do/client'
import type { CredentialKind } from '../../credentials'
import type { AppEnv } from '../../env'
import { database } from '../../repo/db'
import { GuardedReader } from '../../repo/guarded-reader'
import { selectOrg, selectOrgs, toOrg } from '../../repo/orgs'
import { selectEventsAfter } from '../../repo/events'
import { selectTokens, toTokenInfo } from '../../repo/tokens'
import { badRequest, forbidden, notFound } from '../../scim/errors'
import { DEFAULT_ROLE_SCHEMA } from '../../scim/urns'
import { changeRates } from '../../limits/ceilings'
import { DEFAULT_CEILINGS, DEFAULT_RATES } from '../../limits/token-bucket'
import { readAdminBody, readAdminQuery } from '../admin-body'
import { adminLimit } from '../admin-limit'
import {
  createOrgSchema,
  createTokenSchema,
  eventsQuerySchema,
  rotateTokenSchema,
  settingsPatchSchema,
} from './admin-schemas'

function actorFor(c: Context<AppEnv>): WriteActor {
  const caller = c.get('adminCaller')
  return caller.role === 'operator'
    ? { operator: true }
    : { tokenId: caller.tokenId, kind: 'admin' }
}

/**
 * Reads for an admin request: an org admin key's session (its revocation guard rides in the
 * first batch), or an unguarded reader for the operator (whose secret has no row to revoke).
 */
function reader(c: Context<AppEnv>): GuardedReader {
  if (c.get('adminCaller').role === 'org-admin') return c.get('session')
  return new GuardedReader(database(c.env.DB), { now: new Date().toISOString() })
}

/** The org in the path, after checking the caller may manage it (403 for another org's key). */
function managedOrgId(c: Context<AppEnv>): string {
  const orgId = c.req.param('orgId') ?? ''
  if (!canManageOrg(c.get('adminCaller'), orgId)) {
    throw forbidden('This admin key belongs to another organization.')
  }
  return orgId
}

async function loadOrg(c: Context<AppEnv>, orgId: string) {
  const db = reader(c)
  const [rows] = await db.read(selectOrg(db.db, orgId))
  if (rows.length === 0) throw notFound(`Org ${orgId} not found.`)
  return toOrg(rows[0])
}

/** Mints a SCIM token or an org admin key: the secret is in this answer and nowhere else. */
async function mint(c: Context<AppEnv>, kind: CredentialKind) {
  const orgId = managedOrgId(c)
  const body = await readAdminBody(c, createTokenSchema)
  const input = { kind, label: body.label, expiresAt: body.expiresAt ?? null }
  return c.json(
    await unwrap(orgWriterStub(c.env, orgId).createToken(orgId, actorFor(c), input)),
    201,
  )
}

export const adminRoutes = new Hono<AppEnv>()
  .use('*', adminAuth())
  .use('*', adminLimit())
  /** Who the key belongs to: the admin page starts here. */
  .get('/me', async (c) => {
    const caller = c.get('adminCaller')
    if (caller.role === 'operator') return c.json({ role: 'operator' })
    const org = await loadOrg(c, caller.orgId)
    return c.json({ role: 'org-admin', orgId: org.id, orgName: org.name })
  })
  .post('/orgs', requireOperator(), async (c) => {
    const body = await readAdminBody(c, createOrgSchema)
    const id = body.id ?? crypto.randomUUID()
    const defaults = {
      defaultTeamId: null,
      groupPolicy: 'full' as const,
      roleSchema: DEFAULT_ROLE_SCHEMA,
      roleValues: c.env.DEFAULT_ROLE_VALUES.split(',').map((v) => v.trim()),
      ...DEFAULT_RATES,
      ...DEFAULT_CEILINGS,
    }
    const rates = changeRates(defaults, body.settings ?? {}, 'operator')
    if (!rates.ok) throw badRequest(rates.detail)
    const settings = { ...defaults, ...body.settings, ...rates.rates }
    const org = await unwrap(orgWriterStub(c.env, id).createOrg({ id, name: body.name, settings }))
    return c.json(org, 201, { Location: `/admin/v1/orgs/${org.id}` })
  })
  .get('/orgs', requireOperator(), async (c) => {
    const db = reader(c)
    const [rows] = await db.read(selectOrgs(db.db))
    return c.json({ orgs: rows.map(toOrg) })
  })
  .get('/orgs/:orgId', async (c) => c.json(await loadOrg(c, managedOrgId(c))))
  .get('/orgs/:orgId/settings', async (c) => c.json((await loadOrg(c, managedOrgId(c))).settings))
  .patch('/orgs/:orgId/settings', async (c) => {
    const orgId = managedOrgId(c)
    const patch = await readAdminBody(c, settingsPatchSchema)
    const org = await unwrap(orgWriterStub(c.env, orgId).updateSettings(orgId, actorFor(c), patch))
    return c.json(org.settings)
  })
  .post('/orgs/:orgId/admin-keys', requireOperator(), (c) => mint(c, 'admin'))
  .get('/orgs/:orgId/admin-keys', requireOperator(), async (c) => {
    const db = reader(c)
    const [rows] = await db.read(selectTokens(db.db, managedOrgId(c), 'admin'))
    return c.json({ keys: rows.map(toTokenInfo) })
  })
  .delete('/orgs/:orgId/admin-keys/:keyId', requireOperator(), async (c) => {
    const orgId = managedOrgId(c)
    const input = { tokenId: c.req.param('keyId'), kind: 'admin' as const }
    return c.json(await unwrap(orgWriterStub(c.env, orgId).revokeToken(orgId, actorFor(c), input)))
  })
  /** The outbox as a feed: events after `after` (a seq), oldest first; follow `next` to catch up. */
  .get('/orgs/:orgId/events', async (c) => {
    const orgId = managedOrgId(c)
    const { after, limit } = readAdminQuery(c, eventsQuerySchema)
    const db = reader(c)
    const [rows] = await db.read(selectEventsAfter(db.db, orgId, after, limit))
    const events = rows.map(({ orgId: _org, data, ...e }) => ({ ...e, data: JSON.parse(data) }))
    const next = events.length > 0 ? events[events.length - 1].seq : after
    return c.json({ events, next })
  })
  .get('/orgs/:orgId/tokens', async (c) => {
    const orgId = managedOrgId(c)
    await loadOrg(c, orgId)
    const db = reader(c)
    const [rows] = await db.read(selectTokens(db.db, orgId, 'scim'))
    return c.json({ tokens: rows.map(toTokenInfo) })
  })
  .post('/orgs/:orgId/tokens', (c) => mint(c, 'scim'))
  .post('/orgs/:orgId/tokens/:tokenId/rotate', async (c) => {
    const orgId = managedOrgId(c)
    const body = await readAdminBody(c, rotateTokenSchema)
    const input = { tokenId: c.req.param('tokenId'), ...body }
    return c.json(
      await unwrap(orgWriterStub(c.env, orgId).rotateToken(orgId, actorFor(c), input)),
      201,
    )
  })
  .delete('/orgs/:orgId/tokens/:tokenId', async (c) => {
    const orgId = managedOrgId(c)
    const input = { tokenId: c.req.param('tokenId'), kind: 'scim' as const }
    return c.json(await unwrap(orgWriterStub(c.env, orgId).revokeToken(orgId, actorFor(c), input)))
  })
