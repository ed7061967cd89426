// Write plans for an org's OAuth clients (docs/security.md, "The token endpoint"): registering
// one; deleting one, which revokes every access token it holds in the same batch; and issuing an
// access token — a SCIM token row that expires, linked to its client — to a client whose
// assertion the Worker checked and whose jti the writer just spent (org-writer.ts).
import { deleteTokenRecord } from '../../credentials'
import type { PublicJwks } from '../../model/jwks'
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  MAX_OAUTH_CLIENTS,
  toOAuthClient,
  type OAuthClient,
} from '../../model/oauth-client'
import {
  deleteOAuthClientRow,
  insertOAuthClient,
  selectOAuthClient,
  selectOAuthClients,
  type OAuthClientRow,
} from '../../repo/oauth-clients'
import {
  deleteExpiredClientTokens,
  revokeClientTokens,
  selectClientTokens,
} from '../../repo/tokens'
import { conflict, notFound } from '../../scim/errors'
import { MAX_AGE_MS as ACTIVITY_MAX_AGE_MS } from '../activity'
import type { Plan } from '../write-context'
import { mintToken } from './tokens'

export interface CreateOAuthClientInput {
  name: string
  /** Exactly one of the two: the keys themselves, or where to fetch them. */
  jwks?: PublicJwks
  jwksUri?: string
}

export type IssuedAccessToken =
  | { issued: true; accessToken: string; expiresIn: number }
  | { issued: false; reason: 'unknown_client' | 'replayed' }

/** Expired access tokens are kept while activity may name them, then go when the client asks again. */
const EXPIRED_TOKENS_KEPT_MS = ACTIVITY_MAX_AGE_MS

export const createOAuthClient =
  (orgId: string, input: CreateOAuthClientInput): Plan<OAuthClient> =>
  async (w) => {
    await w.org()
    const [clients] = await w.read(selectOAuthClients(w.db, orgId))
    if (clients.length >= MAX_OAUTH_CLIENTS) {
      throw conflict(`An org has at most ${MAX_OAUTH_CLIENTS} OAuth clients: delete one first.`)
    }
    const row: OAuthClientRow = {
      id: w.newId(),
      orgId,
      name: input.name,
      jwks: input.jwks ? JSON.stringify(input.jwks) : null,
      jwksUri: input.jwksUri ?? null,
      createdAt: w.now,
    }
    const client = toOAuthClient(row)
    return {
      statements: [insertOAuthClient(w.db, row)],
      events: [
        {
          type: 'oauth_client.created',
          resourceType: 'OAuthClient',
          resourceId: row.id,
          data: client,
        },
      ],
      value: client,
    }
  }

export const deleteOAuthClient =
  (kv: KVNamespace, orgId: string, clientId: string): Plan<{ tokensRevoked: number }> =>
  async (w) => {
    const [clients, tokens] = await w.read(
      selectOAuthClient(w.db, orgId, clientId),
      selectClientTokens(w.db, orgId, clientId),
    )
    const client = clients[0]
    if (!client) throw notFound(`OAuth client ${clientId} not found.`)
    const unrevoked = tokens.filter((t) => !t.revokedAt)
    const ids = unrevoked.map((t) => t.id)
    return {
      statements: [
        deleteOAuthClientRow(w.db, orgId, clientId),
        ...(ids.length > 0 ? [revokeClientTokens(w.db, orgId, clientId, ids, w.now)] : []),
      ],
      events: [
        {
          type: 'oauth_client.deleted',
          resourceType: 'OAuthClient',
          resourceId: clientId,
          data: { ...toOAuthClient(client), tokensRevoked: ids.length },
        },
      ],
      value: { tokensRevoked: ids.length },
      // The D1 rows decide (the guard refuses them from the next request); KV only forgets.
      after: async () => {
        await Promise.all(unrevoked.map((t) => deleteTokenRecord(kv, t.secretHash)))
      },
    }
  }

/**
 * An access token for a client that still exists. It is not an outbox event (a client asks about
 * once an hour); registering and deleting the client are.
 */
export const issueAccessToken =
  (kv: KVNamespace, orgId: string, clientId: string): Plan<IssuedAccessToken> =>
  async (w) => {
    const [clients, tokens] = await w.read(
      selectOAuthClient(w.db, orgId, clientId),
      selectClientTokens(w.db, orgId, clientId),
    )
    const client = clients[0]
    if (!client) {
      return { statements: [], events: [], value: { issued: false, reason: 'unknown_client' } }
    }
    const now = Date.parse(w.now)
    const minted = await mintToken(w, kv, orgId, {
      kind: 'scim',
      label: `OAuth client ${client.name}`,
      expiresAt: new Date(now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000).toISOString(),
      clientId,
    })
    const cutoff = new Date(now - EXPIRED_TOKENS_KEPT_MS).toISOString()
    const spent = tokens.filter((t) => t.expiresAt !== null && t.expiresAt < cutoff)
    return {
      ...minted,
      statements: [
        ...minted.statements,
        ...(spent.length > 0
          ? [
              deleteExpiredClientTokens(
                w.db,
                orgId,
                clientId,
                spent.map((t) => t.id),
                cutoff,
              ),
            ]
          : []),
      ],
      events: [],
      value: {
        issued: true,
        accessToken: minted.value.secret,
        expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
      },
    }
  }
