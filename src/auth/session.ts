// The reads a request makes on behalf of its caller: the one guarded reader (repo/guarded-reader.ts)
// with the request's clock, its round-trip count for X-IO-Trips, and last-used bookkeeping —
// written at most once per LAST_USED_THROTTLE_MS, after the response, from the guard's own row.
import type { Context } from 'hono'
import type { Credential, OrgView } from '../credentials'
import { database } from '../repo/db'
import type { Placement } from '../placement/lookup'
import { OrgRoute } from '../placement/route'
import { GuardedReader } from '../repo/guarded-reader'
import { touchTokenRow } from '../repo/tokens'

export const LAST_USED_THROTTLE_MS = 5 * 60 * 1000

/** Who is calling: set by the bearer middleware, verified against D1 in the request's own batch. */
export interface Caller extends Credential {
  orgId: string
  /** The org's read-path settings from the token's KV record (absent on older records). */
  view?: OrgView
  /** Where the org lives, from the token's KV record (absent on older records: looked up). */
  placement?: Placement
}

export class Session extends GuardedReader {
  constructor(
    readonly caller: Caller,
    readonly now: string,
    /** KV reads the bearer lookup made (0 when the isolate cache had the token). */
    readonly kvReads: number,
    c: Context,
  ) {
    const route = new OrgRoute(c.env, caller.orgId, caller.placement)
    super(database(c.env.DB), {
      credential: caller,
      now,
      route,
      onVerified: ({ lastUsedAt }) => {
        if (lastUsedAt && Date.parse(now) - Date.parse(lastUsedAt) <= LAST_USED_THROTTLE_MS) return
        c.executionCtx.waitUntil(
          route.db().then((db) => touchTokenRow(db, caller.tokenId, now).run()),
        )
      },
    })
    this.route = route
  }

  readonly route: OrgRoute

  /** Where the request found the org, when the token's record did not say so (or said wrong). */
  get learnedPlacement(): Placement | undefined {
    const { shard, jurisdiction } = this.route
    if (shard === undefined) return undefined
    const known = this.caller.placement
    if (known?.shard === shard && known.jurisdiction === jurisdiction) return undefined
    return { shard, jurisdiction }
  }
}
