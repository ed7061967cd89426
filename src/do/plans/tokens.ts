// Write plans for SCIM tokens and org admin keys. The secret is minted here, its hash goes to KV
// (before the D1 commit, so a committed token always works) and to the D1 row; the raw secret is
// returned once and never stored or logged.
import {
  deleteTokenRecord,
  displayPrefix,
  mintSecret,
  orgView,
  putTokenRecord,
  sha256Hex,
  type CredentialKind,
} from '../../credentials'
import {
  insertToken,
  retireTokenRow,
  revokeTokenRow,
  selectToken,
  toTokenInfo,
  type TokenInfo,
  type TokenRow,
} from '../../repo/tokens'
import type { Org } from '../../repo/orgs'
import { conflict, invalidValue, notFound } from '../../scim/errors'
import type { Decision, Plan, WriteContext } from '../write-context'

export interface CreateTokenInput {
  kind: CredentialKind
  label: string
  expiresAt: string | null
}

export interface RotateTokenInput {
  tokenId: string
  /** How long the old token keeps working; 0 retires it at once. */
  overlapSeconds: number
  label?: string
}

export interface RevokeTokenInput {
  tokenId: string
  kind: CredentialKind
}

export interface MintedToken {
  /** The raw secret: shown once. */
  secret: string
  token: TokenInfo
}

export interface RotatedToken extends MintedToken {
  previous: TokenInfo
}

export const createToken =
  (kv: KVNamespace, orgId: string, input: CreateTokenInput): Plan<MintedToken> =>
  async (w) => {
    await w.org()
    if (input.expiresAt !== null && input.expiresAt <= w.now) {
      throw invalidValue('expiresAt must be in the future.')
    }
    return mintToken(w, kv, orgId, input)
  }

export const rotateToken =
  (kv: KVNamespace, orgId: string, input: RotateTokenInput): Plan<RotatedToken> =>
  async (w) => {
    const [rows] = await w.read(selectToken(w.db, orgId, input.tokenId))
    const old = rows[0]
    // A revoked or expired token has nothing left to rotate: its successor would be born expired.
    const ended = old?.revokedAt || (old?.expiresAt && old.expiresAt <= w.now)
    // An access token issued to an OAuth client is not rotated: the client asks for another.
    if (!old || old.kind !== 'scim' || old.clientId || ended) {
      throw notFound(`Token ${input.tokenId} not found, revoked or expired.`)
    }
    // Rotated once already (it is in its overlap): a second successor would leave two live
    // replacements of one credential. Its successor is the one to rotate.
    if (old.replacedBy) {
      throw conflict(
        `Token ${old.id} was already rotated: rotate its successor ${old.replacedBy} instead.`,
      )
    }
    const overlapEnd = new Date(Date.parse(w.now) + input.overlapSeconds * 1000).toISOString()
    // Rotation may shorten the old token's life, never extend it.
    const retiresAt = old.expiresAt && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd
    const minted = await mintToken(w, kv, orgId, {
      kind: 'scim',
      label: input.label ?? old.label,
      expiresAt: old.expiresAt,
    })
    const view = viewOf(await w.org())
    const previous: TokenRow = { ...old, expiresAt: retiresAt, replacedBy: minted.value.token.id }
    return {
      ...minted,
      statements: [
        ...minted.statements,
        retireTokenRow(w.db, orgId, old.id, retiresAt, minted.value.token.id),
      ],
      events: [
        {
          type: 'token.rotated',
          resourceType: 'Token',
          resourceId: old.id,
          data: { replacedBy: minted.value.token.id, retiresAt },
        },
        ...minted.events,
      ],
      value: { ...minted.value, previous: toTokenInfo(previous) },
      // The D1 row is authoritative; the KV expiry only lets KV forget the old hash. (After the
      // commit the plan's context is spent: everything the hook needs is computed now.)
      after: () =>
        putTokenRecord(kv, old.secretHash, {
          orgId,
          tokenId: old.id,
          kind: 'scim',
          expiresAt: retiresAt,
          view,
        }),
    }
  }

export const revokeToken =
  (kv: KVNamespace, orgId: string, input: RevokeTokenInput): Plan<TokenInfo> =>
  async (w) => {
    const [rows] = await w.read(selectToken(w.db, orgId, input.tokenId))
    const row = rows[0]
    if (!row || row.kind !== input.kind) throw notFound(`Token ${input.tokenId} not found.`)
    if (row.revokedAt) return { statements: [], events: [], value: toTokenInfo(row) }
    return {
      statements: [revokeTokenRow(w.db, orgId, row.id, w.now)],
      events: [
        {
          type: 'token.revoked',
          resourceType: 'Token',
          resourceId: row.id,
          data: { kind: row.kind },
        },
      ],
      value: toTokenInfo({ ...row, revokedAt: w.now }),
      after: () => deleteTokenRecord(kv, row.secretHash),
    }
  }

/**
 * A new credential: its row, its `token.created`/`admin_key.created` event, and its KV record put
 * before the commit. `clientId` makes it an access token of that OAuth client.
 */
export async function mintToken(
  w: WriteContext,
  kv: KVNamespace,
  orgId: string,
  { kind, label, expiresAt, clientId = null }: CreateTokenInput & { clientId?: string | null },
): Promise<Decision<MintedToken>> {
  const view = viewOf(await w.org())
  const secret = mintSecret(kind)
  const hash = await sha256Hex(secret)
  const row: TokenRow = {
    id: w.newId(),
    orgId,
    kind,
    label,
    prefix: displayPrefix(secret),
    secretHash: hash,
    createdAt: w.now,
    expiresAt,
    revokedAt: null,
    lastUsedAt: null,
    replacedBy: null,
    clientId,
  }
  return {
    statements: [insertToken(w.db, row)],
    events: [
      {
        type: kind === 'scim' ? 'token.created' : 'admin_key.created',
        resourceType: 'Token',
        resourceId: row.id,
        data: { label, prefix: row.prefix, expiresAt },
      },
    ],
    value: { secret, token: toTokenInfo(row) },
    before: {
      run: () => putTokenRecord(kv, hash, { orgId, tokenId: row.id, kind, expiresAt, view }),
      undo: () => deleteTokenRecord(kv, hash),
    },
  }
}

const viewOf = (org: Org) => orgView(org.settings, org)
