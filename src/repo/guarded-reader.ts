// The one guarded reader: every read made on behalf of a credential carries that credential's
// revocation guard in the SAME D1 batch as its first queries (one extra statement, no extra round
// trip), so a revoked or expired token fails on its very next request without waiting for KV.
// The HTTP session (auth/session.ts) and the org writer's write context (do/write-context.ts)
// both read through it; a write RPC that verified the guard inside the writer marks the request's
// reader verified (markVerified), so the guard is checked once per request either way.
import type { Credential } from '../credentials'
import { ScimError, unauthorized } from '../scim/errors'
import type { ClaimKey, Read, ReadResults } from './claims'
import { runReads, type Db } from './db'
import { selectOrgPointer, type OrgPointer } from './orgs'
import { selectValidToken, type GuardRow } from './tokens'

/**
 * How a reader reaches one org's shard (placement/route.ts implements it): the database to read,
 * and where to read instead when the org's row there says the org moved.
 */
export interface ShardRoute {
  readonly orgId: string
  db(): Promise<Db>
  follow(shard: string): void
}

/** Redirects one batch may follow (a move in progress points the copy back at the source). */
const MAX_REDIRECTS = 3

export interface GuardedReaderOptions {
  /** The credential to re-check; absent for the operator (no credential row to revoke). */
  credential?: Credential
  /** The request's clock: the guard compares expiry against it. */
  now: string
  /** Called once when the guard row was seen valid (e.g. to refresh last-used). */
  onVerified?: (row: GuardRow) => void
  /**
   * Runs the reads somewhere other than D1: the org writer's own copy of its org's rows
   * (do/mirror.ts). Such reads are not round trips.
   */
  local?: (reads: readonly Read<unknown>[]) => unknown[]
  /**
   * The org whose shard this reader reads. Every batch then carries a one-row probe of the org's
   * row there: a row marked moved sends the batch to the shard it names (placement/route.ts), so a
   * stale placement costs a round trip, never a stale answer. Without it, reads go to `db`.
   */
  route?: ShardRoute
}

const revoked = () => unauthorized('The credential is revoked or expired.')
const movingNow = () =>
  new ScimError(503, 'The organization is moving between databases; retry.', undefined, 1)

export class GuardedReader {
  /** D1 round trips made through this reader (X-IO-Trips). */
  trips = 0
  private checked: boolean
  /** The guard found the credential revoked or expired: every later read fails the same way. */
  private refused = false
  private readonly guard: Read<GuardRow[]> | undefined
  private readonly probe: Read<OrgPointer[]> | undefined
  /** The org's move count as the last batch saw it (list cursors name it); null before a read. */
  orgMoves: number | null = null
  /** The org row's `updated_at` as the last batch saw it: the version of the org's view. */
  orgVersion: string | null = null

  constructor(
    readonly db: Db,
    private readonly options: GuardedReaderOptions,
  ) {
    const { credential, now } = options
    this.guard = credential && selectValidToken(db, credential.tokenId, credential.kind, now)
    this.checked = this.guard === undefined
    this.probe = options.route && selectOrgPointer(db, options.route.orgId)
  }

  /** Where this reader's statements run: the org's shard (after any move it followed). */
  async target(): Promise<Db> {
    return this.options.route ? this.options.route.db() : this.db
  }

  /** What the guard reads (its credential's row): a write that depends on it claims these. */
  get guardClaims(): readonly ClaimKey[] {
    return this.guard?.claims ?? []
  }

  /** True once the credential's row was seen valid in this request (or there is none). */
  get verified(): boolean {
    return this.checked
  }

  /** The org writer re-checked the credential in its own batch for this request. */
  markVerified(): void {
    this.checked = true
  }

  /** Runs the reads in one round trip; the first call also carries the guard. */
  async read<T extends readonly Read<unknown>[]>(...reads: T): Promise<ReadResults<T>> {
    if (this.refused) throw revoked()
    const guard = this.checked ? undefined : this.guard
    if (!guard && reads.length === 0) return [] as unknown as ReadResults<T>
    const probe = this.options.local ? undefined : this.probe
    const all = [...(probe ? [probe] : []), ...(guard ? [guard] : []), ...reads]
    const results = await this.run(all)
    if (probe) {
      const pointer = (results.shift() as OrgPointer[])[0]
      this.orgMoves = pointer?.moves ?? null
      this.orgVersion = pointer?.updatedAt ?? null
    }
    if (guard) {
      const rows = results.shift() as GuardRow[]
      if (rows.length === 0) {
        this.refused = true
        throw revoked()
      }
      this.checked = true
      this.options.onVerified?.(rows[0])
    }
    return results as ReadResults<T>
  }

  /** One round trip (or local reads), following the org's row wherever it says the org went. */
  private async run(all: readonly Read<unknown>[]): Promise<unknown[]> {
    const { local, route } = this.options
    if (local) return local(all)
    for (let hops = 0; ; hops++) {
      const results = (await runReads(await this.target(), ...all)) as unknown[]
      this.trips++
      const pointer = route && (results[0] as { movedTo: string | null }[])[0]
      if (!route || !pointer?.movedTo) return results
      // Pointers that lead nowhere live: a move is mid-flip (or broken) — never answer from them.
      if (hops === MAX_REDIRECTS) throw movingNow()
      route.follow(pointer.movedTo)
    }
  }

  /** Checks the guard alone when nothing else was read (e.g. a static document, a blind write). */
  async ensureVerified(): Promise<void> {
    if (!this.checked) await this.read()
  }
}
