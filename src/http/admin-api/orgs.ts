// Orgs and their settings: the operator creates and lists orgs; the operator or the org's own
// admin key reads it and changes its settings (rate ceilings stay the operator's, limits/ceilings).
import { unwrap, writerOf } from '../../do/client'
import { changeRates } from '../../limits/ceilings'
import { DEFAULT_CEILINGS, DEFAULT_RATES } from '../../limits/token-bucket'
import { everyOrg, placeOrg, unplaceOrg } from '../../placement/orgs'
import { badRequest } from '../../scim/errors'
import { DEFAULT_ROLE_SCHEMA } from '../../scim/urns'
import { actorFor, loadOrg } from './context'
import { route } from './define'
import { getCookie } from 'hono/cookie'
import { csrfTokenFor, SESSION_COOKIE } from '../../auth/console-session'
import {
  createOrgSchema,
  errorBody,
  meBody,
  orgBody,
  orgsBody,
  settingsPatchSchema,
  settingsSchema,
} from './schemas'

const refused = (description: string) => ({ description, schema: errorBody })

/** Event retention when an org does not say (days). */
const DEFAULT_RETENTION_DAYS = 30

export const orgRoutes = [
  route({
    method: 'get',
    path: '/me',
    summary: 'Who the key belongs to (the admin console starts here)',
    access: 'any',
    answers: {
      200: { description: 'The operator, or an org admin key and its org', schema: meBody },
    },
    async handle(c) {
      const caller = c.get('adminCaller')
      if (caller.role === 'operator') return c.json({ role: 'operator' })
      const org = await loadOrg(c, caller.orgId)
      const me = { role: 'org-admin', orgId: org.id, orgName: org.name, via: caller.via }
      if (caller.via === 'key') return c.json(me)
      const cookie = getCookie(c, SESSION_COOKIE) ?? ''
      return c.json({ ...me, csrfToken: await csrfTokenFor(cookie) })
    },
  }),
  route({
    method: 'post',
    path: '/orgs',
    summary: 'Create an org',
    access: 'operator',
    body: createOrgSchema,
    answers: {
      201: { description: 'The org', schema: orgBody },
      409: refused('An org with this id exists'),
    },
    async handle(c, { body }) {
      const id = body.id ?? crypto.randomUUID()
      const defaults = {
        defaultTeamId: null,
        groupPolicy: 'full' as const,
        profile: 'lenient' as const,
        roleSchema: DEFAULT_ROLE_SCHEMA,
        roleValues: c.env.DEFAULT_ROLE_VALUES.split(',').map((v) => v.trim()),
        ...DEFAULT_RATES,
        ...DEFAULT_CEILINGS,
        eventRetentionDays: DEFAULT_RETENTION_DAYS,
      }
      const rates = changeRates(defaults, body.settings ?? {}, 'operator')
      if (!rates.ok) throw badRequest(rates.detail)
      const settings = { ...defaults, ...body.settings, ...rates.rates }
      const placement = await placeOrg(c.env, id, body)
      const stub = await writerOf(c.env, id, placement)
      const org = await unwrap(stub.createOrg({ id, name: body.name, settings })).catch(
        (error: unknown) => unplaceOrg(c.env, id, error),
      )
      return c.json({ ...org, placement }, 201, { Location: `/admin/v1/orgs/${org.id}` })
    },
  }),
  route({
    method: 'get',
    path: '/orgs',
    summary: 'List every org',
    access: 'operator',
    answers: { 200: { description: 'The orgs, oldest first', schema: orgsBody } },
    async handle(c) {
      return c.json({ orgs: await everyOrg(c.env) })
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}',
    summary: 'An org and its settings',
    access: 'org',
    answers: { 200: { description: 'The org', schema: orgBody }, 404: refused('No such org') },
    handle: async (c, { params }) => c.json(await loadOrg(c, params.orgId)),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/settings',
    summary: "An org's settings",
    access: 'org',
    answers: { 200: { description: 'The settings', schema: settingsSchema } },
    handle: async (c, { params }) => c.json((await loadOrg(c, params.orgId)).settings),
  }),
  route({
    method: 'patch',
    path: '/orgs/{orgId}/settings',
    summary: "Change an org's settings",
    access: 'org',
    body: settingsPatchSchema,
    answers: {
      200: { description: 'The settings as they now are', schema: settingsSchema },
      403: refused('An org admin key may not raise a rate past its ceiling, nor set one'),
    },
    async handle(c, { params, body }) {
      const stub = await writerOf(c.env, params.orgId)
      const org = await unwrap(stub.updateSettings(params.orgId, actorFor(c), body))
      return c.json(org.settings)
    },
  }),
]
