// Pure: no I/O. An outbox event as the app sees it — the feed (`GET …/events`), the `Directory`
// service binding and webhooks all hand out this one shape. docs/events.md lists the types.

/** Every type an org's outbox holds; docs/events.md says when each fires (a test checks it). */
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'role.assigned',
  'role.revoked',
  'team.created',
  'team.updated',
  'team.deleted',
  'team.member_added',
  'team.member_removed',
  'token.created',
  'token.rotated',
  'token.revoked',
  'admin_key.created',
  'admin_session.started',
  'oauth_client.created',
  'oauth_client.deleted',
  'org.created',
  'org.settings_updated',
  'org.catalogue_updated',
  'org.extensions_updated',
  'org.name_keys_rebuilt',
  'request.completed',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

/** Who made the change: an IdP's SCIM token, an org admin key, or the app (operator, binding). */
export type EventActor =
  { kind: 'scim'; tokenId: string } | { kind: 'admin'; keyId: string } | { kind: 'app' }

export interface DirectoryEvent {
  id: string
  /** Position in the org's outbox: gap-free, increasing; `after=<seq>` resumes after it. */
  seq: number
  type: string
  orgId: string
  occurredAt: string
  actor: EventActor
  /** The object as of the change: a User, a Team, `{team, user}`, `{user, role}`, … */
  data: unknown
  /** Updates only: the changed fields' former values. */
  previous?: unknown
}

/** An events row as stored (repo/schema.ts `events`). */
export interface EventSource {
  id: string
  seq: number
  type: string
  orgId: string
  createdAt: string
  actor: 'scim' | 'admin' | 'app'
  tokenId: string | null
  data: string
  previous: string | null
}

function actorOf(row: EventSource): EventActor {
  if (row.actor === 'scim' && row.tokenId) return { kind: 'scim', tokenId: row.tokenId }
  if (row.actor === 'admin' && row.tokenId) return { kind: 'admin', keyId: row.tokenId }
  return { kind: 'app' }
}

export function toDirectoryEvent(row: EventSource): DirectoryEvent {
  const event: DirectoryEvent = {
    id: row.id,
    seq: row.seq,
    type: row.type,
    orgId: row.orgId,
    occurredAt: row.createdAt,
    actor: actorOf(row),
    data: JSON.parse(row.data),
  }
  if (row.previous !== null) event.previous = JSON.parse(row.previous)
  return event
}

/**
 * A committed event as the org writer relays it to the webhook queue: enough to fan it out
 * (which endpoints want this type from this org) and to read it back from the outbox.
 */
export interface EventRef {
  orgId: string
  seq: number
  id: string
  type: string
}
