// zod schemas for the admin API (one per message).
import { z } from 'zod'

const isoFuture = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString())

/** Role URN: a URN whose last segment names the resource (RFC 7643 §3 schema URIs). */
const roleSchemaUrn = z
  .string()
  .regex(/^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+:User$/i, 'must be a URN ending in ":User"')

const rate = z.number().int().min(1).max(100_000)

const roleValue = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (max 64)')

export const settingsSchema = z
  .object({
    defaultTeamId: z.string().min(1).nullable(),
    groupPolicy: z.enum(['full', 'link-only']),
    roleSchema: roleSchemaUrn,
    roleValues: z
      .array(roleValue)
      .min(1)
      .max(50)
      .refine((v) => new Set(v.map((r) => r.toLowerCase())).size === v.length, 'must be unique'),
    /** Token-bucket rates; the defaults (500 reads/s, 200 writes/s) never throttle a real IdP sync. */
    readsPerSecond: rate,
    writesPerSecond: rate,
    /** The operator's ceilings for the two rates (operator only; an org admin may only lower). */
    maxReadsPerSecond: rate,
    maxWritesPerSecond: rate,
  })
  .strict()

export const createOrgSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'lower-case letters, digits and dashes (3-63)')
      .optional(),
    name: z.string().trim().min(1).max(200),
    settings: settingsSchema.partial().optional(),
  })
  .strict()

export const createTokenSchema = z
  .object({
    label: z.string().trim().min(1).max(200),
    expiresAt: isoFuture.nullable().optional(),
  })
  .strict()

export const rotateTokenSchema = z
  .object({
    /** Seconds the old token keeps working (default 24 h, 0 = retire at once, max 30 days). */
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict()

export const settingsPatchSchema = settingsSchema.partial()

/** GET …/events?after=<seq>&limit=<n> */
export const eventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
