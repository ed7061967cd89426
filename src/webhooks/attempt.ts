// One delivery attempt: the event's JSON POSTed with Standard Webhooks headers. Any 2xx is
// delivered; anything else — another status, a redirect (never followed: the endpoint is the URL
// the operator registered), a network error, no answer within the timeout — is a failed attempt.
import { openWebhookSecret } from '../credentials'
import { toDirectoryEvent, type DirectoryEvent } from '../model/events'
import type { AttemptRow } from '../repo/webhook-deliveries'
import { signatureHeader } from './signature'

export interface AttemptResult {
  ok: boolean
  statusCode: number | null
  error: string | null
}

/** The body: the event as the feed shows it, or the stored body of an endpoint event. */
export function deliveryBody(row: AttemptRow): string | null {
  if (row.payload !== null) return row.payload
  const event = deliveryEvent(row)
  return event === null ? null : JSON.stringify(event)
}

/** The outbox event a delivery carries; null for an endpoint's own event or a pruned one. */
export function deliveryEvent(row: AttemptRow): DirectoryEvent | null {
  if (row.eventData === null || row.orgId === null || row.eventSeq === null) return null
  return toDirectoryEvent({
    id: row.eventId,
    seq: row.eventSeq,
    type: row.eventType,
    orgId: row.orgId,
    createdAt: row.eventCreatedAt!,
    actor: row.eventActor ?? 'app',
    tokenId: row.eventTokenId,
    data: row.eventData,
    previous: row.eventPrevious,
  })
}

/** The secrets that sign now: the current one, and the rotated-out one during its overlap. */
async function signingSecrets(row: AttemptRow, key: string, now: string): Promise<string[] | null> {
  const current = await openWebhookSecret(key, row.webhookId, row.secret)
  if (current === null) return null
  const overlap = row.previousSecretExpiresAt
  if (row.previousSecret === null || overlap === null || overlap <= now) return [current]
  const previous = await openWebhookSecret(key, row.webhookId, row.previousSecret)
  return previous === null ? [current] : [current, previous]
}

export async function attempt(
  row: AttemptRow,
  body: string,
  secretsKey: string | undefined,
  timeoutMs: number,
  contentType = 'application/json',
): Promise<AttemptResult> {
  const now = new Date()
  const secrets = secretsKey ? await signingSecrets(row, secretsKey, now.toISOString()) : null
  if (secrets === null) {
    return {
      ok: false,
      statusCode: null,
      error:
        'the signing secret cannot be opened: was WEBHOOK_SECRETS_KEY changed? Rotate the secret.',
    }
  }
  const timestamp = Math.floor(now.getTime() / 1000)
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'user-agent': 'scim-edge-webhooks/1',
        'webhook-id': row.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await signatureHeader(secrets, row.eventId, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, statusCode: response.status, error: null }
    }
    const error =
      response.status >= 300 && response.status < 400
        ? `redirect not followed (${response.headers.get('location') ?? 'no location'})`
        : `HTTP ${response.status}`
    return { ok: false, statusCode: response.status, error }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    return {
      ok: false,
      statusCode: null,
      error: timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${String(error)}`,
    }
  }
}
