// An explicit FIFO queue that hands queued work to one runner a group at a time. A Durable
// Object's input gate does NOT hold while it awaits D1 (DESIGN.md), so without this two writes
// could interleave; with it, whatever arrives while a group runs forms the next group.

export class GroupQueue<T> {
  private pending: T[] = []
  private running = false
  /** Items handed to the runner and not yet settled. */
  private inGroup = 0

  constructor(
    private readonly runGroup: (items: T[]) => Promise<void>,
    private readonly maxGroup: number,
  ) {}

  /** Queues one item; the runner sees it in the next group it starts. */
  push(item: T): void {
    this.pending.push(item)
    if (!this.running) void this.drain()
  }

  /** Items not yet settled: queued, or in the group that is running. */
  get size(): number {
    return this.pending.length + this.inGroup
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.maxGroup)
        this.inGroup = group.length
        // The runner settles each item itself; a throw here must not strand the rest.
        await this.runGroup(group).catch((error) =>
          console.error('write group failed', String(error)),
        )
        this.inGroup = 0
      }
    } finally {
      this.running = false
    }
  }
}
