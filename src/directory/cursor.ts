// The directory's `next`: the last seq of a page, sealed for the org (credentials/seal.ts), so it
// is opaque and opens only where it was issued.
import { openCursor, sealCursor } from '../credentials'
import { badRequest } from '../scim/errors'

export const nextCursor = (secret: string, orgId: string, seq: number) =>
  sealCursor(secret, orgId, JSON.stringify({ seq }))

/** The seq a page starts after: 0 for none; 400 for a cursor this server did not issue here. */
export async function afterSeq(secret: string, orgId: string, after: string | undefined) {
  if (after === undefined) return 0
  const refused = () => badRequest('"after" is not a cursor this server issued for this org.')
  let payload: { seq?: unknown }
  try {
    payload = JSON.parse(await openCursor(secret, orgId, after)) as { seq?: unknown }
  } catch {
    throw refused()
  }
  if (!Number.isSafeInteger(payload.seq)) throw refused()
  return payload.seq as number
}
