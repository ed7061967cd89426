// Worker entry: the app, the scheduled handler, the Durable Object class and the `Directory`
// service-binding entrypoint. No logic.
import { createApp } from './app'
import type { Bindings } from './env'
import { scheduled } from './jobs/scheduled'

export { Directory } from './directory/entrypoint'
export { OrgWriter } from './do/org-writer'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Bindings>
