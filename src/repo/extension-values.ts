// The value index of the org's own extensions (schema.ts `user_extension_values`): written with
// the user's row, from the user's data (scim/extensions extensionIndexEntries), so an `eq` filter
// on a declared string attribute is an index probe (repo/filter-sql.ts), at any org size.
import { sql } from 'drizzle-orm'
import { extensionIndexEntries, ownExtensionKeys } from '../scim/extensions'
import { claimKey, write } from './claims'
import type { Db } from './db'

type Data = Record<string, unknown>

/**
 * The user's index rows become exactly its data's extension values. Nothing at all when neither
 * the data nor what it replaces holds an own extension (the common case costs no statement).
 */
export function indexExtensionValues(
  db: Db,
  orgId: string,
  userId: string,
  data: Data,
  previous: Data | undefined,
  roleSchema: string,
) {
  const entries = extensionIndexEntries(data, roleSchema)
  const before = previous ? extensionIndexEntries(previous, roleSchema) : []
  if (JSON.stringify(entries) === JSON.stringify(before)) return []
  const hadAny = previous !== undefined && ownExtensionKeys(previous, roleSchema).length > 0
  return [
    ...(hadAny ? [unindexExtensionValues(db, orgId, userId)] : []),
    ...(entries.length === 0
      ? []
      : [
          write(
            db.run(sql`INSERT OR IGNORE INTO user_extension_values (org_id, attr_key, value_key, user_id)
              SELECT ${orgId}, e.value ->> 0, e.value ->> 1, ${userId} FROM json_each(${JSON.stringify(entries)}) AS e`),
            [claimKey.user(userId)],
          ),
        ]),
  ]
}

export const unindexExtensionValues = (db: Db, orgId: string, userId: string) =>
  write(
    db.run(sql`DELETE FROM user_extension_values WHERE org_id = ${orgId} AND user_id = ${userId}`),
    [claimKey.user(userId)],
  )
