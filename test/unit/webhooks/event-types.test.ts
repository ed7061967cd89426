// Every event type the outbox can hold (model/events.ts EVENT_TYPES) and every endpoint event is
// documented in docs/events.md, so what an app may receive is written down.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../../../src/model/events'
import { WEBHOOK_EVENT_TYPES } from '../../../src/model/webhooks'

const doc = readFileSync(resolve(__dirname, '../../../docs/events.md'), 'utf8')

describe('docs/events.md', () => {
  it.each([...EVENT_TYPES, ...WEBHOOK_EVENT_TYPES])('documents %s', (type) => {
    expect(doc).toContain(`\`${type}\``)
  })
})
