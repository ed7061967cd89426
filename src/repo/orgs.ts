// Orgs and their settings.
import { asc, eq, inArray } from 'drizzle-orm'
import { claimKey, read, write } from './claims'
import { NAME_KEYS_VERSION } from './name-keys'
import type { Db } from './db'
import { orgs } from './schema'

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

export interface Org {
  id: string
  name: string
  settings: OrgSettings
  createdAt: string
  updatedAt: string
}

export const selectOrg = (db: Db, orgId: string) =>
  read<OrgRow[]>(db.select().from(orgs).where(eq(orgs.id, orgId)), [claimKey.org()])

export const selectOrgs = (db: Db) =>
  read<OrgRow[]>(db.select().from(orgs).orderBy(asc(orgs.createdAt), asc(orgs.id)), [
    claimKey.org(),
  ])

/** Which of `ids` are orgs. */
export const selectOrgIds = (db: Db, ids: readonly string[]) =>
  read(
    db
      .select({ id: orgs.id })
      .from(orgs)
      .where(inArray(orgs.id, [...ids])),
    [],
  )

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
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
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
      readsPerSecond: org.settings.readsPerSecond,
      writesPerSecond: org.settings.writesPerSecond,
      maxReadsPerSecond: org.settings.maxReadsPerSecond,
      maxWritesPerSecond: org.settings.maxWritesPerSecond,
      eventRetentionDays: org.settings.eventRetentionDays,
      nameKeysVersion: NAME_KEYS_VERSION,
      createdAt: org.createdAt,
      updatedAt: org.updatedAt,
    }),
    [claimKey.org()],
  )

export const updateOrgSettings = (db: Db, orgId: string, settings: OrgSettings, now: string) =>
  write(
    db
      .update(orgs)
      .set({
        defaultTeamId: settings.defaultTeamId,
        groupPolicy: settings.groupPolicy,
        profile: settings.profile,
        roleSchema: settings.roleSchema,
        roleValues: JSON.stringify(settings.roleValues),
        readsPerSecond: settings.readsPerSecond,
        writesPerSecond: settings.writesPerSecond,
        maxReadsPerSecond: settings.maxReadsPerSecond,
        maxWritesPerSecond: settings.maxWritesPerSecond,
        eventRetentionDays: settings.eventRetentionDays,
        updatedAt: now,
      })
      .where(eq(orgs.id, orgId)),
    [claimKey.org()],
  )
