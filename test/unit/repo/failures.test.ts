// D1's constraint failures become named reasons where they arise (src/repo/failures.ts): the
// writer maps reasons to SCIM errors and never reads the driver's text.
import { describe, expect, it } from 'vitest'
import { storeFailure } from '../../../src/repo/failures'

const d1 = (text: string) => new Error(`D1_ERROR: ${text}: SQLITE_CONSTRAINT`)

describe('storeFailure', () => {
  it.each([
    ['UNIQUE constraint failed: users.org_id, users.user_name_key', 'userNameTaken'],
    ['UNIQUE constraint failed: teams.org_id, teams.display_name_key', 'teamNameTaken'],
    ['UNIQUE constraint failed: orgs.id', 'orgIdTaken'],
    ['UNIQUE constraint failed: events.org_id, events.seq', 'outboxSeqTaken'],
    ['UNIQUE constraint failed: tokens.secret_hash', 'constraint'],
    ['CHECK constraint failed: events_seq_positive', 'constraint'],
    ['NOT NULL constraint failed: users.data', 'constraint'],
  ])('%s → %s', (text, reason) => {
    expect(storeFailure(d1(text)).reason).toBe(reason)
  })

  it('anything else is unavailable, and a StoreFailure passes through', () => {
    const failure = storeFailure(new Error('D1_ERROR: Network connection lost.'))
    expect(failure.reason).toBe('unavailable')
    expect(storeFailure(failure)).toBe(failure)
  })
})
