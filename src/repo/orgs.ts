// Orgs and their settings.
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { anyKey, claimKey, read, write } from './claims'
import { NAME_KEYS_VERSION } from './name-keys'
import type { Db } from './db'
import { orgs } from './schema'
import { catalogueOfValues, type CatalogueEntry, type EntitlementType } from '../scim/catalogue'
import type { ExtensionDeclaration } from '../scim/extensions'
import { foldCase } from '../scim/text'
import type { RoleSettings } from '../scim/schema'

export type OrgRow = typeof orgs.$inferSelect
export type GroupPolicy = OrgRow['groupPolicy']
export type ScimProfile = OrgRow['profile']

export interface OrgSettings {
  defaultTeamId: string | null
  groupPolicy: GroupPolicy
  roleSchema: string
  roleValues: string[]
  /** How strictly SCIM requests are read: `lenient` (IdP quirks) or `interop` (the profile). */
  profile: ScimProfile
  /** Token-bucket rates per org: writes exact (in the OrgWriter), reads per isolate. */
  readsPerSecond: number
  writesPerSecond: number
  /** The operator's ceilings for those rates (an org admin may only lower the rates). */
  maxReadsPerSecond: number
  maxWritesPerSecond: number
  /** Days events are kept before the Cron Trigger prunes them. */
  eventRetentionDays: number
}

/** What an org's users may be granted, with the names IdPs show (scim/catalogue). */
export interface OrgCatalogue {
  /** One entry per role value, in `settings.roleValues` order. */
  roles: CatalogueEntry[]
  entitlementTypes: EntitlementType[]
}

export interface Org {
  id: string
  name: string
  settings: OrgSettings
  catalogue: OrgCatalogue
  /** The org's own schema extensions on User (scim/extensions), in declaration order. */
  extensions: ExtensionDeclaration[]
  createdAt: string
  updatedAt: string
}

export const selectOrg = (db: Db, orgId: string) =>
  read<OrgRow[]>(db.select().from(orgs).where(eq(orgs.id, orgId)), [claimKey.org()])

/**
 * The probe every org-scoped read batch carries (repo/guarded-reader.ts): where the org's row on
 * this shard says the org is (null: here), how many times it moved, and its `updated_at` — the
 * version of the org's view a token's KV record caches (auth/org-view-refresh.ts).
 */
export const selectOrgPointer = (db: Db, orgId: string) =>
  read<OrgPointer[]>(
    db
      .select({ movedTo: orgs.movedTo, moves: orgs.moves, updatedAt: orgs.updatedAt })
      .from(orgs)
      .where(eq(orgs.id, orgId)),
    [],
  )

export interface OrgPointer {
  movedTo: string | null
  moves: number
  updatedAt: string
}

/** The orgs that live on this shard (not the pointers moves leave), oldest first. */
export const selectLiveOrgs = (db: Db) =>
  read<OrgRow[]>(
    db.select().from(orgs).where(isNull(orgs.movedTo)).orderBy(asc(orgs.createdAt), asc(orgs.id)),
    [],
  )

/** Which of `ids` are orgs. */
export function toOrg(row: OrgRow): Org {
  return {
    id: row.id,
    name: row.name,
    settings: {
      defaultTeamId: row.defaultTeamId,
      groupPolicy: row.groupPolicy,
      profile: row.profile,
      roleSchema: row.roleSchema,
      roleValues: JSON.parse(row.roleValues) as string[],
      readsPerSecond: row.readsPerSecond,
      writesPerSecond: row.writesPerSecond,
      maxReadsPerSecond: row.maxReadsPerSecond,
      maxWritesPerSecond: row.maxWritesPerSecond,
      eventRetentionDays: row.eventRetentionDays,
    },
    catalogue: catalogueOf(row),
    extensions: row.extensions ? (JSON.parse(row.extensions) as ExtensionDeclaration[]) : [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function catalogueOf(row: OrgRow): OrgCatalogue {
  const values = JSON.parse(row.roleValues) as string[]
  return {
    roles: row.roleCatalogue
      ? (JSON.parse(row.roleCatalogue) as CatalogueEntry[])
      : catalogueOfValues(values),
    entitlementTypes: row.entitlementCatalogue
      ? (JSON.parse(row.entitlementCatalogue) as EntitlementType[])
      : [],
  }
}

/**
 * The role catalogue for a list of role values: the entries already named for those values
 * (matched without regard to case, spelled as listed), and new values named after themselves.
 */
export function rolesCatalogueFor(
  values: readonly string[],
  before: readonly CatalogueEntry[],
): CatalogueEntry[] {
  return values.map((value) => {
    const known = before.find((e) => foldCase(e.value) === foldCase(value))
    return known ? { ...known, value } : catalogueOfValues([value])[0]
  })
}

export const insertOrg = (db: Db, org: Org) =>
  write(
    db.insert(orgs).values({
      id: org.id,
      name: org.name,
      defaultTeamId: org.settings.defaultTeamId,
      groupPolicy: org.settings.groupPolicy,
      profile: org.settings.profile,
      roleSchema: org.settings.roleSchema,
      roleValues: JSON.stringify(org.settings.roleValues),
      roleCatalogue: JSON.stringify(org.catalogue.roles),
      entitlementCatalogue: JSON.stringify(org.catalogue.entitlementTypes),
      extensions: JSON.stringify(org.extensions),
      readsPerSecond: org.settings.readsPerSecond,
      writesPerSecond: org.settings.writesPerSecond,
      maxReadsPerSecond: org.settings.maxReadsPerSecond,
      maxWritesPerSecond: org.settings.maxWritesPerSecond,
      eventRetentionDays: org.settings.eventRetentionDays,
      nameKeysVersion: NAME_KEYS_VERSION,
      createdAt: org.createdAt,
      updatedAt: org.updatedAt,
    }),
    [claimKey.org(), anyKey('user')],
  )

/** Settings and catalogue are written together: role values and the role catalogue agree. */
export const updateOrgSettings = (
  db: Db,
  orgId: string,
  { settings, catalogue, extensions }: Pick<Org, 'settings' | 'catalogue' | 'extensions'>,
  now: string,
) =>
  write(
    db
      .update(orgs)
      .set({
        defaultTeamId: settings.defaultTeamId,
        groupPolicy: settings.groupPolicy,
        profile: settings.profile,
        roleSchema: settings.roleSchema,
        roleValues: JSON.stringify(settings.roleValues),
        roleCatalogue: JSON.stringify(catalogue.roles),
        entitlementCatalogue: JSON.stringify(catalogue.entitlementTypes),
        extensions: JSON.stringify(extensions),
        readsPerSecond: settings.readsPerSecond,
        writesPerSecond: settings.writesPerSecond,
        maxReadsPerSecond: settings.maxReadsPerSecond,
        maxWritesPerSecond: settings.maxWritesPerSecond,
        eventRetentionDays: settings.eventRetentionDays,
        updatedAt: now,
      })
      .where(eq(orgs.id, orgId)),
    [claimKey.org(), anyKey('user')],
  )

/** What shapes the org's User resource type: role settings, profile and declared extensions. */
export const schemaSettings = (org: Pick<Org, 'settings' | 'extensions'>): RoleSettings => ({
  ...org.settings,
  extensions: org.extensions,
})

/**
 * How many of the org's users hold a value for each of `attributes` (`[urn, name]` pairs): what a
 * change of its declarations leaves undeclared, but stored (scim/extensions keepUndeclared).
 */
export const selectExtensionValueCounts = (
  db: Db,
  orgId: string,
  attributes: readonly [string, string][],
) =>
  read<{ urn: string; name: string; users: number }[]>(
    db.all(sql`SELECT a.value ->> 0 AS urn, a.value ->> 1 AS name,
      (SELECT count(*) FROM users u WHERE u.org_id = ${orgId}
        AND json_type(u.data, '$."' || (a.value ->> 0) || '"."' || (a.value ->> 1) || '"') IS NOT NULL) AS users
      FROM json_each(${JSON.stringify(attributes)}) AS a`),
    [claimKey.org(), anyKey('user')],
  )
