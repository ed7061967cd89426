// One write's view of the store: guarded reads (repo/guarded-reader.ts) whose keys it claims as it
// runs them — against the writer's copy of the org's rows (mirror.ts) — the clock and id minting.
// Plans never read any other way.
import type { Credential } from '../credentials'
import type { Read, ReadResults, Write } from '../repo/claims'
import type { Db } from '../repo/db'
import type { EventDraft } from '../repo/events'
import { GuardedReader } from '../repo/guarded-reader'
import { selectOrg, toOrg, type Org } from '../repo/orgs'
import { notFound } from '../scim/errors'
import { Footprint, overlaps } from './footprint'

/** Who asks for the write: a credential (re-validated in the first read batch) or the operator. */
export type WriteActor = Credential | { operator: true }

/** What a plan decides: the statements to commit atomically, their events and the answer. */
export interface Decision<V> {
  statements: Write[]
  events: EventDraft[]
  value: V
  /** Runs before the batch (e.g. KV put of a new token); `undo` runs if the batch then fails. */
  before?: { run: () => Promise<void>; undo: () => Promise<void> }
  /** Best-effort work after a successful commit (e.g. KV clean-up of a revoked token). */
  after?: () => Promise<void>
  /** The write changed the org row (settings, default team): drop the writer's cached copy. */
  orgChanged?: boolean
}

export type Plan<V> = (w: WriteContext) => Promise<Decision<V>>

/** Thrown before a read whose keys an earlier write of the same group changes (see OrgWriter). */
export class ReadConflict extends Error {}

export class WriteContext {
  /** D1 round trips made by this write (reads; the writer adds its commit). */
  commitTrips = 0
  /** Keys this write read and wrote; group commit relies on them (footprint.ts). */
  readonly footprint = new Footprint()
  private readonly reader: GuardedReader

  constructor(
    readonly db: Db,
    readonly orgId: string,
    readonly now: string,
    actor: WriteActor,
    private cachedOrg: Org | undefined,
    /** The group's writes so far: reading any of them must wait for the group to commit. */
    private readonly pendingWrites?: ReadonlySet<string>,
    /** Where reads run: the writer's copy of the org's rows (mirror.ts); D1 when absent. */
    local?: (reads: readonly Read<unknown>[]) => unknown[],
  ) {
    this.reader = new GuardedReader(db, {
      credential: 'tokenId' in actor ? actor : undefined,
      now,
      local,
    })
    // Every write depends on its credential being valid: a revocation earlier in the group counts.
    this.footprint.claimRead(this.reader.guardClaims)
  }

  /**
   * The org and its settings. The writer caches them between writes: it is the only writer of the
   * org row, so the cache is dropped exactly when a write reports `orgChanged`.
   */
  async org(): Promise<Org> {
    if (this.cachedOrg) {
      this.claim(selectOrg(this.db, this.orgId).claims)
      return this.cachedOrg
    }
    const [rows] = await this.read(selectOrg(this.db, this.orgId))
    if (rows.length === 0) throw notFound(`Org ${this.orgId} not found.`)
    this.cachedOrg = toOrg(rows[0])
    return this.cachedOrg
  }

  /** D1 round trips made for this write: its reads and, once committed, its commit. */
  get trips(): number {
    return this.reader.trips + this.commitTrips
  }

  /** What org() loaded, for the writer to keep. */
  get loadedOrg(): Org | undefined {
    return this.cachedOrg
  }

  newId(): string {
    return crypto.randomUUID()
  }

  /** Reads in one round trip, claiming their keys; the first call also checks the credential. */
  async read<T extends readonly Read<unknown>[]>(...reads: T): Promise<ReadResults<T>> {
    for (const r of reads) this.claim(r.claims)
    const results = await this.reader.read(...reads)
    reads.forEach((r, i) => r.derived && this.claim(r.derived(results[i] as never)))
    return results
  }

  /** Makes sure the credential was checked even when the plan itself needed no read. */
  async ensureChecked(): Promise<void> {
    await this.reader.ensureVerified()
  }

  /** Claims read keys; stops the plan at once if the group already changed one of them. */
  private claim(keys: readonly string[]) {
    this.footprint.claimRead(keys)
    if (this.pendingWrites && overlaps(this.footprint.reads, this.pendingWrites)) {
      throw new ReadConflict()
    }
  }
}
