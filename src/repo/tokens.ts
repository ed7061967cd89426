// Credential metadata (SCIM tokens, org admin keys, console sessions and portal links, access
// tokens issued to OAuth clients). Never holds a raw secret.
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { CredentialKind } from '../credentials'
import { anyKey, claimKey, read, write } from './claims'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from './db'
import { orgs, tokens } from './schema'

export type TokenRow = typeof tokens.$inferSelect

/** The public view of a credential: everything but the hash. */
export type TokenInfo = Omit<TokenRow, 'secretHash'>

export function toTokenInfo(row: TokenRow): TokenInfo {
  const { secretHash: _hidden, ...info } = row
  return info
}

export interface GuardRow {
  id: string
  orgId: string
  lastUsedAt: string | null
}

/**
 * The revocation guard: one row iff the credential is still valid at `now`. It rides in the same
 * db.batch as the request's own statements (guarded-reader.ts), so revocation and expiry take
 * effect on the very next request with no extra round trip and no reliance on KV propagation.
 */
export const selectValidToken = (db: Db, tokenId: string, kind: CredentialKind, now: string) =>
  read<GuardRow[]>(
    db
      .select({ id: tokens.id, orgId: tokens.orgId, lastUsedAt: tokens.lastUsedAt })
      .from(tokens)
      .where(
        and(
          eq(tokens.id, tokenId),
          eq(tokens.kind, kind),
          isNull(tokens.revokedAt),
          or(isNull(tokens.expiresAt), gt(tokens.expiresAt, now)),
        ),
      ),
    [claimKey.token(tokenId)],
  )

export const selectToken = (db: Db, orgId: string, tokenId: string) =>
  read<TokenRow[]>(
    db
      .select()
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.id, tokenId))),
    [claimKey.token(tokenId)],
  )

/**
 * The credential a secret hashes to, looked up in D1 itself (not KV): console sessions and portal
 * links are checked here on every use, so they never wait for KV to propagate. Only an org that
 * lives on this shard answers (placement/every-shard.ts asks every shard).
 */
export const selectTokenByHash = (db: Db, secretHash: string) =>
  read<TokenRow[]>(
    db
      .select()
      .from(tokens)
      .where(and(eq(tokens.secretHash, secretHash), liveOrg(tokens.orgId))),
    [],
  )

/** The org owning a row lives on this shard (its row is not a pointer left by a move). */
export const liveOrg = (orgId: SQLiteColumn) =>
  sql`${orgId} IN (SELECT ${orgs.id} FROM ${orgs} WHERE ${orgs.movedTo} IS NULL)`

/** An org's credentials of one kind; `minted` leaves out the access tokens of OAuth clients. */
export const selectTokens = (db: Db, orgId: string, kind: CredentialKind, minted = false) =>
  read<TokenRow[]>(
    db
      .select()
      .from(tokens)
      .where(
        and(
          eq(tokens.orgId, orgId),
          eq(tokens.kind, kind),
          minted ? isNull(tokens.clientId) : undefined,
        ),
      )
      .orderBy(desc(tokens.createdAt), desc(tokens.id)),
    [anyKey('token')],
  )

export const insertToken = (db: Db, row: TokenRow) =>
  write(db.insert(tokens).values(row), [
    claimKey.token(row.id),
    ...(row.clientId ? [claimKey.clientTokens(row.clientId)] : []),
  ])

/** The access tokens issued to an OAuth client (live or not). */
export const selectClientTokens = (db: Db, orgId: string, clientId: string) =>
  read<TokenRow[]>(
    db
      .select()
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.clientId, clientId))),
    [claimKey.clientTokens(clientId)],
    (rows) => rows.map((t) => claimKey.token(t.id)),
  )

/** Deleting a client revokes every access token it holds, in the same batch. */
export const revokeClientTokens = (
  db: Db,
  orgId: string,
  clientId: string,
  tokenIds: readonly string[],
  now: string,
) =>
  write(
    db
      .update(tokens)
      .set({ revokedAt: now })
      .where(and(eq(tokens.orgId, orgId), eq(tokens.clientId, clientId), isNull(tokens.revokedAt))),
    [claimKey.clientTokens(clientId), ...tokenIds.map(claimKey.token)],
  )

/**
 * An access token that expired before `before` can never be used again (its guard refuses it and
 * its KV record is gone): issuing a new one deletes the client's old ones, so rows stay bounded.
 */
export const deleteExpiredClientTokens = (
  db: Db,
  orgId: string,
  clientId: string,
  tokenIds: readonly string[],
  before: string,
) =>
  write(
    db
      .delete(tokens)
      .where(
        and(eq(tokens.orgId, orgId), eq(tokens.clientId, clientId), lt(tokens.expiresAt, before)),
      ),
    [claimKey.clientTokens(clientId), ...tokenIds.map(claimKey.token)],
  )

export const revokeTokenRow = (db: Db, orgId: string, tokenId: string, now: string) =>
  write(
    db
      .update(tokens)
      .set({ revokedAt: now })
      .where(and(eq(tokens.orgId, orgId), eq(tokens.id, tokenId), isNull(tokens.revokedAt))),
    [claimKey.token(tokenId)],
  )

/** Rotation: the old token keeps working until `expiresAt` (never extended by a rotation). */
export const retireTokenRow = (
  db: Db,
  orgId: string,
  tokenId: string,
  expiresAt: string,
  replacedBy: string,
) =>
  write(
    db
      .update(tokens)
      .set({ expiresAt, replacedBy })
      .where(and(eq(tokens.orgId, orgId), eq(tokens.id, tokenId))),
    [claimKey.token(tokenId)],
  )

/** Last-used bookkeeping, written after the response (never by the org writer). */
export const touchTokenRow = (db: Db, tokenId: string, now: string) =>
  db.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, tokenId))
