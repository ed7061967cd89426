// Worker entry: the app and the Durable Object class. No logic.
import { createApp } from './app'

export { OrgWriter } from './do/org-writer'

export default createApp()
