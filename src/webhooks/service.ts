// The operator's webhook operations (`/admin/v1/webhooks`): endpoints, their secrets, their
// delivery log. Endpoints belong to the deployment, not to an org, so their rows are written here
// directly (there is no org writer to serialize them through); the delivery consumer writes only
// an endpoint's health columns, with statements that cannot undo an admin change.
import { openCursor, sealCursor, sealWebhookSecret } from '../credentials'
import type { Bindings } from '../env'
import { webhookUrlProblem } from '../model/webhook-policy'
import { toWebhook, type Delivery, type Webhook } from '../model/webhooks'
import type { Write } from '../repo/claims'
import { commit } from '../repo/db'
import type { GuardedReader } from '../repo/guarded-reader'
import { selectPlacedOrgIds } from '../repo/placements'
import {
  restartDelivery,
  selectDeliveriesPage,
  type NewDeliveryRow,
} from '../repo/webhook-deliveries'
import {
  countWebhooks,
  deleteWebhook as deleteWebhookRow,
  insertWebhook,
  selectWebhook,
  selectWebhooks,
  updateWebhook as updateWebhookRow,
  type WebhookChanges,
  type WebhookRow,
} from '../repo/webhooks'
import { badRequest, conflict, notFound, unavailable } from '../scim/errors'
import { webhookConfig } from './config'
import { enqueueDeliveries } from './enqueue'
import { sendEndpointEvent } from './endpoint-events'
import {
  MAX_WEBHOOKS,
  type CreateWebhook,
  type DeliveriesQuery,
  type UpdateWebhook,
} from './inputs'
import { mintWebhookSecret } from './signature'

/** How the admin API reaches storage for the operator: its reader counts the round trips. */
export interface WebhookContext {
  env: Bindings
  reader: GuardedReader
}

async function write(ctx: WebhookContext, writes: Write[]) {
  await commit(ctx.reader.db, writes)
  ctx.reader.trips++
}

function secretsKey(env: Bindings): string {
  if (!env.WEBHOOK_SECRETS_KEY) {
    throw unavailable(
      'Webhooks need the WEBHOOK_SECRETS_KEY secret (it seals signing secrets at rest): `wrangler secret put WEBHOOK_SECRETS_KEY`.',
    )
  }
  return env.WEBHOOK_SECRETS_KEY
}

async function checkTargets(ctx: WebhookContext, url?: string, orgs?: string[] | null) {
  if (url !== undefined) {
    const problem = webhookUrlProblem(url, webhookConfig(ctx.env).allowLocal)
    if (problem) throw badRequest(`Invalid url: ${problem}.`)
  }
  if (orgs) {
    const [found] = await ctx.reader.read(selectPlacedOrgIds(ctx.reader.db, orgs))
    const known = new Set(found.map((o) => o.id))
    const unknown = orgs.filter((id) => !known.has(id))
    if (unknown.length > 0) throw badRequest(`Unknown orgs: ${unknown.join(', ')}.`)
  }
}

async function loadRow(ctx: WebhookContext, id: string): Promise<WebhookRow> {
  const [rows] = await ctx.reader.read(selectWebhook(ctx.reader.db, id))
  if (rows.length === 0) throw notFound(`Webhook ${id} not found.`)
  return rows[0]
}

const json = (list: readonly string[] | null | undefined) =>
  list === undefined ? undefined : list === null ? null : JSON.stringify(list)

export async function createWebhook(ctx: WebhookContext, input: CreateWebhook) {
  const key = secretsKey(ctx.env)
  await checkTargets(ctx, input.url, input.orgs)
  const [[{ n }]] = await ctx.reader.read(countWebhooks(ctx.reader.db))
  if (n >= MAX_WEBHOOKS) throw conflict(`A deployment has at most ${MAX_WEBHOOKS} webhooks.`)
  const id = crypto.randomUUID()
  const secret = mintWebhookSecret()
  const now = new Date().toISOString()
  const row: WebhookRow = {
    id,
    url: input.url,
    description: input.description ?? null,
    eventTypes: json(input.events) ?? null,
    orgIds: json(input.orgs) ?? null,
    format: input.format ?? 'json',
    enabled: true,
    secret: await sealWebhookSecret(key, id, secret),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
  }
  await write(ctx, [insertWebhook(ctx.reader.db, row)])
  return { ...toWebhook(row, now), secret }
}

export async function listWebhooks(ctx: WebhookContext): Promise<{ data: Webhook[] }> {
  const [rows] = await ctx.reader.read(selectWebhooks(ctx.reader.db))
  const now = new Date().toISOString()
  return { data: rows.map((row) => toWebhook(row, now)) }
}

export async function getWebhook(ctx: WebhookContext, id: string): Promise<Webhook> {
  return toWebhook(await loadRow(ctx, id), new Date().toISOString())
}

export async function updateWebhook(ctx: WebhookContext, id: string, patch: UpdateWebhook) {
  const row = await loadRow(ctx, id)
  await checkTargets(ctx, patch.url, patch.orgs)
  const now = new Date().toISOString()
  const changes: WebhookChanges = {
    url: patch.url,
    description: patch.description,
    eventTypes: json(patch.events),
    orgIds: json(patch.orgs),
    format: patch.format,
    updatedAt: now,
  }
  if (patch.enabled === true && !row.enabled) {
    Object.assign(changes, {
      enabled: true,
      failingSince: null,
      disabledAt: null,
      disabledReason: null,
    })
  }
  if (patch.enabled === false && row.enabled) {
    Object.assign(changes, {
      enabled: false,
      disabledAt: now,
      disabledReason: 'disabled by the operator',
    })
  }
  await write(ctx, [updateWebhookRow(ctx.reader.db, id, changes)])
  return getWebhook(ctx, id)
}

export async function deleteWebhook(ctx: WebhookContext, id: string): Promise<void> {
  await loadRow(ctx, id)
  await write(ctx, [deleteWebhookRow(ctx.reader.db, id)])
}

/**
 * A new secret; the current one keeps signing beside it for `overlapSeconds` (both signatures
 * in `webhook-signature`), so receivers can switch without losing a delivery.
 */
export async function rotateSecret(ctx: WebhookContext, id: string, overlapSeconds: number) {
  const key = secretsKey(ctx.env)
  const row = await loadRow(ctx, id)
  const secret = mintWebhookSecret()
  const now = new Date()
  const expiresAt =
    overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000).toISOString() : null
  await write(ctx, [
    updateWebhookRow(ctx.reader.db, id, {
      secret: await sealWebhookSecret(key, id, secret),
      previousSecret: expiresAt ? row.secret : null,
      previousSecretExpiresAt: expiresAt,
      updatedAt: now.toISOString(),
    }),
  ])
  return { secret, previousSecretExpiresAt: expiresAt }
}

/** Sends a `webhook.test` event to this endpoint; its delivery shows in the log. */
export async function sendTest(ctx: WebhookContext, id: string): Promise<Delivery> {
  const row = await loadRow(ctx, id)
  if (!row.enabled) throw conflict('The webhook is disabled: enable it first.')
  const [delivery] = await sendEndpointEvent(
    ctx.env,
    'webhook.test',
    { webhookId: id, url: row.url },
    [id],
  )
  ctx.reader.trips++
  return toDelivery(delivery)
}

/** The endpoint's deliveries, newest first. */
export async function listDeliveries(ctx: WebhookContext, id: string, query: DeliveriesQuery) {
  await loadRow(ctx, id)
  const owner = `webhook:${id}`
  const before =
    query.after === undefined ? Number.MAX_SAFE_INTEGER : await cursorSeq(ctx, owner, query.after)
  const db = ctx.reader.db
  const [rows] = await ctx.reader.read(
    selectDeliveriesPage(db, id, before, query.limit + 1, query.status),
  )
  const shown = rows.slice(0, query.limit)
  const last = shown.at(-1)
  const next =
    rows.length > query.limit && last
      ? await sealCursor(ctx.env.ADMIN_API_KEY, owner, JSON.stringify({ seq: last.seq }))
      : null
  return { data: shown.map(toDelivery), next }
}

async function cursorSeq(ctx: WebhookContext, owner: string, after: string): Promise<number> {
  const refused = () => badRequest('"after" is not a cursor this server issued for this webhook.')
  let payload: { seq?: unknown }
  try {
    payload = JSON.parse(await openCursor(ctx.env.ADMIN_API_KEY, owner, after)) as { seq?: unknown }
  } catch {
    throw refused()
  }
  if (!Number.isSafeInteger(payload.seq)) throw refused()
  return payload.seq as number
}

/** Delivers again (a new round of attempts), whatever the delivery's outcome was. */
export async function redeliver(ctx: WebhookContext, id: string, deliveryId: string) {
  const row = await loadRow(ctx, id)
  if (!row.enabled) throw conflict('The webhook is disabled: enable it first.')
  const [restarted] = await ctx.reader.read(
    restartDelivery(ctx.reader.db, id, deliveryId, new Date().toISOString()),
  )
  if (restarted.length === 0) throw notFound(`Delivery ${deliveryId} not found.`)
  await enqueueDeliveries(ctx.env, [deliveryId])
  return toDelivery(restarted[0])
}

export function toDelivery(row: NewDeliveryRow): Delivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    orgId: row.orgId ?? null,
    status: row.status,
    attempts: row.attempts ?? 0,
    lastStatusCode: row.lastStatusCode ?? null,
    lastError: row.lastError ?? null,
    lastAttemptAt: row.lastAttemptAt ?? null,
    nextAttemptAt: row.nextAttemptAt ?? null,
    deliveredAt: row.deliveredAt ?? null,
    createdAt: row.createdAt,
  }
}
