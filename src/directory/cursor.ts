// The directory's `next`: the last seq of a page, sealed for the org (credentials/seal.ts), so it
// is opaque and opens only where it was issued.
import { openCursor, sealCursor } from '../credentials'
import { badRequest } from '../scim/errors'

/**
 * `moves`: how many times the org had moved between shards (a move renumbers users' and teams'
 * seqs, so a cursor from before one cannot be used after it: `checkMoves`).
 */
export const nextCursor = (secret: string, orgId: string, seq: number, moves = 0) =>
  sealCursor(secret, orgId, JSON.stringify({ seq, m: moves }))

export interface After {
  seq: number
  /** The org's move count when the cursor was issued (0 for cursors from before moves existed). */
  moves: number
}

/** Where a page starts: seq 0 for none; 400 for a cursor this server did not issue here. */
export async function openAfter(
  secret: string,
  orgId: string,
  after: string | undefined,
): Promise<After> {
  if (after === undefined) return { seq: 0, moves: 0 }
  const refused = () => badRequest('"after" is not a cursor this server issued for this org.')
  let payload: { seq?: unknown; m?: unknown }
  try {
    payload = JSON.parse(await openCursor(secret, orgId, after)) as { seq?: unknown }
  } catch {
    throw refused()
  }
  if (!Number.isSafeInteger(payload.seq)) throw refused()
  const moves = payload.m ?? 0
  if (!Number.isSafeInteger(moves)) throw refused()
  return { seq: payload.seq as number, moves: moves as number }
}

export async function afterSeq(secret: string, orgId: string, after: string | undefined) {
  return (await openAfter(secret, orgId, after)).seq
}

/** After the page was read: a cursor issued before the org moved names seqs that no longer are. */
export function checkMoves(after: After, seq: number, orgMoves: number | null): void {
  if (seq === 0 || orgMoves === null || after.moves === orgMoves) return
  throw badRequest(
    '"after" was issued before the org moved to another database; list again from the start.',
  )
}
