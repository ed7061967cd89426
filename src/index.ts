// Worker entry: the app, the scheduled handler and the Durable Object class. No logic.
import { createApp } from './app'
import type { Bindings } from './env'
import { scheduled } from './jobs/scheduled'

export { OrgWriter } from './do/org-writer'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Bindings>
