// zod schemas of the admin API: one per request message (they validate the requests) and one per
// answer (they document them). Named with `.meta({ id })`, they become the OpenAPI components.
import { z } from 'zod'
import { EXTENSION_TYPES, MAX_EXTENSION_ATTRIBUTES } from '../../scim/extensions'

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
    /** How strictly SCIM requests are read: every known IdP quirk, or the interop profile. */
    profile: z.enum(['lenient', 'interop']),
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
    /** Days events are kept (and their webhook deliveries) before they are pruned. */
    eventRetentionDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .meta({ id: 'Settings' })

export const createOrgSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'lower-case letters, digits and dashes (3-63)')
      .optional(),
    name: z.string().trim().min(1).max(200),
    settings: settingsSchema.partial().optional(),
    shard: z
      .string()
      .optional()
      .describe('The shard to place the org on (GET /shards); by default the one with most room.'),
    jurisdiction: z
      .string()
      .regex(/^[a-z]{2,16}$/, 'a jurisdiction name such as "eu"')
      .optional()
      .describe("Data residency: the org's shard and writer are created in this jurisdiction."),
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

/** Catalogue text: printable, no control characters (what an IdP shows an administrator). */
const catalogueText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters')

const catalogueEntry = (value: z.ZodString) =>
  z
    .object({
      value,
      displayName: catalogueText(200),
      description: catalogueText(1000).nullable().optional(),
    })
    .strict()
    .transform((e) => ({ ...e, description: e.description ?? null }))

/** PUT …/roles: the whole role catalogue; its values become the org's role values. */
export const rolesCatalogueSchema = z
  .array(catalogueEntry(roleValue))
  .min(1)
  .max(50)
  .meta({ id: 'RoleCatalogue' })

/** PUT …/entitlements/{type}: the whole catalogue of one entitlement type. */
export const entitlementCatalogueSchema = z
  .array(catalogueEntry(catalogueText(256)))
  .max(500)
  .meta({ id: 'EntitlementCatalogue' })

/** PUT …/extensions/{urn}: one extension schema the org declares on User (scim/extensions). */
export const extensionSchemaInput = z
  .object({
    name: catalogueText(100),
    attributes: z
      .array(
        z
          .object({
            name: z.string(),
            type: z.enum(EXTENSION_TYPES),
            multiValued: z.boolean().default(false),
            caseExact: z.boolean().default(false),
            canonicalValues: z.array(catalogueText(256)).min(1).max(100).optional(),
            required: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_EXTENSION_ATTRIBUTES),
  })
  .strict()
  .meta({ id: 'ExtensionInput' })

// — Answers (documentation of what the routes return; the types they return are in model/). —

const timestamp = z.iso.datetime({ offset: true })
const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      data: z.array(item),
      next: z.string().nullable().describe('Pass as `after` for the next page; null at the end.'),
    })
    .meta({ id })

export const errorBody = z
  .object({ error: z.object({ status: z.number().int(), message: z.string() }) })
  .meta({ id: 'Error' })

export const meBody = z
  .union([
    z.object({ role: z.literal('operator') }),
    z.object({
      role: z.literal('org-admin'),
      orgId: z.string(),
      orgName: z.string(),
      via: z.enum(['key', 'session']).describe('An admin key, or a console session cookie.'),
      csrfToken: z
        .string()
        .optional()
        .describe('Console sessions only: send as X-CSRF-Token on POST, PATCH and DELETE.'),
    }),
  ])
  .meta({ id: 'Me' })

export const orgBody = z
  .object({
    id: z.string(),
    name: z.string(),
    settings: settingsSchema,
    placement: z
      .object({ shard: z.string(), jurisdiction: z.string().nullable() })
      .optional()
      .describe('Where the org lives (operator answers of POST and GET /orgs).'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Org' })

const catalogueEntryBody = z.object({
  value: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
})

export const rolesBody = z
  .object({ data: z.array(catalogueEntryBody) })
  .meta({ id: 'Roles', description: 'The role catalogue, in its order (Okta reads it at /Roles).' })

export const entitlementTypeBody = z
  .object({ type: z.string(), values: z.array(catalogueEntryBody) })
  .meta({ id: 'EntitlementType' })

export const entitlementTypesBody = z
  .object({ data: z.array(entitlementTypeBody) })
  .meta({ id: 'EntitlementTypes' })

const extensionAttributeBody = z.object({
  name: z.string(),
  type: z.enum(EXTENSION_TYPES),
  multiValued: z.boolean(),
  caseExact: z.boolean(),
  canonicalValues: z.array(z.string()).optional(),
  required: z.boolean().optional(),
})

export const extensionBody = z
  .object({ urn: z.string(), name: z.string(), attributes: z.array(extensionAttributeBody) })
  .meta({ id: 'Extension' })

export const extensionsBody = z.object({ data: z.array(extensionBody) }).meta({ id: 'Extensions' })

const undeclaredValues = z
  .array(z.object({ urn: z.string(), attribute: z.string(), users: z.number().int() }))
  .describe(
    'Attributes this change left undeclared that users still hold values for: the values are kept (not returned, not filterable) until the attribute is declared again.',
  )

export const extensionChangedBody = extensionBody
  .extend({ undeclaredValues })
  .meta({ id: 'ExtensionChanged' })

export const extensionRemovedBody = z
  .object({ urn: z.string(), undeclaredValues })
  .meta({ id: 'ExtensionRemoved' })

export const shardsBody = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        binding: z.string().describe('The D1 binding in wrangler.toml.'),
        jurisdiction: z.string().nullable(),
        orgs: z.number().int(),
        users: z.number().int(),
        teams: z.number().int(),
        sizeBytes: z.number().int().describe("The database's size as D1 reports it."),
        maxBytes: z.number().int().describe("D1's maximum database size."),
        usedFraction: z.number(),
      }),
    ),
  })
  .meta({ id: 'Shards' })

export const moveSchema = z.object({ shard: z.string().min(1) }).strict()

export const moveBody = z
  .object({
    id: z.string(),
    orgId: z.string(),
    from: z.string(),
    to: z.string(),
    phase: z
      .enum(['copying', 'catching-up', 'flipping', 'cleaning', 'done', 'failed'])
      .describe('done: the org lives on `to`; failed: rolled back, the org is on `from`, intact.'),
    startedAt: timestamp,
    updatedAt: timestamp,
    finishedAt: timestamp.nullable(),
    rowsCopied: z.record(z.string(), z.number().int()),
    changesReplayed: z
      .number()
      .int()
      .describe('Changes made during the copy, replayed on the target.'),
    writesHeldMs: z.number().int().nullable().describe('How long writes waited during the flip.'),
    verified: z
      .array(
        z.object({
          table: z.string(),
          rows: z.number().int(),
          digest: z.string(),
          rechecked: z.number().int(),
        }),
      )
      .nullable()
      .describe(
        'Per table: rows (equal on both shards at the flip), a SHA-256 of the rows compared one by one on both shards, and how many changed meanwhile and were compared again with writes held.',
      ),
    rowsCleaned: z.number().int(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Move' })

export const orgsBody = z.object({ orgs: z.array(orgBody) }).meta({ id: 'Orgs' })

export const tokenBody = z
  .object({
    id: z.string(),
    orgId: z.string(),
    kind: z.enum(['scim', 'admin']),
    label: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell tokens apart.'),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
    replacedBy: z.string().nullable(),
    clientId: z
      .string()
      .nullable()
      .describe('An access token issued at /oauth/token: the OAuth client it belongs to.'),
  })
  .meta({ id: 'Token' })

export const mintedBody = z
  .object({
    secret: z.string().describe('Shown once: only its SHA-256 is kept.'),
    token: tokenBody,
  })
  .meta({ id: 'MintedToken' })

export const rotatedBody = z
  .object({ secret: z.string(), token: tokenBody, previous: tokenBody })
  .meta({ id: 'RotatedToken' })

export const tokensBody = z.object({ tokens: z.array(tokenBody) }).meta({ id: 'Tokens' })
export const keysBody = z.object({ keys: z.array(tokenBody) }).meta({ id: 'AdminKeys' })

export const userBody = z
  .object({
    id: z.string(),
    userName: z.string(),
    email: z.string().nullable().describe('The primary email, else the first.'),
    externalId: z.string().nullable(),
    active: z.boolean(),
    displayName: z.string().nullable(),
    name: z.object({
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      formatted: z.string().nullable(),
    }),
    role: z.string().nullable(),
    roles: z.array(z.string()),
    entitlements: z.array(z.object({ value: z.string(), type: z.string().nullable() })),
    extensions: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .describe("The org's own extensions as stored, by schema URN."),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    enterprise: z.record(z.string(), z.unknown()).nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'User' })

export const teamBody = z
  .object({
    id: z.string(),
    name: z.string(),
    externalId: z.string().nullable(),
    source: z.enum(['idp', 'app']),
    memberCount: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Team' })

export const memberBody = z
  .object({
    userId: z.string(),
    userName: z.string(),
    email: z.string().nullable(),
    role: z.string().nullable(),
    addedAt: timestamp,
  })
  .meta({ id: 'TeamMember' })

export const eventBody = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    type: z.string(),
    orgId: z.string(),
    occurredAt: timestamp,
    actor: z.union([
      z.object({ kind: z.literal('scim'), tokenId: z.string() }),
      z.object({ kind: z.literal('admin'), keyId: z.string() }),
      z.object({ kind: z.literal('app') }),
    ]),
    data: z.unknown().describe('The object as of the change (see docs/events.md).'),
    previous: z.unknown().optional().describe('Updates only: the changed fields’ former values.'),
  })
  .meta({ id: 'Event' })

export const usersPage = page(userBody, 'UserPage')
export const teamsPage = page(teamBody, 'TeamPage')
export const membersPage = page(memberBody, 'TeamMemberPage')
export const eventsPage = z
  .object({ data: z.array(eventBody), next: z.number().int().describe('The last seq shown.') })
  .meta({ id: 'EventPage' })

/** RFC 8936 §2.4: a poll request (acknowledgements and errors for SETs received, and how many more). */
export const pollRequestBody = z
  .object({
    ack: z.array(z.string().min(1)).max(1000).optional(),
    setErrs: z
      .record(
        z.string().min(1),
        z.object({ err: z.string().min(1), description: z.string().optional() }),
      )
      .optional(),
    maxEvents: z.number().int().min(0).max(1000).optional(),
    returnImmediately: z.boolean().optional(),
  })
  .meta({ id: 'SetPollRequest' })

export const pollResponseBody = z
  .object({
    sets: z.record(z.string(), z.string()).describe('Each SET (a JWS, ES256) by its jti.'),
    moreAvailable: z.boolean(),
  })
  .meta({ id: 'SetPollResponse' })
