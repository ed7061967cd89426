// How feed events are shown: a table for `events list`, one line each for `events tail`.
import { cell, truncate } from '../table.mjs'

/** The feed's array: `data` (current API) or `events` (the first version of the feed). */
export const eventsOf = (page) => (Array.isArray(page?.data) ? page.data : (page?.events ?? []))

/** Who made the change: scim:<token>, admin:<key>, app — or the older flat actor/tokenId. */
export function actorOf(event) {
  const actor = event.actor
  if (actor?.kind === 'scim') return `scim:${actor.tokenId}`
  if (actor?.kind === 'admin') return actor.keyId ? `admin:${actor.keyId}` : 'admin'
  if (actor?.kind) return actor.kind
  const who = typeof actor === 'string' ? actor : undefined
  if (event.tokenId) return who ? `${who}:${event.tokenId}` : event.tokenId
  return who ?? 'operator'
}

export const occurredOf = (event) => event.occurredAt ?? event.createdAt

export const subjectOf = (event) => event.resourceId ?? event.data?.id

export const dataOf = (event) => truncate(cell(event.data), 60)

export const EVENT_COLUMNS = [
  ['SEQ', (e) => e.seq],
  ['OCCURRED', occurredOf],
  ['TYPE', (e) => e.type],
  ['ACTOR', actorOf],
  ['SUBJECT', subjectOf],
  ['DATA', dataOf],
]

/** One event as a line of the tail (the columns of EVENT_COLUMNS, padded to usual widths). */
export function eventLine(event) {
  const widths = [6, 24, 22, 20, 36]
  return EVENT_COLUMNS.map(([, get], i) => cell(get(event)).padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd()
}

/** --types a,b as a list ([] = every type). */
export const typeList = (text) =>
  (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** Client-side filter too, for a server that does not filter by type yet. */
export const matchesTypes = (types) => (event) => types.length === 0 || types.includes(event.type)
