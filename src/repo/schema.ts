// Drizzle schema for D1. Migrations under migrations/ are generated from this file
// (`npx drizzle-kit generate`); docs/storage.md explains every table, index and invariant.
import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

/** Timestamps are ISO 8601 UTC strings with milliseconds: they sort lexicographically. */
const timestamp = (name: string) => text(name)

export const orgs = sqliteTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  defaultTeamId: text('default_team_id'),
  groupPolicy: text('group_policy', { enum: ['full', 'link-only'] })
    .notNull()
    .default('full'),
  roleSchema: text('role_schema').notNull(),
  /**
   * How strictly SCIM requests are read (docs/compat.md): `lenient` tolerates every IdP quirk we
   * know; `interop` follows draft-zollner-scim-interop-profile-02 (unknown attributes, pathless
   * PATCH operations and loose filtered paths are refused).
   */
  profile: text('profile', { enum: ['lenient', 'interop'] })
    .notNull()
    .default('lenient'),
  /** JSON array of allowed role values. */
  roleValues: text('role_values').notNull(),
  /**
   * JSON: the role catalogue (scim/catalogue): `[{value, displayName, description}]`, one entry
   * per role value in `role_values`' order. Null until written: each value named after itself.
   */
  roleCatalogue: text('role_catalogue'),
  /** JSON: the entitlement types and their values, `[{type, values: [...]}]`; null: none. */
  entitlementCatalogue: text('entitlement_catalogue'),
  /** JSON: the org's own schema extensions (scim/extensions), `[{urn, name, attributes}]`. */
  extensions: text('extensions'),
  /** Per-org request limits (token bucket rates); defaults let any real IdP sync through. */
  readsPerSecond: integer('reads_per_second').notNull().default(500),
  writesPerSecond: integer('writes_per_second').notNull().default(200),
  /** The operator's ceilings: an org admin may lower the rates above, never raise them past these. */
  maxReadsPerSecond: integer('max_reads_per_second').notNull().default(500),
  maxWritesPerSecond: integer('max_writes_per_second').notNull().default(200),
  /** Days events (and their deliveries) are kept before the Cron Trigger prunes them. */
  eventRetentionDays: integer('event_retention_days').notNull().default(30),
  /**
   * Which name-folding rule the org's `…_key` columns follow (NAME_KEYS_VERSION in
   * repo/name-keys.ts); older orgs are re-keyed by their writer.
   */
  nameKeysVersion: integer('name_keys_version').notNull().default(0),
  /**
   * Batches the org's writer committed (repo/fence.ts): every commit increments it and refuses to
   * commit unless it was what the writer expected, so a writer whose local state is behind D1
   * (or a second writer) cannot write, and a writer starting up knows whether its state is current.
   */
  commitSeq: integer('commit_seq').notNull().default(0),
  /**
   * Null where the org lives. Set, this row is a pointer: the org's rows are in that shard
   * (after a move, on the old shard; during one, on the copy being built) — every read batch
   * probes it (repo/guarded-reader.ts), so a reader with a stale placement re-reads there.
   */
  movedTo: text('moved_to'),
  /**
   * How many times the org moved between shards. A move renumbers its users' and teams' `seq`
   * (their list order), so list cursors carry this and a cursor from before a move is refused.
   */
  moves: integer('moves').notNull().default(0),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/**
 * Control database only (src/placement/): which shard holds each org, and the jurisdiction it
 * was created in (fixed for its life). The primary key makes org ids unique across shards.
 */
export const orgPlacements = sqliteTable(
  'org_placements',
  {
    orgId: text('org_id').primaryKey(),
    shard: text('shard').notNull(),
    jurisdiction: text('jurisdiction'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('org_placements_shard').on(t.shard)],
)

/**
 * A moving org's changes on its source shard (do/move/): temporary triggers, created for that
 * org when its move starts and dropped when it ends, log the key of every row written, so the
 * copy can catch up with what changed while it was made.
 */
export const orgMoveChanges = sqliteTable(
  'org_move_changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    orgId: text('org_id').notNull(),
    tableName: text('table_name').notNull(),
    /** The row's key: JSON of its primary-key columns (or natural key), as the copy reads it. */
    rowKey: text('row_key').notNull(),
  },
  (t) => [index('org_move_changes_org').on(t.orgId, t.seq)],
)

/** SCIM bearer tokens and org admin keys: metadata only; the secret's SHA-256 is the KV key. */
export const tokens = sqliteTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['scim', 'admin', 'session', 'portal'] }).notNull(),
    label: text('label').notNull(),
    /** The first characters of the secret, to tell tokens apart in lists. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the secret (hex), the same as its KV key: lets revocation delete the KV entry. */
    secretHash: text('secret_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at'),
    revokedAt: timestamp('revoked_at'),
    lastUsedAt: timestamp('last_used_at'),
    /** Set on rotation: the token that replaced this one. */
    replacedBy: text('replaced_by'),
    /**
     * An access token issued at /oauth/token: the OAuth client it was issued to (no foreign key:
     * deleting the client revokes its tokens, the rows keep the link).
     */
    clientId: text('client_id'),
  },
  (t) => [
    index('tokens_org_kind').on(t.orgId, t.kind, t.createdAt),
    uniqueIndex('tokens_secret_hash').on(t.secretHash),
    index('tokens_client').on(t.clientId, t.expiresAt),
  ],
)

/**
 * OAuth 2.0 clients of an org (RFC 6749 §2): SCIM clients that get short-lived access tokens at
 * /oauth/token with the client_credentials grant, authenticated by a JWT signed with one of their
 * keys (RFC 7523 §2.2). The keys are public: inline (`jwks`, normalized JSON) or at an https
 * `jwks_uri` fetched when needed; exactly one of the two is set.
 */
export const oauthClients = sqliteTable(
  'oauth_clients',
  {
    /** The client_id, also the `iss` and `sub` of its assertions; it names the org. */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    jwks: text('jwks'),
    jwksUri: text('jwks_uri'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('oauth_clients_org').on(t.orgId, t.createdAt),
    check('oauth_clients_one_key_source', sql`(${t.jwks} IS NULL) <> (${t.jwksUri} IS NULL)`),
  ],
)

export const users = sqliteTable(
  'users',
  {
    /** Insertion order: the stable default sort for paging. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    userName: text('user_name').notNull(),
    /** foldName(userName) (scim/identity.ts): uniqueness, `userName eq`/sw/co/ew and sorting. */
    userNameKey: text('user_name_key').notNull(),
    externalId: text('external_id'),
    displayName: text('display_name'),
    /** foldName(displayName): `displayName` filters and sorting. */
    displayNameKey: text('display_name_key'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Canonical SCIM JSON (core + extension objects keyed by URN), without id/meta/groups. */
    data: text('data').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_org_id').on(t.orgId, t.id),
    /** The default list order and cursor position: a range scan, never a sort or an offset walk. */
    index('users_org_seq').on(t.orgId, t.seq),
    uniqueIndex('users_org_user_name_key').on(t.orgId, t.userNameKey),
    index('users_org_external_id').on(t.orgId, t.externalId),
    index('users_org_display_name_key').on(t.orgId, t.displayNameKey),
    index('users_org_active').on(t.orgId, t.active, t.seq),
    index('users_org_created').on(t.orgId, t.createdAt),
    index('users_org_updated').on(t.orgId, t.updatedAt),
  ],
)

export const teams = sqliteTable(
  'teams',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    displayName: text('display_name').notNull(),
    /** foldName(displayName): uniqueness, IdP linking by name and `displayName eq`. */
    displayNameKey: text('display_name_key').notNull(),
    externalId: text('external_id'),
    data: text('data').notNull(),
    memberCount: integer('member_count').notNull().default(0),
    /** Who owns the team: an IdP (SCIM Groups) or the app (directory API; IdPs link to it by name). */
    source: text('source', { enum: ['idp', 'app'] })
      .notNull()
      .default('idp'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('teams_org_id').on(t.orgId, t.id),
    index('teams_org_seq').on(t.orgId, t.seq),
    uniqueIndex('teams_org_display_name_key').on(t.orgId, t.displayNameKey),
    index('teams_org_external_id').on(t.orgId, t.externalId),
    index('teams_org_created').on(t.orgId, t.createdAt),
    index('teams_org_updated').on(t.orgId, t.updatedAt),
  ],
)

export const teamMembers = sqliteTable(
  'team_members',
  {
    orgId: text('org_id').notNull(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    addedAt: timestamp('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.userId] }),
    /**
     * A user's teams. Covering (team_id included): without it SQLite prefers the covering primary
     * key with only org_id bound — a scan of every membership of the org per user looked up.
     */
    index('team_members_org_user_team').on(t.orgId, t.userId, t.teamId),
  ],
)

/**
 * Every email value of every user, folded as `emails.value` compares (ASCII lower(): the attribute
 * lives in JSON, src/scim/text.ts): the index behind `emails[type eq "work"].value eq "x"` and
 * `emails.value eq "x"`, the lookups IdPs match users with (Entra, OpenID IPSIE). Rewritten with
 * the user's row in the same batch; `data` stays the truth and the filter still checks it.
 */
export const userEmails = sqliteTable(
  'user_emails',
  {
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    valueKey: text('value_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.valueKey, t.userId] }),
    index('user_emails_org_user').on(t.orgId, t.userId),
  ],
)

/**
 * The value index of the org's own extensions (scim/extensions): one row per string value of an
 * attribute under an org-extension URN, keyed by `lower(urn:attr)` and the value folded
 * (repo/extension-values.ts), written in the same batch as the user's row, so `eq` filters on
 * declared attributes probe it instead of walking every user's JSON.
 */
export const userExtensionValues = sqliteTable(
  'user_extension_values',
  {
    orgId: text('org_id').notNull(),
    attrKey: text('attr_key').notNull(),
    valueKey: text('value_key').notNull(),
    userId: text('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.attrKey, t.valueKey, t.userId] }),
    index('user_extension_values_org_user').on(t.orgId, t.userId),
  ],
)

export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    assignedAt: timestamp('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.role] })],
)

/** The outbox: every write appends its events in the same db.batch. `seq` is per org, gap-free. */
export const events = sqliteTable(
  'events',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    /** The SCIM token or admin key that made the change (null for operator actions). */
    tokenId: text('token_id'),
    /** Who made the change: `scim` (a SCIM token), `admin` (an org admin key) or `app`. */
    actor: text('actor', { enum: ['scim', 'admin', 'app'] })
      .notNull()
      .default('app'),
    /** The resource as of the change (JSON): a User, a Team, or {team, user} for memberships. */
    data: text('data').notNull(),
    /** Updates only (JSON): the changed fields' values before the change. */
    previous: text('previous'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    check('events_seq_positive', sql`${t.seq} > 0`),
    /** Retention (jobs/scheduled.ts) deletes from the oldest. */
    index('events_created').on(t.createdAt),
    /** A resource's own events (the console's user view: `resourceId=`). */
    index('events_resource').on(t.orgId, t.resourceId, t.seq),
  ],
)

/**
 * Webhook endpoints (operator-owned: the SaaS backend). The signing secret is kept sealed
 * (AES-GCM, credentials/seal.ts): HMAC signing needs the secret itself, so it cannot be hashed.
 */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description'),
  /** JSON array of event types delivered; null = every type. */
  eventTypes: text('event_types'),
  /** JSON array of org ids whose events are delivered; null = every org. */
  orgIds: text('org_ids'),
  /**
   * What a delivery carries: `json`, the event as the feed shows it (Standard Webhooks), or `set`,
   * the event as a signed Security Event Token (RFC 8935 push, application/secevent+jwt).
   */
  format: text('format', { enum: ['json', 'set'] })
    .notNull()
    .default('json'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  secret: text('secret').notNull(),
  /** After a rotation: the former secret, which keeps signing beside the new one until it expires. */
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at'),
  /** When the endpoint's current run of failures began (null after any success). */
  failingSince: timestamp('failing_since'),
  disabledAt: timestamp('disabled_at'),
  disabledReason: text('disabled_reason'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
})

/** One row per (endpoint, event): the delivery log and the retry state. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** Insertion order: the log's order and its cursor. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** Derived from (webhook, event): a repeated fan-out finds the same row. */
    id: text('id').notNull(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** The org whose event this is; null for the endpoint's own events (`webhook.test`, …). */
    orgId: text('org_id'),
    eventSeq: integer('event_seq'),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The body of an event that is not in the outbox (`webhook.test`, `webhook.disabled`). */
    payload: text('payload'),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    /** Attempts in the current round (a redelivery starts a new round). */
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at'),
    nextAttemptAt: timestamp('next_attempt_at'),
    deliveredAt: timestamp('delivered_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_id').on(t.id),
    index('webhook_deliveries_log').on(t.webhookId, t.seq),
    /** The sweep finds pending deliveries whose message was lost. */
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_created').on(t.createdAt),
  ],
)

/**
 * Never holds a row: a write batch inserts into it only when one of its conditions does not hold
 * (repo/fence.ts), and the CHECK then fails the whole batch. The constraint's name says which.
 */
export const writeFence = sqliteTable('write_fence', { ok: integer('ok').notNull() }, (t) => [
  check('writer_fenced', sql`${t.ok} = 1`),
])

/**
 * How many users and teams an org has, and how many were ever removed — kept by triggers on
 * `users` and `teams` (migration 0011), so every insert and delete counts, whoever makes it. A
 * list's total comes from here instead of count(*) over the org, and `…_removed` tells whether
 * positions in the org's insertion order may have shifted (repo/list.ts, index-paging bookmarks).
 */
export const orgCounts = sqliteTable('org_counts', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  users: integer('users').notNull().default(0),
  teams: integer('teams').notNull().default(0),
  usersRemoved: integer('users_removed').notNull().default(0),
  teamsRemoved: integer('teams_removed').notNull().default(0),
})

/**
 * Signing keys of security event tokens (RFC 8417 SETs, the SCIM profile of RFC 9967): ES256, one
 * service-wide set; the newest signs, every one is published (GET /security-events/jwks.json)
 * until removed. The private JWK is sealed under WEBHOOK_SECRETS_KEY (credentials/seal.ts).
 */
export const setKeys = sqliteTable('set_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: text('public_jwk').notNull(),
  privateSealed: text('private_sealed').notNull(),
  createdAt: timestamp('created_at').notNull(),
})

/**
 * Each org's SET poll feed (RFC 8936): every event with seq ≤ acked_through is acknowledged;
 * beyond it, set_acks holds the ones acknowledged out of order (or reported in setErrs).
 */
export const setFeeds = sqliteTable('set_feeds', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  ackedThrough: integer('acked_through').notNull().default(0),
})

export const setAcks = sqliteTable(
  'set_acks',
  {
    orgId: text('org_id').notNull(),
    seq: integer('seq').notNull(),
    /** setErrs: the receiver's error code and description (RFC 8936 §2.4.1), null for an ack. */
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.seq] })],
)
