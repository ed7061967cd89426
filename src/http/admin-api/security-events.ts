// The deployment's security event token signing keys, for the operator: list, rotate (a new key
// signs from now on, the former stay published), delete a former one. The org feeds are in
// directory.ts (POST /orgs/{orgId}/security-events/poll).
import { z } from 'zod'
import { addSigningKey, listSigningKeys, removeSigningKey } from '../../directory/security-events'
import { database } from '../../repo/db'
import { setIssuer } from '../security-events'
import { route } from './define'
import { errorBody } from './schemas'

const signingKey = z
  .object({
    kid: z.string(),
    createdAt: z.string(),
    signing: z.boolean().describe('The newest key signs; the others are published until deleted.'),
    publicJwk: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SetSigningKey' })

export const securityEventRoutes = [
  route({
    method: 'get',
    path: '/security-events/keys',
    summary: 'SET signing keys, the signing one first',
    access: 'operator',
    answers: {
      200: { description: 'The keys', schema: z.object({ data: z.array(signingKey) }) },
    },
    handle: async (c) => c.json(await listSigningKeys(database(c.env.DB))),
  }),
  route({
    method: 'post',
    path: '/security-events/keys',
    summary: 'Rotate: a new key signs SETs from now on; the former ones stay published',
    access: 'operator',
    answers: { 201: { description: 'The new signing key', schema: signingKey } },
    handle: async (c) => c.json(await addSigningKey(database(c.env.DB), setIssuer(c).sealKey), 201),
  }),
  route({
    method: 'delete',
    path: '/security-events/keys/{kid}',
    summary: 'Stop publishing a former key',
    access: 'operator',
    answers: {
      204: { description: 'Deleted' },
      404: { description: 'No such key', schema: errorBody },
      409: { description: 'The key signs: rotate first', schema: errorBody },
    },
    async handle(c, { params }) {
      await removeSigningKey(database(c.env.DB), params.kid)
      return c.body(null, 204)
    },
  }),
]
