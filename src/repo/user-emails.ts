// The email index (schema.ts `user_emails`): one row per email value of a user, written in the
// same batch as the user's row, so `emails.value eq "x"` — how IdPs match users by email — is an
// index probe instead of a walk over every user's JSON (repo/filter-sql.ts).
import { sql } from 'drizzle-orm'
import { claimKey, write } from './claims'
import type { Db } from './db'

type Data = Record<string, unknown>

/** The user's index rows become exactly the string values of `data.emails` (ASCII-folded). */
export function indexEmails(db: Db, orgId: string, userId: string, data: Data) {
  const emails = JSON.stringify(Array.isArray(data.emails) ? data.emails : [])
  return [
    unindexEmails(db, orgId, userId),
    write(
      db.run(sql`INSERT OR IGNORE INTO user_emails (org_id, user_id, value_key)
        SELECT ${orgId}, ${userId}, lower(json_extract(e.value, '$.value')) FROM json_each(${emails}) AS e
        WHERE json_type(e.value, '$.value') = 'text'`),
      [claimKey.user(userId)],
    ),
  ]
}

export const unindexEmails = (db: Db, orgId: string, userId: string) =>
  write(db.run(sql`DELETE FROM user_emails WHERE org_id = ${orgId} AND user_id = ${userId}`), [
    claimKey.user(userId),
  ])
