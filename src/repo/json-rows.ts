// Set-based statements: one JSON parameter expanded with json_each(?) instead of one bound
// parameter per row, so k rows cost one statement regardless of D1's 100-parameter cap.
import { sql } from 'drizzle-orm'

/**
 * `json_each(?) AS j` over distinct ids, for `FROM ${idList(ids)} CROSS JOIN t WHERE t.id = j.value
 * ORDER BY t.seq`: CROSS JOIN makes SQLite loop over the ids and seek each row. With
 * `t.id IN (SELECT value FROM json_each(?)) ORDER BY t.seq` instead it may walk the whole
 * (org_id, seq) index to avoid sorting — every row of the org for a lookup of a few.
 */
export const idList = (ids: readonly string[]) =>
  sql`json_each(${JSON.stringify([...new Set(ids)])}) AS j`

/** Items per JSON parameter: keeps each bound string well under D1's 2 MB value limit. */
export const JSON_CHUNK = 2000

export function chunks<T>(items: readonly T[], size = JSON_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Bytes of JSON per parameter: D1 accepts values up to 2 MB; leave room for escaping. */
export const JSON_CHUNK_BYTES = 1_000_000

/** Chunks of items whose JSON stays under `bytes` (and `size` items) per chunk. */
export function chunksBySize<T>(
  items: readonly T[],
  bytes = JSON_CHUNK_BYTES,
  size = JSON_CHUNK,
): T[][] {
  const out: T[][] = []
  let current: T[] = []
  let used = 0
  for (const item of items) {
    const length = JSON.stringify(item).length + 1
    if (current.length > 0 && (used + length > bytes || current.length >= size)) {
      out.push(current)
      current = []
      used = 0
    }
    current.push(item)
    used += length
  }
  if (current.length > 0) out.push(current)
  return out
}
