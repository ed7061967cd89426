import { describe, expect, it } from 'vitest'
import { GroupQueue } from '../../../src/do/group-queue'

const tick = () => new Promise((r) => setTimeout(r, 0))

/** Waits for a condition by observing state, a bounded number of turns: fails, never hangs. */
async function until(condition: () => boolean, what: string, turns = 1000) {
  for (let i = 0; i < turns; i++) {
    if (condition()) return
    await tick()
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('GroupQueue', () => {
  it('runs one group at a time, FIFO; what arrives meanwhile forms the next group', async () => {
    const groups: number[][] = []
    let running = 0
    const queue = new GroupQueue<number>(async (items) => {
      running++
      expect(running).toBe(1)
      groups.push(items)
      await tick()
      await tick()
      running--
    }, 100)
    queue.push(0)
    for (let i = 1; i <= 5; i++) queue.push(i)
    await until(() => groups.length >= 2, 'the second group')
    for (let i = 6; i <= 8; i++) queue.push(i)
    await until(() => groups.flat().length >= 9 && running === 0, 'all nine items')
    expect(groups).toEqual([[0], [1, 2, 3, 4, 5], [6, 7, 8]])
  })

  it('never hands the runner more than the maximum group size', async () => {
    const groups: number[][] = []
    const queue = new GroupQueue<number>(async (items) => {
      groups.push(items)
      await tick()
    }, 3)
    for (let i = 0; i < 8; i++) queue.push(i)
    await until(() => groups.flat().length >= 8, 'all eight items')
    expect(groups.map((g) => g.length)).toEqual([1, 3, 3, 1])
    expect(groups.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('a failing group does not stop the queue', async () => {
    const seen: number[] = []
    const queue = new GroupQueue<number>(async (items) => {
      seen.push(...items)
      if (items.includes(0)) throw new Error('boom')
    }, 10)
    queue.push(0)
    queue.push(1)
    await until(() => seen.length >= 2, 'both items')
    expect(seen).toEqual([0, 1])
  })

  it('counts items queued or running until the runner has settled them', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const queue = new GroupQueue<number>(() => gate, 10)
    expect(queue.size).toBe(0)
    queue.push(1)
    queue.push(2)
    expect(queue.size).toBe(2) // [1] running, [2] waiting
    release()
    await until(() => queue.size === 0, 'the queue to drain')
  })
})
