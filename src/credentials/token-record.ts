// KV side of credentials: `token:<sha256hex>` → who the secret belongs to (docs/storage.md).
// KV is only the index from secret to token id; validity (revoked, expired) is decided by the
// token's D1 row, read in the same batch as the request's own queries, so revocation is immediate.
import type { ExtensionDeclaration } from '../scim/extensions'
import type { CredentialKind } from './secrets'

/** Where an org lives (src/placement/): its shard, and the jurisdiction it was created in. */
export interface Placement {
  shard: string
  /** Fixed when the org is created: its shard and its writer are in this jurisdiction. */
  jurisdiction: string | null
}

export interface TokenRecord {
  orgId: string
  tokenId: string
  kind: CredentialKind
  /** ISO time; also checked here to refuse expired tokens before touching D1. */
  expiresAt: string | null
  /** What the read path needs of the org's settings, so reads need no org lookup. */
  view?: OrgView
  /**
   * Where the org lives (placement/), so a request reaches its shard with no lookup. Written back
   * by the first request that had to look it up or was redirected by a move (auth/bearer.ts).
   */
  placement?: Placement
}

/**
 * The org settings copied into each of its tokens' KV records: the role extension and the org's
 * own extensions (they shape the User schema for filters and rendering), the profile, the
 * entitlement types and the read rate (the read limiter). Rewritten when they change; and since
 * KV is eventually consistent and isolates cache records, each request's guard also reads the
 * org's version, and a view older than it is rebuilt from the org row (auth/org-view-refresh.ts).
 */
export interface OrgView {
  roleSchema: string
  roleValues: string[]
  readsPerSecond: number
  /** Absent in records written before profiles existed: lenient. */
  profile?: 'lenient' | 'interop'
  /** The org's entitlement types (each an endpoint, /ResourceTypes lists them); absent: none. */
  entitlementTypes?: string[]
  /** The org's own schema extensions: part of its User schema (reads, filters, rendering). */
  extensions?: ExtensionDeclaration[]
  /**
   * The org row's `updated_at` this view was made from. Each request's org probe reads the row's
   * current one; a differing version makes the isolate refresh its cached view (auth/bearer.ts).
   */
  version?: string
}

/** The view of an org (its settings, catalogue and extensions) its tokens' records carry. */
export const orgView = (
  s: OrgView,
  org?: {
    catalogue: { entitlementTypes: readonly { type: string }[] }
    extensions: ExtensionDeclaration[]
    updatedAt: string
  },
): OrgView => ({
  roleSchema: s.roleSchema,
  roleValues: s.roleValues,
  readsPerSecond: s.readsPerSecond,
  profile: s.profile ?? 'lenient',
  entitlementTypes: (org?.catalogue.entitlementTypes ?? []).map((t) => t.type),
  extensions: org?.extensions ?? [],
  version: org?.updatedAt,
})

/** KV refuses expirations closer than 60 s: entries live at least this long past expiry. */
const KV_MIN_TTL_SECONDS = 60

export const tokenKey = (hash: string) => `token:${hash}`

export async function putTokenRecord(kv: KVNamespace, hash: string, record: TokenRecord) {
  const options: KVNamespacePutOptions = {}
  if (record.expiresAt) {
    const seconds = Math.ceil(Date.parse(record.expiresAt) / 1000)
    options.expiration = Math.max(seconds, Math.ceil(Date.now() / 1000) + KV_MIN_TTL_SECONDS)
  }
  await kv.put(tokenKey(hash), JSON.stringify(record), options)
}

export async function getTokenRecord(kv: KVNamespace, hash: string): Promise<TokenRecord | null> {
  return kv.get<TokenRecord>(tokenKey(hash), 'json')
}

export async function deleteTokenRecord(kv: KVNamespace, hash: string) {
  await kv.delete(tokenKey(hash))
}
