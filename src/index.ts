// Worker entry: the app, the scheduled and queue handlers, the Durable Object class and the `Directory`
// service-binding entrypoint. No logic.
import { createApp } from './app'
import type { Bindings } from './env'
import { scheduled } from './jobs/scheduled'
import { queue } from './webhooks/queues'

export { Directory } from './directory/entrypoint'
export { OrgWriter } from './do/org-writer'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled,
  queue,
} satisfies ExportedHandler<Bindings>
