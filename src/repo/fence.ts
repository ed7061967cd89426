// The org writer's fence: every batch it commits ends by incrementing `orgs.commit_seq` and
// refusing to commit (CHECK writer_fenced) unless the result is what the writer expected. The
// writer plans from its own copy of the org's rows (do/mirror.ts); the fence is what makes D1
// refuse a plan made from a copy that is behind — because something else wrote the org's rows, or a
// second instance of the writer committed — instead of trusting it.
import { eq, sql } from 'drizzle-orm'
import { read, write } from './claims'
import type { Db } from './db'
import { orgs } from './schema'

/** Appended to every commit of the org's writer; `expected` is the commit_seq its state is at. */
export const fenceStatements = (db: Db, orgId: string, expected: number) => [
  write(db.run(sql`UPDATE orgs SET commit_seq = commit_seq + 1 WHERE id = ${orgId}`), []),
  write(
    db.run(sql`INSERT INTO write_fence (ok) SELECT 0
      WHERE coalesce((SELECT commit_seq FROM orgs WHERE id = ${orgId} AND moved_to IS NULL), -1)
        <> ${expected + 1}`),
    [],
  ),
]

export const selectCommitSeq = (db: Db, orgId: string) =>
  read(db.select({ commitSeq: orgs.commitSeq }).from(orgs).where(eq(orgs.id, orgId)), [])
