// The pure parts of placement: reading SHARDS, ranking shards by room, and which Durable Object
// namespace an org's writer lives in (its jurisdiction's).
import { describe, expect, it } from 'vitest'
import { writerNamespace } from '../../../src/do/client'
import { mostRoomFirst } from '../../../src/placement/choose'
import { parseShards } from '../../../src/placement/shards'

describe('SHARDS', () => {
  it('unset: DB alone is shard main', () => {
    expect(parseShards(undefined)).toEqual([{ id: 'main', binding: 'DB', jurisdiction: null }])
    expect(parseShards('  ')).toEqual([{ id: 'main', binding: 'DB', jurisdiction: null }])
  })

  it('reads id=BINDING and id=BINDING@jurisdiction, in order', () => {
    expect(parseShards('main=DB, second=SHARD_2,eu=SHARD_EU@eu')).toEqual([
      { id: 'main', binding: 'DB', jurisdiction: null },
      { id: 'second', binding: 'SHARD_2', jurisdiction: null },
      { id: 'eu', binding: 'SHARD_EU', jurisdiction: 'eu' },
    ])
  })

  it.each([
    ['main', /not id=BINDING/],
    ['main=DB,Bad Id=X', /not id=BINDING/],
    ['main=DB,main=SHARD_2', /listed twice/],
    ['a=SHARD_2', /control database DB must also be a shard/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseShards(spec)).toThrow(message)
  })
})

describe('most room first', () => {
  const shard = (id: string) => ({ id, binding: id.toUpperCase(), jurisdiction: null })
  it('fewest bytes, then fewest orgs, then id', () => {
    const ranked = mostRoomFirst([
      { shard: shard('c'), sizeBytes: 100, orgs: 5 },
      { shard: shard('b'), sizeBytes: 100, orgs: 5 },
      { shard: shard('a'), sizeBytes: 200, orgs: 0 },
      { shard: shard('d'), sizeBytes: 100, orgs: 1 },
    ])
    expect(ranked.map((r) => r.shard.id)).toEqual(['d', 'b', 'c', 'a'])
  })
})

describe("the writer's namespace", () => {
  const calls: string[] = []
  const base = {
    jurisdiction(name: string) {
      calls.push(name)
      return { name } as unknown as DurableObjectNamespace
    },
  } as unknown as DurableObjectNamespace

  it('is the jurisdiction’s for an org created in one, unless jurisdictions are off', () => {
    const env = { ORG_WRITER: base } as unknown as Parameters<typeof writerNamespace>[0]
    expect(writerNamespace(env, 'eu')).toEqual({ name: 'eu' })
    expect(calls).toEqual(['eu'])
    expect(writerNamespace(env, null)).toBe(base)
    expect(writerNamespace({ ...env, DO_JURISDICTIONS: 'off' }, 'eu')).toBe(base)
    expect(calls).toEqual(['eu'])
  })
})
