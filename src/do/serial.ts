// An explicit FIFO queue. A Durable Object's input gate does NOT hold while it awaits D1, so
// without this two writes could interleave their read and commit phases (DESIGN.md).

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  /** Runs `task` after every task queued before it has settled; a failure never blocks the queue. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++
    const result = this.tail.then(task, task)
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    )
    return result
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending
  }
}
