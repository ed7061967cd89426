// Pure: every committed change of a user or a team, as the claims of a Security Event Token
// (RFC 8417) in the SCIM profile (RFC 9967): `prov:*:notice` events naming the resource
// (`sub_id` format "scim") and the attributes that changed, never their values — a receiver that
// wants them reads the resource. Events about tokens, keys and settings are not SCIM provisioning
// events and have no SET.
import { EVENT_TYPES, type DirectoryEvent } from './events'

const PROV = 'urn:ietf:params:scim:event:prov'
export const SET_EVENT_URIS = [
  `${PROV}:create:notice`,
  `${PROV}:patch:notice`,
  `${PROV}:delete`,
  `${PROV}:activate`,
  `${PROV}:deactivate`,
  'urn:ietf:params:scim:event:misc:asyncresp',
] as const

/** `iss` of every SET: the SET_ISSUER variable (the deployment's SCIM base URL), else a URN. */
export const setIssuerOf = (env: { SET_ISSUER?: string }) => env.SET_ISSUER || 'urn:scim-edge'

/** `aud`: the org whose changes the SET tells (each org's receiver is its app). */
export const audienceOf = (orgId: string) => `urn:scim-edge:org:${orgId}`

/** Whether an event type is a provisioning change (and so has a SET). */
export const hasSet = (type: string) => (SET_SOURCE_TYPES as readonly string[]).includes(type)

/** The event types that are provisioning changes or asynchronous outcomes: they have SETs. */
export const SET_SOURCE_TYPES = EVENT_TYPES.filter((t) => /^(user|team|role|request)\./.test(t))

export interface SetClaims {
  iss: string
  aud: string
  jti: string
  iat: number
  toe: number
  txn: string
  sub_id: { format: 'scim'; uri: string; externalId?: string }
  events: Record<string, Record<string, unknown>>
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {})

/** The SET claims of one event, or undefined when the event is not a provisioning change. */
export function setClaimsOf(
  event: DirectoryEvent,
  issuer: string,
  audience: string,
  issuedAt: number,
): SetClaims | undefined {
  const data = obj(event.data)
  const subject = subjectOf(event.type, data)
  if (!subject) return undefined
  const changed = Object.keys(obj(event.previous))
  const [uri, payload] = eventOf(event.type, changed, data)
  const externalId =
    typeof subject.resource.externalId === 'string' ? subject.resource.externalId : undefined
  return {
    iss: issuer,
    aud: audience,
    jti: event.id,
    iat: issuedAt,
    toe: Math.floor(Date.parse(event.occurredAt) / 1000),
    // An asynchronous request's completion carries the txn its 202 announced (Set-Txn); a
    // write's events are one transaction (one batch): the event's own id stands for it.
    txn: event.type === 'request.completed' && typeof data.txn === 'string' ? data.txn : event.id,
    sub_id: { format: 'scim', uri: subject.uri, ...(externalId && { externalId }) },
    events: { [uri]: payload },
  }
}

function subjectOf(type: string, data: Json): { uri: string; resource: Json } | undefined {
  if (type === 'request.completed') {
    return typeof data.path === 'string' ? { uri: data.path, resource: {} } : undefined
  }
  if (type.startsWith('user.') || type.startsWith('role.')) {
    const user = type.startsWith('role.') ? obj(data.user) : data
    return typeof user.id === 'string' ? { uri: `/Users/${user.id}`, resource: user } : undefined
  }
  if (type.startsWith('team.')) {
    const team = type.startsWith('team.member_') ? obj(data.team) : data
    return typeof team.id === 'string' ? { uri: `/Groups/${team.id}`, resource: team } : undefined
  }
  return undefined
}

function eventOf(type: string, changed: string[], data: Json): [string, Record<string, unknown>] {
  switch (type) {
    case 'user.created':
    case 'team.created':
      return [`${PROV}:create:notice`, {}]
    case 'user.deleted':
    case 'team.deleted':
      return [`${PROV}:delete`, {}]
    case 'user.deactivated':
      return [`${PROV}:deactivate`, {}]
    case 'user.reactivated':
      return [`${PROV}:activate`, {}]
    case 'team.member_added':
    case 'team.member_removed':
      return [`${PROV}:patch:notice`, { attributes: ['members'] }]
    case 'role.assigned':
    case 'role.revoked':
      return [`${PROV}:patch:notice`, { attributes: ['roles'] }]
    case 'request.completed':
      // The answer the request would have had: its status and body (a BulkResponse, an error).
      return [
        'urn:ietf:params:scim:event:misc:asyncresp',
        { method: data.method, status: String(data.status), response: data.response ?? null },
      ]
    default:
      return [`${PROV}:patch:notice`, changed.length > 0 ? { attributes: changed } : {}]
  }
}
