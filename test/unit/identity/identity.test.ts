// Names that identify (src/scim/identity.ts): one folded key per name — RFC 8265 §3.3 style width
// mapping, full case folding, NFC — and the characters and lengths a name may have.
import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import { checkIdentity, foldName, MAX_NAME_LENGTH } from '../../../src/scim/identity'

describe('foldName: one key per name', () => {
  it.each([
    ['José (NFC)', 'Jos\u00e9', 'José (NFD)', 'Jose\u0301'],
    ['ÉMILE', 'ÉMILE', 'émile', 'émile'],
    ['Straße', 'Straße', 'STRASSE', 'STRASSE'],
    ['fullwidth ＡＢＣ', 'ＡＢＣ', 'abc', 'abc'],
    ['halfwidth katakana ｶ', 'ｶ', 'katakana カ', 'カ'],
    ['ΟΔΟΣ', 'ΟΔΟΣ', 'οδος', 'οδος'],
    ['the ligature ﬁ (full case folding)', 'ﬁle', 'file', 'file'],
    ['σ at the end', 'οδοσ', 'ς at the end', 'οδος'],
    ['ASCII', 'Alice@Example.COM', 'lower', 'alice@example.com'],
  ])('%s and %s fold alike', (_a, a, _b, b) => {
    expect(foldName(a)).toBe(foldName(b))
  })

  it.each([
    ['a superscript is not its digit (no NFKC beyond width)', 'x²', 'x2'],
    ['a roman numeral is not its letters', 'Ⅻ', 'xii'],
    ['accents matter', 'resume', 'résumé'],
    ['circled letters stay', 'Ⓐ', 'a'],
  ])('%s', (_case, a, b) => {
    expect(foldName(a)).not.toBe(foldName(b))
  })

  it('is idempotent and ASCII folds to lower case (what the migration backfilled with lower())', () => {
    for (const name of ['Émile', 'Straße', 'ＡＢＣ', 'Mixed.Case-01@x.TEST']) {
      expect(foldName(foldName(name))).toBe(foldName(name))
    }
    expect(foldName('Mixed.Case-01@x.TEST')).toBe('Mixed.Case-01@x.TEST'.toLowerCase())
  })
})

describe('checkIdentity', () => {
  const refuses = (data: Record<string, unknown>, kind: 'User' | 'Group' = 'User') => {
    try {
      checkIdentity(data, kind)
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError)
      return (error as ScimError).toData()
    }
    throw new Error('expected a refusal')
  }

  it.each([
    ['a NUL', { userName: 'a\u0000b' }],
    ['a tab', { userName: 'a\tb' }],
    ['a newline in displayName', { displayName: 'two\nlines' }],
    ['DEL', { externalId: 'x\u007f' }],
    ['a C1 control', { userName: 'a\u0085b' }],
    ['a lone high surrogate', { userName: 'a\ud83d' }],
    ['a lone low surrogate', { displayName: '\ude00x' }],
  ])('refuses %s with 400 invalidValue', (_case, data) => {
    expect(refuses(data)).toMatchObject({ status: 400, scimType: 'invalidValue' })
  })

  it('refuses a group displayName with a control character', () => {
    expect(refuses({ displayName: 'Eng\u0007' }, 'Group')).toMatchObject({
      scimType: 'invalidValue',
    })
  })

  it(`caps names at ${MAX_NAME_LENGTH} characters (code points, not UTF-16 units)`, () => {
    expect(() => checkIdentity({ userName: 'a'.repeat(MAX_NAME_LENGTH) }, 'User')).not.toThrow()
    expect(() => checkIdentity({ userName: '😀'.repeat(MAX_NAME_LENGTH) }, 'User')).not.toThrow()
    expect(refuses({ userName: 'a'.repeat(MAX_NAME_LENGTH + 1) })).toMatchObject({
      scimType: 'invalidValue',
    })
  })

  it('accepts ordinary names in any script, emoji included', () => {
    for (const name of ['Émile Zola', '山田 太郎', 'Ωμέγα', 'user+tag@example.com', '🦄 team']) {
      expect(() => checkIdentity({ userName: name, displayName: name }, 'User')).not.toThrow()
    }
  })
})
