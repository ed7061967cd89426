// Provisioning activity (the org's Durable Object keeps it: http/activity.ts, do/activity.ts) for
// the operator and the org's admin key: entries newest first, and per token "is it working?".
import { writerOf } from '../../do/client'
import { z } from 'zod'
import { afterSeq, nextCursor } from '../../directory/cursor'
import type { AppEnv } from '../../env'
import { selectTokens } from '../../repo/tokens'
import type { Context } from 'hono'
import { loadOrg, reader } from './context'
import { route } from './define'
import { errorBody } from './schemas'

export const activityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().min(1).max(400).optional(),
  kind: z.enum(['write', 'error']).optional(),
})

const timestamp = z.iso.datetime({ offset: true })

const activityEntry = z
  .object({
    id: z.number().int(),
    at: timestamp,
    kind: z.enum(['write', 'error']),
    idp: z
      .string()
      .describe('okta, entra, google, onelogin, jumpcloud, pingone, rippling or other'),
    tokenId: z.string(),
    tokenLabel: z.string().nullable(),
    operation: z.string().describe('Method and route, e.g. `PATCH /Users/{id}`.'),
    resourceType: z.enum(['User', 'Group']).nullable(),
    resourceId: z.string().nullable(),
    status: z.number().int(),
    scimType: z.string().nullable(),
    durationMs: z.number().int(),
    requestId: z.string(),
  })
  .meta({ id: 'ActivityEntry' })

const activityPage = z
  .object({
    data: z.array(activityEntry),
    next: z.string().nullable().describe('Pass as `after` for older entries; null at the end.'),
  })
  .meta({ id: 'ActivityPage' })

const activitySummary = z
  .object({
    tokens: z.array(
      z.object({
        tokenId: z.string(),
        tokenLabel: z.string().nullable(),
        lastRequestAt: timestamp.nullable(),
        lastIdp: z.string().nullable(),
        requests24h: z.number().int(),
        errors24h: z.number().int(),
      }),
    ),
    reads: z
      .array(
        z.object({
          minute: z.string(),
          tokenId: z.string(),
          idp: z.string(),
          count: z.number().int(),
        }),
      )
      .describe('Successful reads per minute and token over the last hour.'),
  })
  .meta({ id: 'ActivitySummary' })

/** The org's SCIM tokens: labels for the entries, and which are live. */
async function tokensOf(c: Context<AppEnv>, orgId: string) {
  const db = reader(c, orgId)
  const [rows] = await db.read(selectTokens(db.db, orgId, 'scim'))
  const now = new Date().toISOString()
  return {
    names: new Map(rows.map((t) => [t.id, t.label])),
    live: rows.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now)).map((t) => t.id),
  }
}

const missing = { description: 'No such org', schema: errorBody }

export const activityRoutes = [
  route({
    method: 'get',
    path: '/orgs/{orgId}/activity',
    summary: 'Provisioning activity: every SCIM write and error, newest first',
    access: 'org',
    query: activityQuery,
    answers: { 200: { description: 'A page of entries', schema: activityPage }, 404: missing },
    async handle(c, { params, query }) {
      const { orgId } = params
      await loadOrg(c, orgId)
      const before = query.after
        ? await afterSeq(c.env.ADMIN_API_KEY, orgId, query.after)
        : undefined
      const stub = await writerOf(c.env, orgId)
      const [rows, { names }] = await Promise.all([
        stub.activityPage(before, query.limit + 1, query.kind),
        tokensOf(c, orgId),
      ])
      const shown = rows.slice(0, query.limit)
      const last = shown.at(-1)
      return c.json({
        data: shown.map((e) => ({ ...e, tokenLabel: names.get(e.tokenId) ?? null })),
        next:
          rows.length > query.limit && last
            ? await nextCursor(c.env.ADMIN_API_KEY, orgId, last.id)
            : null,
      })
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/activity/summary',
    summary: 'Per SCIM token: last request, requests and errors in 24 h; reads per minute',
    access: 'org',
    answers: { 200: { description: 'The summary', schema: activitySummary }, 404: missing },
    async handle(c, { params }) {
      const { orgId } = params
      await loadOrg(c, orgId)
      const [summary, { names, live }] = await Promise.all([
        (await writerOf(c.env, orgId)).activitySummary(),
        tokensOf(c, orgId),
      ])
      // Every live token appears, even one that never called.
      const tokens = new Map(summary.tokens.map((t) => [t.tokenId, t]))
      for (const id of live) {
        if (!tokens.has(id)) {
          tokens.set(id, {
            tokenId: id,
            lastRequestAt: null,
            lastIdp: null,
            requests24h: 0,
            errors24h: 0,
          })
        }
      }
      return c.json({
        tokens: [...tokens.values()].map((t) => ({
          ...t,
          tokenLabel: names.get(t.tokenId) ?? null,
        })),
        reads: summary.reads,
      })
    },
  }),
]
