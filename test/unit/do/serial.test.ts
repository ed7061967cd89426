import { describe, expect, it } from 'vitest'
import { SerialQueue } from '../../../src/do/serial'

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('SerialQueue', () => {
  it('runs tasks one at a time in FIFO order even when each awaits I/O', async () => {
    const queue = new SerialQueue()
    const log: string[] = []
    let running = 0
    const tasks = Array.from({ length: 20 }, (_, i) =>
      queue.run(async () => {
        running++
        expect(running).toBe(1)
        log.push(`start ${i}`)
        await tick()
        await tick()
        log.push(`end ${i}`)
        running--
        return i
      }),
    )
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(log).toEqual(Array.from({ length: 20 }, (_, i) => [`start ${i}`, `end ${i}`]).flat())
  })

  it('a failing task rejects its own caller and never blocks the next one', async () => {
    const queue = new SerialQueue()
    const failed = queue.run(async () => {
      throw new Error('boom')
    })
    const next = queue.run(async () => 'next')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('next')
    expect(queue.size).toBe(0)
  })
})
