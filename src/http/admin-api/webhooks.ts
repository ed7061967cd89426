// Webhook endpoints, for the operator (the SaaS backend owns them): create (the secret is shown
// once), list, change, delete, rotate the secret with an overlap, send a test event, read the
// delivery log and redeliver. docs/webhooks.md describes delivery.
import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import {
  createWebhookBody,
  deliveriesQuery,
  rotateSecretBody,
  updateWebhookBody,
} from '../../webhooks/inputs'
import * as webhooks from '../../webhooks/service'
import { reader } from './context'
import { route } from './define'
import { errorBody } from './schemas'
import {
  createdWebhookBody,
  deliveriesPage,
  deliveryBody,
  rotatedSecretBody,
  webhookBody,
  webhooksBody,
} from './webhook-schemas'

const context = (c: Context<AppEnv>): webhooks.WebhookContext => ({ env: c.env, reader: reader(c) })
const missing = { description: 'No such webhook (or delivery)', schema: errorBody }
const disabled = { description: 'The webhook is disabled', schema: errorBody }

export const webhookRoutes = [
  route({
    method: 'post',
    path: '/webhooks',
    summary: 'Create a webhook endpoint; its signing secret is in the answer, once',
    access: 'operator',
    body: createWebhookBody,
    answers: {
      201: { description: 'The endpoint and its secret', schema: createdWebhookBody },
      400: { description: 'A refused url, event type or org', schema: errorBody },
      409: { description: 'Too many endpoints', schema: errorBody },
    },
    handle: async (c, { body }) => c.json(await webhooks.createWebhook(context(c), body), 201),
  }),
  route({
    method: 'get',
    path: '/webhooks',
    summary: 'Every webhook endpoint',
    access: 'operator',
    answers: { 200: { description: 'The endpoints', schema: webhooksBody } },
    handle: async (c) => c.json(await webhooks.listWebhooks(context(c))),
  }),
  route({
    method: 'get',
    path: '/webhooks/{webhookId}',
    summary: 'A webhook endpoint',
    access: 'operator',
    answers: { 200: { description: 'The endpoint', schema: webhookBody }, 404: missing },
    handle: async (c, { params }) =>
      c.json(await webhooks.getWebhook(context(c), params.webhookId)),
  }),
  route({
    method: 'patch',
    path: '/webhooks/{webhookId}',
    summary: 'Change an endpoint; `enabled: true` re-enables a disabled one',
    access: 'operator',
    body: updateWebhookBody,
    answers: { 200: { description: 'The endpoint', schema: webhookBody }, 404: missing },
    handle: async (c, { params, body }) =>
      c.json(await webhooks.updateWebhook(context(c), params.webhookId, body)),
  }),
  route({
    method: 'delete',
    path: '/webhooks/{webhookId}',
    summary: 'Delete an endpoint and its delivery log',
    access: 'operator',
    answers: { 204: { description: 'Deleted' }, 404: missing },
    async handle(c, { params }) {
      await webhooks.deleteWebhook(context(c), params.webhookId)
      return c.body(null, 204)
    },
  }),
  route({
    method: 'post',
    path: '/webhooks/{webhookId}/rotate-secret',
    summary: 'A new signing secret; the old one keeps signing beside it for overlapSeconds',
    access: 'operator',
    body: rotateSecretBody,
    answers: {
      200: { description: 'The new secret, once', schema: rotatedSecretBody },
      404: missing,
    },
    handle: async (c, { params, body }) =>
      c.json(await webhooks.rotateSecret(context(c), params.webhookId, body.overlapSeconds)),
  }),
  route({
    method: 'post',
    path: '/webhooks/{webhookId}/test',
    summary: 'Send a `webhook.test` event to this endpoint',
    access: 'operator',
    answers: {
      202: { description: 'The delivery, pending', schema: deliveryBody },
      404: missing,
      409: disabled,
    },
    handle: async (c, { params }) =>
      c.json(await webhooks.sendTest(context(c), params.webhookId), 202),
  }),
  route({
    method: 'get',
    path: '/webhooks/{webhookId}/deliveries',
    summary: "The endpoint's deliveries, newest first",
    access: 'operator',
    query: deliveriesQuery,
    answers: { 200: { description: 'A page of deliveries', schema: deliveriesPage }, 404: missing },
    handle: async (c, { params, query }) =>
      c.json(await webhooks.listDeliveries(context(c), params.webhookId, query)),
  }),
  route({
    method: 'post',
    path: '/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    summary: 'Deliver again: a new round of attempts, whatever the outcome was',
    access: 'operator',
    answers: {
      202: { description: 'The delivery, pending', schema: deliveryBody },
      404: missing,
      409: disabled,
    },
    handle: async (c, { params }) =>
      c.json(await webhooks.redeliver(context(c), params.webhookId, params.deliveryId), 202),
  }),
]
