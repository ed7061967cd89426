// The org's security event feed for the app (RFC 8936 poll delivery of RFC 8417 SETs in the SCIM
// profile, RFC 9967): acknowledge what the receiver sends back, then hand out the next events not
// yet acknowledged, each signed as a SET. Unacknowledged SETs come again on the next poll
// (RFC 8936 §2.4); the feed keeps what the outbox keeps (event retention).
import { signSet } from '../credentials/set-signing'
import { commit, runReads, type Db } from '../repo/db'
import {
  acknowledge,
  currentSigningKey,
  deleteSigningKey,
  createSigningKey,
  selectSigningKeys,
  selectUnacknowledged,
} from '../repo/security-events'
import { selectOrg } from '../repo/orgs'
import { audienceOf, setClaimsOf } from '../model/security-events'
import { toDirectoryEvent } from '../model/events'
import { conflict, notFound } from '../scim/errors'
import type { DirectoryContext } from './service'

export interface PollRequest {
  ack?: string[]
  setErrs?: Record<string, { err: string; description?: string }>
  maxEvents?: number
  returnImmediately?: boolean
}

export interface PollResponse {
  sets: Record<string, string>
  moreAvailable: boolean
}

/** SETs handed out per poll when the receiver does not say (RFC 8936 §2.4: the transmitter's choice). */
export const DEFAULT_MAX_EVENTS = 100
/** How long a poll with returnImmediately=false waits for an event before answering empty. */
export const LONG_POLL_MS = 5_000
const LONG_POLL_STEP_MS = 500

/** What the SETs say about who issued them and for whom: `iss` and the org's `aud`. */
export interface SetIssuer {
  issuer: string
  /** WEBHOOK_SECRETS_KEY: seals the signing keys. */
  sealKey: string
}

export async function pollSecurityEvents(
  ctx: DirectoryContext,
  issuer: SetIssuer,
  request: PollRequest,
): Promise<PollResponse> {
  const { db } = ctx.reader
  const [orgRows] = await ctx.reader.read(selectOrg(db, ctx.orgId))
  if (orgRows.length === 0) throw notFound(`Org ${ctx.orgId} not found.`)
  const acks = [
    ...(request.ack ?? []).map((id) => ({ id, error: null })),
    ...Object.entries(request.setErrs ?? {}).map(([id, e]) => ({
      id,
      error: JSON.stringify({ err: e.err, description: e.description }),
    })),
  ]
  if (acks.length > 0) {
    ctx.reader.trips++
    await commit(await ctx.reader.target(), acknowledge(db, ctx.orgId, acks))
  }
  const max = request.maxEvents ?? DEFAULT_MAX_EVENTS
  if (max === 0) return { sets: {}, moreAvailable: false }
  let rows = await unacknowledged(ctx, max + 1)
  for (
    let waited = 0;
    rows.length === 0 && request.returnImmediately === false && waited < LONG_POLL_MS;
    waited += LONG_POLL_STEP_MS
  ) {
    await new Promise((resolve) => setTimeout(resolve, LONG_POLL_STEP_MS))
    rows = await unacknowledged(ctx, max + 1)
  }
  ctx.reader.trips++
  const key = await currentSigningKey(db, issuer.sealKey)
  const now = Math.floor(Date.now() / 1000)
  const sets: Record<string, string> = {}
  for (const row of rows.slice(0, max)) {
    const claims = setClaimsOf(toDirectoryEvent(row), issuer.issuer, audienceOf(ctx.orgId), now)
    if (claims) sets[claims.jti] = await signSet(issuer.sealKey, key.kid, key.privateSealed, claims)
  }
  return { sets, moreAvailable: rows.length > max }
}

/** Read through the org's reader: routed to its shard (the events are there). */
async function unacknowledged(ctx: DirectoryContext, limit: number) {
  const [rows] = await ctx.reader.read(selectUnacknowledged(ctx.reader.db, ctx.orgId, limit))
  return rows
}

/** The published keys (RFC 7517 JWK Set): every key that may have signed a SET still kept. */
export async function signingKeySet(
  db: DirectoryContext['reader']['db'],
): Promise<{ keys: unknown[] }> {
  const [keys] = await runReads(db, selectSigningKeys(db))
  return { keys: keys.map((k) => JSON.parse(k.publicJwk) as unknown) }
}

export interface SigningKeyInfo {
  kid: string
  createdAt: string
  /** The newest key signs; the others are published until deleted. */
  signing: boolean
  publicJwk: unknown
}

/** The deployment's SET signing keys, newest (the one that signs) first. */
export async function listSigningKeys(db: Db): Promise<{ data: SigningKeyInfo[] }> {
  const [keys] = await runReads(db, selectSigningKeys(db))
  return {
    data: keys.map((k, i) => ({
      kid: k.kid,
      createdAt: k.createdAt,
      signing: i === 0,
      publicJwk: JSON.parse(k.publicJwk) as unknown,
    })),
  }
}

/**
 * Rotation: a new key signs from now on; the former ones stay published (receivers holding SETs
 * they signed can still verify) until the operator deletes them.
 */
export async function addSigningKey(db: Db, sealKey: string): Promise<SigningKeyInfo> {
  const key = await createSigningKey(db, sealKey)
  return {
    kid: key.kid,
    createdAt: key.createdAt,
    signing: true,
    publicJwk: JSON.parse(key.publicJwk) as unknown,
  }
}

/** Retires a key that no longer signs (deleting the signing key is refused: rotate first). */
export async function removeSigningKey(db: Db, kid: string): Promise<void> {
  const [keys] = await runReads(db, selectSigningKeys(db))
  const index = keys.findIndex((k) => k.kid === kid)
  if (index < 0) throw notFound(`No signing key ${kid}.`)
  if (index === 0)
    throw conflict('This key signs new SETs: add a new key first, then delete this one.')
  await commit(db, [deleteSigningKey(db, kid)])
}
