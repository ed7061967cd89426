// Group commit's conflict test (src/do/footprint.ts): a read overlaps a group's writes when the
// same key appears on both sides, or a `*` pattern on either side covers the other.
import { describe, expect, it } from 'vitest'
import { overlaps } from '../../../src/do/footprint'

const set = (...keys: string[]) => new Set(keys)

describe('overlaps', () => {
  it.each([
    [['user:a'], ['user:a'], true],
    [['user:a'], ['user:b'], false],
    [['userTeams:a'], ['userTeams:*'], true], // a group delete touches every user's teams
    [['token:*'], ['token:t1'], true], // a token list read vs one token's write
    [['user:*'], ['userRef:a'], false], // a family prefix is the family name plus ':'
    [['userRef:*'], ['user:*'], false],
    [['members:t'], [], false],
    [[], ['org'], false],
  ])('%j against %j → %s', (reads, writes, expected) => {
    expect(overlaps(set(...reads), set(...writes))).toBe(expected)
  })
})
