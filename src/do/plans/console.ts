// Write plans for the console's own credentials (docs/security.md, "Console sessions"): a portal
// link is a single-use secret that lives 5 minutes; redeeming it revokes it and mints a console
// session (1 hour) in the same batch, so a link signs in at most once. Neither goes to KV: both
// are checked against their D1 row on every use.
import { displayPrefix, mintSecret, sha256Hex, type CredentialKind } from '../../credentials'
import {
  insertToken,
  revokeTokenRow,
  selectTokenByHash,
  selectTokens,
  type TokenRow,
} from '../../repo/tokens'
import { unauthorized } from '../../scim/errors'
import type { Plan, WriteContext } from '../write-context'

export const PORTAL_LINK_TTL_MS = 5 * 60_000
export const SESSION_TTL_MS = 60 * 60_000

export interface PortalLink {
  secret: string
  expiresAt: string
}

export interface ConsoleSession {
  secret: string
  sessionId: string
  expiresAt: string
}

async function mintRow(
  w: WriteContext,
  orgId: string,
  kind: CredentialKind,
  label: string,
  ttlMs: number,
) {
  const secret = mintSecret(kind)
  const row: TokenRow = {
    id: w.newId(),
    orgId,
    kind,
    label,
    prefix: displayPrefix(secret),
    secretHash: await sha256Hex(secret),
    createdAt: w.now,
    expiresAt: new Date(Date.parse(w.now) + ttlMs).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
    replacedBy: null,
    clientId: null,
  }
  return { secret, row }
}

export const createPortalLink =
  (orgId: string): Plan<PortalLink> =>
  async (w) => {
    await w.org()
    const { secret, row } = await mintRow(w, orgId, 'portal', 'portal link', PORTAL_LINK_TTL_MS)
    return {
      statements: [insertToken(w.db, row)],
      events: [],
      value: { secret, expiresAt: row.expiresAt! },
    }
  }

/** The link's secret hash → a session; the link is spent whatever happens next. */
export const redeemPortalLink =
  (orgId: string, secretHash: string): Plan<ConsoleSession> =>
  async (w) => {
    await w.org()
    const [rows] = await w.read(selectTokenByHash(w.db, secretHash))
    const link = rows[0]
    const usable =
      link?.kind === 'portal' &&
      link.orgId === orgId &&
      !link.revokedAt &&
      link.expiresAt !== null &&
      link.expiresAt > w.now
    if (!usable) throw unauthorized('This sign-in link has expired or was already used.')
    const { secret, row } = await mintRow(w, orgId, 'session', 'console session', SESSION_TTL_MS)
    return {
      statements: [revokeTokenRow(w.db, orgId, link.id, w.now), insertToken(w.db, row)],
      events: [
        {
          type: 'admin_session.started',
          resourceType: 'Token',
          resourceId: row.id,
          data: { via: 'portal-link', expiresAt: row.expiresAt },
        },
      ],
      value: { secret, sessionId: row.id, expiresAt: row.expiresAt! },
    }
  }

/** Ends every live console session of the org (sign-out ends one: plans/tokens.ts revokeToken). */
export const revokeSessions =
  (orgId: string): Plan<{ revoked: number }> =>
  async (w) => {
    const [rows] = await w.read(selectTokens(w.db, orgId, 'session'))
    const live = rows.filter((t) => !t.revokedAt && t.expiresAt !== null && t.expiresAt > w.now)
    return {
      statements: live.map((t) => revokeTokenRow(w.db, orgId, t.id, w.now)),
      events: [],
      value: { revoked: live.length },
    }
  }
