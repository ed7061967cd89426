// Pure: no I/O. Webhook endpoints and their delivery log as the operator sees them
// (`/admin/v1/webhooks`), and which events an endpoint receives.

/** The endpoint's own events: not in any org's outbox, never filtered by `orgs`. */
export const WEBHOOK_EVENT_TYPES = ['webhook.test', 'webhook.disabled'] as const
import { hasSet } from './security-events'

export interface Webhook {
  id: string
  url: string
  description: string | null
  /** Event types delivered; null = every type. */
  events: string[] | null
  /** Orgs whose events are delivered; null = every org. */
  orgs: string[] | null
  /** `json` (Standard Webhooks) or `set` (RFC 8935 Security Event Tokens). */
  format: 'json' | 'set'
  enabled: boolean
  /** Set when the endpoint was disabled after failing everything for the disable period. */
  disabledAt: string | null
  disabledReason: string | null
  /** While a rotated-out secret still signs beside the new one. */
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface Delivery {
  id: string
  eventId: string
  eventType: string
  /** Null for the endpoint's own events (`webhook.test`, `webhook.disabled`). */
  orgId: string | null
  status: DeliveryStatus
  /** Attempts in the current round; a redelivery starts a new round. */
  attempts: number
  lastStatusCode: number | null
  lastError: string | null
  lastAttemptAt: string | null
  nextAttemptAt: string | null
  deliveredAt: string | null
  createdAt: string
}

/** A webhooks row as stored (repo/schema.ts `webhooks`), secrets left out. */
export interface WebhookSource {
  id: string
  url: string
  description: string | null
  eventTypes: string | null
  orgIds: string | null
  format: 'json' | 'set'
  enabled: boolean
  previousSecretExpiresAt: string | null
  disabledAt: string | null
  disabledReason: string | null
  createdAt: string
  updatedAt: string
}

const list = (json: string | null): string[] | null => (json === null ? null : JSON.parse(json))

export function toWebhook(row: WebhookSource, now: string): Webhook {
  const overlap = row.previousSecretExpiresAt
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: list(row.eventTypes),
    orgs: list(row.orgIds),
    format: row.format,
    enabled: row.enabled,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt: overlap !== null && overlap > now ? overlap : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/**
 * Whether an endpoint receives an org's event: its `events` (null = all) name the type and its
 * `orgs` (null = all) name the org. The endpoint's own events go only where they are addressed.
 */
export function receives(
  webhook: Pick<Webhook, 'events' | 'orgs' | 'format'>,
  orgId: string,
  type: string,
) {
  return (
    (webhook.events === null || webhook.events.includes(type)) &&
    (webhook.orgs === null || webhook.orgs.includes(orgId)) &&
    // A SET receiver (RFC 8935) gets the provisioning changes only: the others have no SET.
    (webhook.format !== 'set' || hasSet(type))
  )
}

/** Whether an endpoint receives another endpoint's event (`webhook.disabled`): by type only. */
export const receivesEndpointEvent = (webhook: Pick<Webhook, 'events' | 'format'>, type: string) =>
  webhook.format !== 'set' && (webhook.events === null || webhook.events.includes(type))
