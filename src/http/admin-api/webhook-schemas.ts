// Answers of the webhook routes (their requests are validated by webhooks/inputs.ts).
import { z } from 'zod'

const timestamp = z.iso.datetime({ offset: true })

export const webhookBody = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).nullable().describe('Event types delivered; null = every type.'),
    orgs: z.array(z.string()).nullable().describe('Orgs whose events are delivered; null = all.'),
    format: z.enum(['json', 'set']),
    enabled: z.boolean(),
    disabledAt: timestamp.nullable(),
    disabledReason: z.string().nullable(),
    previousSecretExpiresAt: timestamp
      .nullable()
      .describe('While a rotated-out secret still signs beside the current one.'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Webhook' })

export const createdWebhookBody = webhookBody
  .extend({
    secret: z
      .string()
      .describe('Shown once: `whsec_` + base64. Verify deliveries with it (Standard Webhooks).'),
  })
  .meta({ id: 'CreatedWebhook' })

export const webhooksBody = z.object({ data: z.array(webhookBody) }).meta({ id: 'Webhooks' })

export const rotatedSecretBody = z
  .object({
    secret: z.string().describe('Shown once.'),
    previousSecretExpiresAt: timestamp
      .nullable()
      .describe('Until then the old secret signs too; null when it stopped at once.'),
  })
  .meta({ id: 'RotatedWebhookSecret' })

export const deliveryBody = z
  .object({
    id: z.string(),
    eventId: z.string().describe('Also the `webhook-id` header of every attempt.'),
    eventType: z.string(),
    orgId: z.string().nullable().describe("Null for the endpoint's own events (webhook.test)."),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().describe('Attempts in the current round.'),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: timestamp.nullable(),
    nextAttemptAt: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookDelivery' })

export const deliveriesPage = z
  .object({
    data: z.array(deliveryBody),
    next: z.string().nullable().describe('Pass as `after` for older deliveries; null at the end.'),
  })
  .meta({ id: 'WebhookDeliveryPage' })
