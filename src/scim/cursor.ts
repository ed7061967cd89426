// Pure: no I/O. Opaque cursors for RFC 9865 cursor pagination: the position after the last
// resource of a page (its sort key and insertion seq) and a fingerprint of the query, so a
// cursor replayed against a different filter or sort is invalidCursor, not a wrong page.
import { base64url, fromBase64url } from './base64url'
import { invalidCursor } from './errors'

export interface CursorPosition {
  /** The sort key of the last resource (null when unsorted or when its value was absent). */
  key: string | number | null
  seq: number
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

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const data: CursorData = { v: 1, q: fingerprint, ...position }
  return base64url(new TextEncoder().encode(JSON.stringify(data)))
}

/** An empty cursor asks for the first page (RFC 9865 §2.1): undefined position. */
export function decodeCursor(text: string, fingerprint: string): CursorPosition | undefined {
  if (text === '') return undefined
  let data: Partial<CursorData>
  try {
    data = JSON.parse(new TextDecoder().decode(fromBase64url(text))) as Partial<CursorData>
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
  return { key: data.key ?? null, seq: data.seq }
}
