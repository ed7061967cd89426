// OAuth clients of an org (the token endpoint's registrations): written by the org's writer
// (do/plans/oauth-clients.ts), read by the admin API and, by client_id alone, by /oauth/token.
import { and, asc, eq } from 'drizzle-orm'
import { anyKey, claimKey, read, write } from './claims'
import type { Db } from './db'
import { oauthClients } from './schema'
import { liveOrg } from './tokens'

export type OAuthClientRow = typeof oauthClients.$inferSelect

export const selectOAuthClients = (db: Db, orgId: string) =>
  read<OAuthClientRow[]>(
    db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.orgId, orgId))
      .orderBy(asc(oauthClients.createdAt), asc(oauthClients.id)),
    [anyKey('oauthClient')],
  )

export const selectOAuthClient = (db: Db, orgId: string, clientId: string) =>
  read<OAuthClientRow[]>(
    db
      .select()
      .from(oauthClients)
      .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, clientId))),
    [claimKey.oauthClient(clientId)],
  )

/** The token endpoint's lookup: the client_id alone names the client and so its org. */
export const selectOAuthClientById = (db: Db, clientId: string) =>
  read<OAuthClientRow[]>(db.select().from(oauthClients).where(eq(oauthClients.id, clientId)), [
    claimKey.oauthClient(clientId),
  ])

/** The token endpoint's lookup (no org known): only an org living on this shard answers. */
export const selectLiveOAuthClient = (db: Db, clientId: string) =>
  read<OAuthClientRow[]>(
    db
      .select()
      .from(oauthClients)
      .where(and(eq(oauthClients.id, clientId), liveOrg(oauthClients.orgId))),
    [],
  )

export const insertOAuthClient = (db: Db, row: OAuthClientRow) =>
  write(db.insert(oauthClients).values(row), [claimKey.oauthClient(row.id)])

export const deleteOAuthClientRow = (db: Db, orgId: string, clientId: string) =>
  write(
    db
      .delete(oauthClients)
      .where(and(eq(oauthClients.orgId, orgId), eq(oauthClients.id, clientId))),
    [claimKey.oauthClient(clientId)],
  )
