// One write's view of the store: reads (the first batch carries the caller's revocation guard),
// the clock, id minting and the footprint. Plans never talk to D1 any other way.
import type { EventDraft } from '../repo/events'
import { batch, type Db, type Statement } from '../repo/db'
import { selectValidToken } from '../repo/tokens'
import { notFound, unauthorized } from '../scim/errors'
import { Footprint, keys, overlaps } from './footprint'
import { selectOrg, toOrg, type Org } from '../repo/orgs'
import type { CredentialKind } from '../env'

/** Who asks for the write: a credential (re-validated in the read batch) or the operator. */
export type WriteActor = { tokenId: string; kind: CredentialKind } | { operator: true }

/** What a plan decides: the statements to commit atomically, their events and the answer. */
export interface Decision<V> {
  statements: Statement[]
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

type Query = Statement & PromiseLike<unknown>
type Results<T extends readonly Query[]> = { [K in keyof T]: Awaited<T[K]> }

export class WriteContext {
  private firstReadDone = false
  /** D1 round trips made by this write (reads; the writer adds its commit). */
  trips = 0
  /** Keys this write read and wrote (footprint.ts); group commit relies on them being complete. */
  readonly footprint = new Footprint()

  constructor(
    readonly db: Db,
    readonly orgId: string,
    readonly now: string,
    private readonly actor: WriteActor,
    private cachedOrg: Org | undefined,
    /** The group's writes so far: reading any of them must wait for the group to commit. */
    private readonly pendingWrites?: ReadonlySet<string>,
  ) {}

  /**
   * The org and its settings. The writer caches them between writes: it is the only writer of the
   * org row, so the cache is dropped exactly when a write reports `orgChanged`.
   */
  async org(): Promise<Org> {
    this.footprint.read(keys.org())
    if (this.cachedOrg) return this.cachedOrg
    const [rows] = await this.read(selectOrg(this.db, this.orgId))
    if (rows.length === 0) throw notFound(`Org ${this.orgId} not found.`)
    this.cachedOrg = toOrg(rows[0])
    return this.cachedOrg
  }

  /** What org() loaded, for the writer to keep. */
  get loadedOrg(): Org | undefined {
    return this.cachedOrg
  }

  newId(): string {
    return crypto.randomUUID()
  }

  /** Reads in one round trip. The first call also checks the caller's token (revocation guard). */
  async read<T extends readonly Query[]>(...queries: T): Promise<Results<T>> {
    if (this.pendingWrites && overlaps(this.footprint.reads, this.pendingWrites)) {
      throw new ReadConflict()
    }
    const extra: Query[] = []
    const first = !this.firstReadDone
    if (first && 'tokenId' in this.actor) {
      this.footprint.read(keys.token(this.actor.tokenId))
      extra.push(selectValidToken(this.db, this.actor.tokenId, this.actor.kind, this.now))
    }
    const all = [...extra, ...queries]
    if (all.length === 0) return [] as unknown as Results<T>
    const results = (await batch(this.db, all)) as unknown[]
    this.trips++
    this.firstReadDone = true
    let i = 0
    if (first && 'tokenId' in this.actor) {
      const guard = results[i++] as unknown[]
      if (guard.length === 0) throw unauthorized('The token is revoked or expired.')
    }
    return results.slice(i) as unknown as Results<T>
  }

  /** Makes sure the guard was read even when the plan itself needed no read. */
  async ensureChecked(): Promise<void> {
    if (!this.firstReadDone) await this.read()
  }
}
