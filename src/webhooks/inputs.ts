// What the webhook operations accept, one zod schema each: they validate the admin API's
// requests and are published in its OpenAPI document.
import { z } from 'zod'
import { EVENT_TYPES } from '../model/events'
import { MAX_URL_LENGTH } from '../model/webhook-policy'

/** Endpoints per deployment: each event batch is matched against all of them. */
export const MAX_WEBHOOKS = 100
const MAX_PAGE = 500

const eventType = z.enum([...EVENT_TYPES, 'webhook.disabled'])
const unique = (list: readonly string[]) => new Set(list).size === list.length

const events = z
  .array(eventType)
  .min(1)
  .max(EVENT_TYPES.length + 1)
  .refine(unique, 'must not repeat a type')
  .nullable()
  .describe('Event types to deliver; absent or null = every type.')

const orgs = z
  .array(z.string().min(1).max(63))
  .min(1)
  .max(1000)
  .refine(unique, 'must not repeat an org')
  .nullable()
  .describe("Orgs whose events to deliver; absent or null = every org's.")

const url = z.string().min(1).max(MAX_URL_LENGTH)
const format = z
  .enum(['json', 'set'])
  .describe('json: the event as the feed shows it; set: a signed Security Event Token (RFC 8935).')
const description = z.string().trim().max(500).nullable()

export const createWebhookBody = z
  .object({
    url,
    events: events.optional(),
    orgs: orgs.optional(),
    description: description.optional(),
    format: format.optional(),
  })
  .strict()

export const updateWebhookBody = z
  .object({
    url: url.optional(),
    events: events.optional(),
    orgs: orgs.optional(),
    description: description.optional(),
    format: format.optional(),
    /** true re-enables a disabled endpoint (its failure record starts over). */
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change')

export const rotateSecretBody = z
  .object({
    /** Seconds the old secret keeps signing beside the new one (default 24 h, max 7 days). */
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(24 * 3600),
  })
  .strict()

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
  after: z.string().min(1).max(400).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
})

export type CreateWebhook = z.infer<typeof createWebhookBody>
export type UpdateWebhook = z.infer<typeof updateWebhookBody>
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>
