// The webhook relay: moves the org's committed outbox events to the webhook queue, in seq order.
// The outbox is the truth; the relay only remembers (in this object's own storage) the last seq
// it handed to the queue. After each commit it sends that commit's events in the background —
// the write has already been answered, so a slow or failing queue never delays the SCIM path.
// Whatever a failed send, an eviction or a crash left behind is picked up from D1 by the next
// commit or by the alarm set before every commit that has none pending: nothing committed is
// lost, and an event may be sent twice (delivery is at least once; receivers dedupe by id).
import { selectEventRefsAfter } from '../repo/events'
import { runReads, type Db } from '../repo/db'
import type { EventRef } from '../model/events'

/** Queue messages per send (the Queues limit for sendBatch). */
const SEND_BATCH = 100
/** Events read back from D1 per page when catching up. */
const CATCH_UP_PAGE = 500
/** How long after a commit the alarm checks that its events were sent. */
export const RELAY_CHECK_MS = 30_000

interface Position {
  orgId: string
  seq: number
}

const KEY = 'relay'

export class Relay {
  private position: Position | undefined
  private alarmPending = false
  /** Committed events not sent yet; commits made while a send is in flight go out together. */
  private pending: EventRef[] = []
  private chain: Promise<void> = Promise.resolve()
  private draining = false

  constructor(
    private readonly storage: DurableObjectStorage,
    /** The org's shard: set by the writer once it knows it, and again after a move. */
    public db: Db,
    /** The producer binding; a test may swap it for one that fails. */
    public queue: Queue<EventRef>,
  ) {}

  /**
   * Before a commit with events: know where the relay stands (a writer that never relayed starts
   * at the org's last seq: history is not replayed) and make sure an alarm will look.
   */
  async prepare(orgId: string, lastSeq: number): Promise<void> {
    if (this.position === undefined) {
      const stored = await this.storage.get<Position>(KEY)
      this.position = stored ?? { orgId, seq: lastSeq }
      if (!stored) await this.storage.put(KEY, this.position)
    }
    if (!this.alarmPending) {
      if ((await this.storage.getAlarm()) === null) {
        await this.storage.setAlarm(Date.now() + RELAY_CHECK_MS)
      }
      this.alarmPending = true
    }
  }

  /** After a commit: send its events, after anything still unsent, without holding the write. */
  committed(refs: readonly EventRef[]): void {
    if (refs.length === 0) return
    this.pending.push(...refs)
    if (this.draining) return
    this.draining = true
    this.chain = this.chain.then(() => this.drain())
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const refs = this.pending
        this.pending = []
        await this.send(refs)
      }
    } catch (error) {
      // What is left is read back from the outbox by the next send or the alarm.
      this.pending = []
      console.error(JSON.stringify({ msg: 'relay send failed', error: String(error) }))
    } finally {
      this.draining = false
    }
  }

  /** The alarm: send whatever is still unsent (read back from the outbox). */
  async alarm(): Promise<void> {
    this.alarmPending = false
    await this.chain
    this.position ??= await this.storage.get<Position>(KEY)
    if (this.position) await this.catchUp()
  }

  /** Waits for sends in flight (tests, and the alarm). */
  settled(): Promise<void> {
    return this.chain
  }

  private async send(refs: readonly EventRef[]): Promise<void> {
    const position = this.position
    if (!position) return
    if (refs[0].seq !== position.seq + 1) return this.catchUp()
    await this.sendInOrder(position, refs)
  }

  private async catchUp(): Promise<void> {
    const position = this.position!
    for (;;) {
      const [refs] = await runReads(
        this.db,
        selectEventRefsAfter(this.db, position.orgId, position.seq, CATCH_UP_PAGE),
      )
      if (refs.length === 0) return
      await this.sendInOrder(position, refs)
      if (refs.length < CATCH_UP_PAGE) return
    }
  }

  private async sendInOrder(position: Position, refs: readonly EventRef[]): Promise<void> {
    for (let i = 0; i < refs.length; i += SEND_BATCH) {
      const part = refs.slice(i, i + SEND_BATCH)
      await this.queue.sendBatch(part.map((body) => ({ body, contentType: 'json' as const })))
      position.seq = part[part.length - 1].seq
      // Losing this write only means sending these events again.
      await this.storage.put(KEY, position, { allowUnconfirmed: true })
    }
  }
}
