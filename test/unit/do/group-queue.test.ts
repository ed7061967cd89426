import { describe, expect, it } from 'vitest'
import { GroupQueue } from '../../../src/do/group-queue'

const tick = () => new Promise((r) => setTimeout(r, 0))

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
    while (groups.length < 2) await tick()
    for (let i = 6; i <= 8; i++) queue.push(i)
    while (groups.flat().length < 9 || running > 0) await tick()
    expect(groups).toEqual([[0], [1, 2, 3, 4, 5], [6, 7, 8]])
  })

  it('never hands the runner more than the maximum group size', async () => {
    const groups: number[][] = []
    const queue = new GroupQueue<number>(async (items) => {
      groups.push(items)
      await tick()
    }, 3)
    for (let i = 0; i < 8; i++) queue.push(i)
    while (groups.flat().length < 8) await tick()
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
    while (seen.length < 2) await tick()
    expect(seen).toEqual([0, 1])
  })
})
