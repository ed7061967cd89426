// The second consumer: each message names one delivery; its row (with its endpoint and event) is
// read for the whole batch in one D1 trip, attempts run concurrently across endpoints — one
// endpoint's slow answer never holds another's — and in seq order within one (endpoint, org).
// Outcomes are written in one batch; a failed attempt's message comes back after its retry delay.
import type { Bindings } from '../env'
import { retryDelay, MAX_RETRY_DELAY } from '../model/webhook-policy'
import { receivesEndpointEvent, toWebhook } from '../model/webhooks'
import type { Write } from '../repo/claims'
import { commit, database, runReads, type Db } from '../repo/db'
import {
  failDelivery,
  recordAttempt,
  selectAttempts,
  type AttemptRow,
} from '../repo/webhook-deliveries'
import {
  disableFailingWebhook,
  markWebhookFailing,
  markWebhookHealthy,
  selectWebhooks,
} from '../repo/webhooks'
import { attempt, deliveryBody, deliveryEvent, type AttemptResult } from './attempt'
import { signSet } from '../credentials/set-signing'
import { audienceOf, setClaimsOf, setIssuerOf } from '../model/security-events'
import { currentSigningKey } from '../repo/security-events'
import { webhookConfig, type WebhookConfig } from './config'
import type { DeliveryMessage } from './enqueue'
import { sendEndpointEvent } from './endpoint-events'
import { withEvents } from './delivery-events'

/** A message that arrives this much before its delivery is due waits again. */
const EARLY_TOLERANCE_MS = 5_000

export async function deliver(batch: MessageBatch<DeliveryMessage>, env: Bindings): Promise<void> {
  const config = webhookConfig(env)
  const db = database(env.DB)
  const ids = [...new Set(batch.messages.map((m) => m.body.deliveryId))]
  const [delivered] = await runReads(db, selectAttempts(db, ids))
  const rows = await withEvents(env, delivered)
  const now = Date.now()

  const writes: Write[] = []
  /** Deliveries to try again, with the delay in seconds. */
  const later = new Map<string, number>()
  const due: AttemptRow[] = []
  for (const row of rows) {
    if (row.status !== 'pending') continue
    if (!row.enabled) {
      writes.push(failDelivery(db, row.id, 'the endpoint is disabled'))
      continue
    }
    const wait = row.nextAttemptAt ? Date.parse(row.nextAttemptAt) - now : 0
    if (wait > EARLY_TOLERANCE_MS)
      later.set(row.id, Math.min(MAX_RETRY_DELAY, Math.ceil(wait / 1000)))
    else due.push(row)
  }

  const outcomes = await attemptAll(due, env, config, db)
  const endedFailed = new Set<string>()
  const lastOutcome = new Map<string, boolean>()
  const at = new Date().toISOString()
  for (const { row, result } of outcomes) {
    lastOutcome.set(row.webhookId, result.ok)
    const attempts = row.attempts + 1
    const delay = result.ok ? null : retryDelay(attempts, config.retryDelays, Math.random())
    const status = result.ok ? 'delivered' : delay === null ? 'failed' : 'pending'
    if (status === 'failed') endedFailed.add(row.webhookId)
    if (delay !== null) later.set(row.id, delay)
    writes.push(
      recordAttempt(db, {
        id: row.id,
        status,
        attempts,
        statusCode: result.statusCode,
        error: result.error,
        at,
        nextAttemptAt: delay === null ? null : new Date(Date.now() + delay * 1000).toISOString(),
      }),
    )
  }
  for (const [webhookId, ok] of lastOutcome) {
    writes.push(ok ? markWebhookHealthy(db, webhookId) : markWebhookFailing(db, webhookId, at))
  }
  await commit(db, writes)
  await disableFailing(db, env, config, [...endedFailed], at)

  // A delivery named by two messages of the batch comes back once.
  for (const message of batch.messages) {
    const delay = later.get(message.body.deliveryId)
    later.delete(message.body.deliveryId)
    if (delay === undefined) message.ack()
    else message.retry({ delaySeconds: delay })
  }
}

interface Outcome {
  row: AttemptRow
  result: AttemptResult
}

/** RFC 8935 §2: a pushed SET is the request body, with this media type. */
const SET_TYPE = 'application/secevent+jwt'

/** The delivery's event as a signed Security Event Token (RFC 8935 push); null if none. */
async function setBody(row: AttemptRow, env: Bindings, db: Db): Promise<string | null> {
  const event = deliveryEvent(row)
  const sealKey = env.WEBHOOK_SECRETS_KEY
  if (event === null || !sealKey) return null
  const claims = setClaimsOf(
    event,
    setIssuerOf(env),
    audienceOf(event.orgId),
    Math.floor(Date.now() / 1000),
  )
  if (!claims) return null
  const key = await currentSigningKey(db, sealKey)
  return signSet(sealKey, key.kid, key.privateSealed, claims)
}

/** Concurrently per (endpoint, org); in order within one. */
async function attemptAll(rows: AttemptRow[], env: Bindings, config: WebhookConfig, db: Db) {
  const lanes = new Map<string, AttemptRow[]>()
  for (const row of rows) {
    const lane = `${row.webhookId}\n${row.orgId ?? ''}`
    lanes.set(lane, [...(lanes.get(lane) ?? []), row])
  }
  const outcomes: Outcome[] = []
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const row of lane) {
        const set = row.format === 'set'
        const body = set ? await setBody(row, env, db) : deliveryBody(row)
        const result: AttemptResult =
          body === null
            ? { ok: false, statusCode: null, error: 'the event is no longer kept (retention)' }
            : await attempt(
                row,
                body,
                env.WEBHOOK_SECRETS_KEY,
                config.timeoutMs,
                set ? SET_TYPE : undefined,
              )
        outcomes.push({ row, result })
      }
    }),
  )
  return outcomes
}

/**
 * An endpoint whose delivery just ran out of retries, and which has failed everything for the
 * disable period, is disabled; the one call that disabled it tells the other endpoints.
 */
async function disableFailing(
  db: Db,
  env: Bindings,
  config: WebhookConfig,
  webhookIds: string[],
  now: string,
) {
  if (webhookIds.length === 0) return
  const cutoff = new Date(Date.parse(now) - config.disableAfterMs).toISOString()
  const reason = `every delivery failed for ${Math.round(config.disableAfterMs / 3_600_000)} h or more`
  const results = await runReads(
    db,
    ...webhookIds.map((id) => disableFailingWebhook(db, id, cutoff, now, reason)),
  )
  const disabled = results.flat()
  if (disabled.length === 0) return
  const [all] = await runReads(db, selectWebhooks(db))
  for (const endpoint of disabled) {
    const others = all
      .filter((w) => w.enabled && w.id !== endpoint.id)
      .filter((w) => receivesEndpointEvent(toWebhook(w, now), 'webhook.disabled'))
      .map((w) => w.id)
    console.warn(JSON.stringify({ msg: 'webhook disabled', webhookId: endpoint.id, reason }))
    await sendEndpointEvent(
      env,
      'webhook.disabled',
      { webhookId: endpoint.id, url: endpoint.url, failingSince: endpoint.failingSince, reason },
      others,
    )
  }
}
