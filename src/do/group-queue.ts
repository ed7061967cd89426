// An explicit FIFO queue that hands queued work to one runner a group at a time. A Durable
// Object's input gate does NOT hold while it awaits D1 (DESIGN.md), so without this two writes
// could interleave; with it, whatever arrives while a group runs forms the next group.

export class GroupQueue<T> {
  private pending: T[] = []
  private running = false

  constructor(
    private readonly runGroup: (items: T[]) => Promise<void>,
    private readonly maxGroup: number,
  ) {}

  /** Queues one item; the runner sees it in the next group it starts. */
  push(item: T): void {
    this.pending.push(item)
    if (!this.running) void this.drain()
  }

  /** Items queued or in the running group's wait. */
  get size(): number {
    return this.pending.length
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.maxGroup)
        // The runner settles each item itself; a throw here must not strand the rest.
        await this.runGroup(group).catch((error) =>
          console.error('write group failed', String(error)),
        )
      }
    } finally {
      this.running = false
    }
  }
}
