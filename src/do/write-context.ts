// One write's view of the store: reads (first batch carries the caller's revocation guard and the
// outbox sequence), the clock, and id minting. Plans never talk to D1 any other way.
import { selectLastEventSeq, type EventDraft } from '../repo/events'
import { batch, type Db, type Statement } from '../repo/db'
import { selectValidToken } from '../repo/tokens'
import { notFound, unauthorized } from '../scim/errors'
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

type Query = Statement & PromiseLike<unknown>
type Results<T extends readonly Query[]> = { [K in keyof T]: Awaited<T[K]> }

export class WriteContext {
  private firstReadDone = false
  /** D1 round trips made by this write (reads; the writer adds its commit). */
  trips = 0
  /** Filled by the first read when the writer does not know the org's last event seq yet. */
  lastSeq: number | undefined

  constructor(
    readonly db: Db,
    readonly orgId: string,
    readonly now: string,
    private readonly actor: WriteActor,
    knownLastSeq: number | undefined,
    private cachedOrg: Org | undefined,
  ) {
    this.lastSeq = knownLastSeq
  }

  /**
   * The org and its settings. The writer caches them between writes: it is the only writer of the
   * org row, so the cache is dropped exactly when a write reports `orgChanged`.
   */
  async org(): Promise<Org> {
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

  /** Reads in one round trip. The first call also checks the caller's token and the seq. */
  async read<T extends readonly Query[]>(...queries: T): Promise<Results<T>> {
    const extra: Query[] = []
    const first = !this.firstReadDone
    if (first && 'tokenId' in this.actor) {
      extra.push(selectValidToken(this.db, this.actor.tokenId, this.actor.kind, this.now))
    }
    const needSeq = first && this.lastSeq === undefined
    if (needSeq) extra.push(selectLastEventSeq(this.db, this.orgId))
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
    if (needSeq) this.lastSeq = (results[i++] as { seq: number | null }[])[0]?.seq ?? 0
    return results.slice(i) as unknown as Results<T>
  }

  /** Makes sure the guard and seq were read even when the plan itself needed no read. */
  async ensureChecked(): Promise<void> {
    if (!this.firstReadDone) await this.read()
  }
}
