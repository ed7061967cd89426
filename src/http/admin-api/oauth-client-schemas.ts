// zod schemas of the OAuth client routes (oauth-clients.ts): the registration they validate and
// the answers they document.
import { z } from 'zod'
import { ASSERTION_ALGORITHMS, jwksSchema } from '../../model/jwks'
import { MAX_URL_LENGTH } from '../../model/webhook-policy'

export const createOAuthClientSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    jwks: jwksSchema.optional(),
    jwksUri: z
      .string()
      .min(1)
      .max(MAX_URL_LENGTH)
      .optional()
      .describe('An https URL serving the JWK Set; fetched when needed, cached.'),
  })
  .strict()
  .refine((body) => (body.jwks === undefined) !== (body.jwksUri === undefined), {
    message: 'give exactly one of jwks and jwksUri',
  })

const keySummaryBody = z.object({
  kid: z.string().nullable(),
  kty: z.enum(['EC', 'RSA', 'OKP']),
  alg: z.enum(ASSERTION_ALGORITHMS).nullable(),
  crv: z.string().nullable(),
})

export const oauthClientBody = z
  .object({
    clientId: z.string().describe('The `iss` and `sub` of its client assertions.'),
    orgId: z.string(),
    name: z.string(),
    jwksUri: z.string().optional(),
    keys: z.array(keySummaryBody).optional().describe('Registered inline: its public keys.'),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'OAuthClient' })

export const oauthClientsBody = z
  .object({ data: z.array(oauthClientBody) })
  .meta({ id: 'OAuthClients' })
