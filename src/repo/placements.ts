// Where each org lives (control database, src/placement/): one row per org, written when the org
// is created and rewritten when a move flips it. The shards' own rows never name their shard.
import { eq, inArray, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { orgPlacements } from './schema'

export type PlacementRow = typeof orgPlacements.$inferSelect

export const selectPlacement = (db: Db, orgId: string) =>
  read<PlacementRow[]>(db.select().from(orgPlacements).where(eq(orgPlacements.orgId, orgId)), [])

/** Which of `ids` are orgs (on any shard: the control database places every one). */
export const selectPlacedOrgIds = (db: Db, ids: readonly string[]) =>
  read<{ id: string }[]>(
    db
      .select({ id: orgPlacements.orgId })
      .from(orgPlacements)
      .where(inArray(orgPlacements.orgId, [...ids])),
    [],
  )

/** Orgs placed per shard (the index on `shard` counts without reading org rows). */
export const selectPlacementCounts = (db: Db) =>
  read<{ shard: string; orgs: number }[]>(
    db.all(sql`SELECT shard, count(*) AS orgs FROM org_placements GROUP BY shard`),
    [],
  )

/** Fails on the primary key when the id is taken on any shard: org ids are unique service-wide. */
export const insertPlacement = (db: Db, row: PlacementRow) =>
  write(db.insert(orgPlacements).values(row), [])

/** A move's flip: only from the shard it left, so two flips cannot cross. */
export const movePlacement = (db: Db, orgId: string, from: string, to: string) =>
  write(
    db
      .update(orgPlacements)
      .set({ shard: to })
      .where(sql`${orgPlacements.orgId} = ${orgId} AND ${orgPlacements.shard} = ${from}`),
    [],
  )

/** An org whose creation failed on its shard gives its id back. */
export const deletePlacement = (db: Db, orgId: string) =>
  write(db.delete(orgPlacements).where(eq(orgPlacements.orgId, orgId)), [])
