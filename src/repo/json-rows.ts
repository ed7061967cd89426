// Set-based statements: one JSON parameter expanded with json_each(?) instead of one bound
// parameter per row, so k rows cost one statement regardless of D1's 100-parameter cap.

/** Items per JSON parameter: keeps each bound string well under D1's 2 MB value limit. */
export const JSON_CHUNK = 2000

export function chunks<T>(items: readonly T[], size = JSON_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
