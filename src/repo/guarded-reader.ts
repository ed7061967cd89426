// The one guarded reader: every read made on behalf of a credential carries that credential's
// revocation guard in the SAME D1 batch as its first queries (one extra statement, no extra round
// trip), so a revoked or expired token fails on its very next request without waiting for KV.
// The HTTP session (auth/session.ts) and the org writer's write context (do/write-context.ts)
// both read through it; a write RPC that verified the guard inside the writer marks the request's
// reader verified (markVerified), so the guard is checked once per request either way.
import type { Credential } from '../credentials'
import { unauthorized } from '../scim/errors'
import type { ClaimKey, Read, ReadResults } from './claims'
import { runReads, type Db } from './db'
import { selectValidToken, type GuardRow } from './tokens'

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
}

const revoked = () => unauthorized('The credential is revoked or expired.')

export class GuardedReader {
  /** D1 round trips made through this reader (X-IO-Trips). */
  trips = 0
  private checked: boolean
  /** The guard found the credential revoked or expired: every later read fails the same way. */
  private refused = false
  private readonly guard: Read<GuardRow[]> | undefined

  constructor(
    readonly db: Db,
    private readonly options: GuardedReaderOptions,
  ) {
    const { credential, now } = options
    this.guard = credential && selectValidToken(db, credential.tokenId, credential.kind, now)
    this.checked = this.guard === undefined
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
    const all = [...(guard ? [guard] : []), ...reads]
    const { local } = this.options
    const results = local ? local(all) : ((await runReads(this.db, ...all)) as unknown[])
    if (!local) this.trips++
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

  /** Checks the guard alone when nothing else was read (e.g. a static document, a blind write). */
  async ensureVerified(): Promise<void> {
    if (!this.checked) await this.read()
  }
}
