// SCIM tokens (the operator or the org's own admin key) and org admin keys (the operator): minted
// by the org's writer, the secret in the answer and nowhere else; rotation with overlap; revocation
// that holds from the next request (repo/guarded-reader.ts).
import type { Context } from 'hono'
import type { CredentialKind } from '../../credentials'
import { unwrap, writerOf } from '../../do/client'
import type { AppEnv } from '../../env'
import { selectTokens, toTokenInfo } from '../../repo/tokens'
import { actorFor, loadOrg, reader } from './context'
import { route } from './define'
import {
  createTokenSchema,
  errorBody,
  keysBody,
  mintedBody,
  rotatedBody,
  rotateTokenSchema,
  tokenBody,
  tokensBody,
} from './schemas'

type Minting = { label: string; expiresAt?: string | null }

async function mint(c: Context<AppEnv>, orgId: string, kind: CredentialKind, body: Minting) {
  const input = { kind, label: body.label, expiresAt: body.expiresAt ?? null }
  const minted = await unwrap((await writerOf(c.env, orgId)).createToken(orgId, actorFor(c), input))
  return c.json(minted, 201)
}

async function revoke(c: Context<AppEnv>, orgId: string, tokenId: string, kind: CredentialKind) {
  const stub = await writerOf(c.env, orgId)
  return c.json(await unwrap(stub.revokeToken(orgId, actorFor(c), { tokenId, kind })))
}

const notFound = { description: 'No such org, or no such live token', schema: errorBody }

export const keyRoutes = [
  route({
    method: 'post',
    path: '/orgs/{orgId}/admin-keys',
    summary: 'Mint an org admin key (its secret is shown once)',
    access: 'operator',
    body: createTokenSchema,
    answers: { 201: { description: 'The key and its secret', schema: mintedBody } },
    handle: (c, { params, body }) => mint(c, params.orgId, 'admin', body),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/admin-keys',
    summary: "An org's admin keys (never their secrets)",
    access: 'operator',
    answers: { 200: { description: 'Newest first', schema: keysBody } },
    async handle(c, { params }) {
      const db = reader(c, params.orgId)
      const [rows] = await db.read(selectTokens(db.db, params.orgId, 'admin'))
      return c.json({ keys: rows.map(toTokenInfo) })
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/admin-keys/{keyId}',
    summary: 'Revoke an org admin key (immediately)',
    access: 'operator',
    answers: { 200: { description: 'The revoked key', schema: tokenBody }, 404: notFound },
    handle: (c, { params }) => revoke(c, params.orgId, params.keyId, 'admin'),
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/tokens',
    summary: "An org's SCIM tokens (never their secrets)",
    access: 'org',
    answers: { 200: { description: 'Newest first', schema: tokensBody }, 404: notFound },
    async handle(c, { params }) {
      await loadOrg(c, params.orgId)
      const db = reader(c, params.orgId)
      // Access tokens issued to OAuth clients come and go hourly: they are the client's.
      const [rows] = await db.read(selectTokens(db.db, params.orgId, 'scim', true))
      return c.json({ tokens: rows.map(toTokenInfo) })
    },
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/tokens',
    summary: 'Mint a SCIM token for an identity provider (its secret is shown once)',
    access: 'org',
    body: createTokenSchema,
    answers: { 201: { description: 'The token and its secret', schema: mintedBody } },
    handle: (c, { params, body }) => mint(c, params.orgId, 'scim', body),
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/tokens/{tokenId}/rotate',
    summary: 'Rotate a SCIM token: a new one now, the old one until the overlap ends',
    access: 'org',
    body: rotateTokenSchema,
    answers: {
      201: { description: 'The new token, its secret, and the old one', schema: rotatedBody },
      404: notFound,
      409: { description: 'Already rotated: rotate its successor', schema: errorBody },
    },
    async handle(c, { params, body }) {
      const input = { tokenId: params.tokenId, ...body }
      const stub = await writerOf(c.env, params.orgId)
      return c.json(await unwrap(stub.rotateToken(params.orgId, actorFor(c), input)), 201)
    },
  }),
  route({
    method: 'delete',
    path: '/orgs/{orgId}/tokens/{tokenId}',
    summary: 'Revoke a SCIM token (immediately)',
    access: 'org',
    answers: { 200: { description: 'The revoked token', schema: tokenBody }, 404: notFound },
    handle: (c, { params }) => revoke(c, params.orgId, params.tokenId, 'scim'),
  }),
]
