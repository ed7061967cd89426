// Pure: no I/O. Cursors for RFC 9865 cursor pagination: the position after the last resource of a
// page (its sort key and insertion seq) and a fingerprint of the query, so a cursor replayed against
// a different filter or sort is invalidCursor, not a wrong page. This is the cursor's payload; the
// HTTP shell seals it (http/cursor-seal.ts) so a client sees an opaque token bound to its org.
import { expiredCursor, invalidCursor } from './errors'

export interface CursorPosition {
  /** The sort key of the last resource (null when unsorted or when its value was absent). */
  key: string | number | null
  seq: number
  /**
   * How many times the org had moved between shards when the cursor was issued: a move renumbers
   * seqs, so a cursor from before it is refused (`expiredCursor`), never misread. Absent: 0.
   */
  moves?: number
}

interface CursorData extends CursorPosition {
  v: 1
  q: string
}

/** FNV-1a over the query's defining parts: cheap, stable, not a secret. */
export function queryFingerprint(parts: readonly (string | undefined)[]): string {
  let hash = 0x811c9dc5
  for (const char of parts.map((p) => p ?? '').join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

export function cursorPayload(position: CursorPosition, fingerprint: string): string {
  const data: CursorData = { v: 1, q: fingerprint, ...position, moves: position.moves ?? 0 }
  return JSON.stringify(data)
}

/** The position a payload names, for this query; invalidCursor otherwise. */
export function cursorPosition(payload: string, fingerprint: string): CursorPosition {
  let data: Partial<CursorData>
  try {
    data = JSON.parse(payload) as Partial<CursorData>
  } catch {
    throw invalidCursor('The cursor is not one this server issued.')
  }
  const keyOk = data.key === null || typeof data.key === 'string' || typeof data.key === 'number'
  if (data.v !== 1 || typeof data.seq !== 'number' || !Number.isInteger(data.seq) || !keyOk) {
    throw invalidCursor('The cursor is not one this server issued.')
  }
  if (data.q !== fingerprint) {
    throw invalidCursor('The cursor belongs to a query with another filter or sort order.')
  }
  const moves = data.moves ?? 0
  if (!Number.isSafeInteger(moves)) throw invalidCursor('The cursor is not one this server issued.')
  return { key: data.key ?? null, seq: data.seq, moves }
}

/** RFC 9865 §3: a cursor from before the org moved names positions that are gone. */
export function checkCursorMoves(position: CursorPosition, orgMoves: number | null): void {
  if (orgMoves === null || (position.moves ?? 0) === orgMoves) return
  throw expiredCursor(
    'The organization moved to another database since this cursor was issued; list again from the first page.',
  )
}
