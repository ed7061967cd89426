// Pure: no I/O. Provisioning activity as the org admin sees it (`GET …/activity`, the console):
// every SCIM write and every SCIM error as an entry, reads as per-minute counts per token, and a
// per-token summary. No secrets, no request bodies, no filter values: what was done, to which
// resource, by which token and identity provider, with what outcome.

export type ActivityKind = 'write' | 'error'

/** One SCIM write (any outcome) or one failed SCIM read. */
export interface ActivityEntry {
  id: number
  at: string
  kind: ActivityKind
  /** The identity provider recognised from the request (model/idp.ts). */
  idp: string
  tokenId: string
  /** The token's label (joined when read). */
  tokenLabel: string | null
  /** Method and route pattern, e.g. `PATCH /Users/{id}`. */
  operation: string
  resourceType: 'User' | 'Group' | null
  resourceId: string | null
  status: number
  scimType: string | null
  durationMs: number
  requestId: string
}

/** Successful reads of one token in one minute. */
export interface ReadCount {
  /** The minute, `YYYY-MM-DDTHH:MMZ`. */
  minute: string
  tokenId: string
  idp: string
  count: number
}

/** What the Worker hands the org's Durable Object after responses (batched, never in the path). */
export interface ActivityBatch {
  entries: Omit<ActivityEntry, 'id' | 'tokenLabel'>[]
  reads: ReadCount[]
}

/** Per token: is provisioning working? */
export interface TokenActivity {
  tokenId: string
  tokenLabel: string | null
  lastRequestAt: string | null
  lastIdp: string | null
  /** Requests (writes, errors and reads) and errors in the last 24 hours. */
  requests24h: number
  errors24h: number
}

export interface ActivitySummary {
  tokens: TokenActivity[]
  /** Reads per minute per token over the last hour, oldest first. */
  reads: ReadCount[]
}

/** `2026-11-26T03:20:41.123Z` → `2026-11-26T03:20Z` */
export const minuteOf = (iso: string) => `${iso.slice(0, 16)}Z`
