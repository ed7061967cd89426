// What the directory's list operations accept — one zod schema per operation, used by the admin
// API (query strings, so numbers and booleans arrive as text) and by the `Directory` service
// binding (plain values) alike, and published in the OpenAPI document. Unknown query parameters
// are ignored, as everywhere in this API.
import { z } from 'zod'

/** The most items one page may hold. */
export const MAX_PAGE = 500
const DEFAULT_PAGE = 100

const limit = z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE)
/** The opaque `next` of the previous page. */
const after = z.string().min(1).max(400).optional()
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])

export const usersQuery = z.object({
  limit,
  after,
  /** Users having this email (any of theirs, compared case-insensitively). */
  email: z.string().min(1).max(1024).optional(),
  externalId: z.string().min(1).max(1024).optional(),
  active: bool.optional(),
  /** Members of this team only. */
  teamId: z.string().min(1).max(200).optional(),
  /** Users holding this role. */
  role: z.string().min(1).max(64).optional(),
  /**
   * Search: users whose userName, displayName or an email starts with this (compared as names
   * are: case- and form-insensitively; emails ASCII case-insensitively).
   */
  q: z.string().trim().min(1).max(256).optional(),
})

export const teamsQuery = z.object({
  limit,
  after,
  /** The team with this name (compared as IdPs link by it: case- and form-insensitively). */
  name: z.string().min(1).max(1024).optional(),
})

export const membersQuery = z.object({ limit, after })

const TYPE = /^[a-z_]+(\.[a-z_]+)+$/
const types = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((list) => list.map((t) => t.trim()).filter((t) => t !== ''))
  .pipe(z.array(z.string().regex(TYPE, 'event types look like "user.created"')).max(50))

export const eventsQuery = z.object({
  /** The seq after which to start (0: from the oldest kept). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Only these types (comma-separated in a query string). */
  types: types.optional(),
  /** Only events about this resource (a user's own events: user.*, role.*; a team's: team.*). */
  resourceId: z.string().min(1).max(200).optional(),
})

export const createTeamBody = z.object({ name: z.string().trim().min(1).max(1024) }).strict()

export type UsersQuery = z.input<typeof usersQuery>
export type TeamsQuery = z.input<typeof teamsQuery>
export type MembersQuery = z.input<typeof membersQuery>
export type EventsQuery = z.input<typeof eventsQuery>
