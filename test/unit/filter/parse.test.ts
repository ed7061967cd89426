import { describe, expect, it } from 'vitest'
import type { FilterNode } from '../../../src/scim/filter'
import { parseFilter } from '../../../src/scim/filter'
import { invalidFilterFrom } from './fixtures'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const pr = (attr: string): FilterNode => ({ kind: 'present', path: { attr } })

describe('parseFilter: attribute expressions', () => {
  it.each<[string, FilterNode]>([
    [
      'userName eq "bjensen"',
      { kind: 'compare', path: { attr: 'userName' }, op: 'eq', value: 'bjensen' },
    ],
    ['title pr', pr('title')],
    ['TITLE PR', pr('TITLE')],
    ['USERNAME Eq "x"', { kind: 'compare', path: { attr: 'USERNAME' }, op: 'eq', value: 'x' }],
    [
      'name.familyName co "O\'Malley"',
      { kind: 'compare', path: { attr: 'name', sub: 'familyName' }, op: 'co', value: "O'Malley" },
    ],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      {
        kind: 'compare',
        path: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', attr: 'userName' },
        op: 'sw',
        value: 'J',
      },
    ],
    [
      `${ENTERPRISE}:manager.value eq "26118915"`,
      {
        kind: 'compare',
        path: { uri: ENTERPRISE, attr: 'manager', sub: 'value' },
        op: 'eq',
        value: '26118915',
      },
    ],
    ['members[$ref pr]', { kind: 'valuePath', path: { attr: 'members' }, filter: pr('$ref') }],
    ['x-y_2 pr', pr('x-y_2')],
  ])('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast)
  })

  it.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Ne', 'cO', 'GE'])(
    'operator %s in any case',
    (op) => {
      expect(parseFilter(`a ${op} "v"`)).toStrictEqual({
        kind: 'compare',
        path: { attr: 'a' },
        op: op.toLowerCase(),
        value: 'v',
      })
    },
  )
})

describe('parseFilter: literals (JSON)', () => {
  it.each<[string, unknown]>([
    ['"plain"', 'plain'],
    ['""', ''],
    [String.raw`"q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00"`, 'q"b\\s/\b\f\n\r\té😀'],
    ['"True"', 'True'],
    ['"null"', 'null'],
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['NULL', null],
    ['42', 42],
    ['0', 0],
    ['-0', -0],
    ['-17', -17],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['-1.5e+2', -150],
  ])('%s', (literal, value) => {
    const node = parseFilter(`a eq ${literal}`)
    expect(node.kind === 'compare' && node.value).toStrictEqual(value)
    if (value === 0 && node.kind === 'compare') expect(Object.is(node.value, value)).toBe(true)
  })
})

describe('parseFilter: logic, grouping and precedence (not > and > or, left-associative)', () => {
  const [a, b, c] = [pr('a'), pr('b'), pr('c')]
  it.each<[string, FilterNode]>([
    ['a pr and b pr', { kind: 'and', left: a, right: b }],
    ['a pr AND b pr', { kind: 'and', left: a, right: b }],
    ['a pr Or b pr', { kind: 'or', left: a, right: b }],
    ['a pr or b pr and c pr', { kind: 'or', left: a, right: { kind: 'and', left: b, right: c } }],
    ['a pr and b pr or c pr', { kind: 'or', left: { kind: 'and', left: a, right: b }, right: c }],
    ['a pr and b pr and c pr', { kind: 'and', left: { kind: 'and', left: a, right: b }, right: c }],
    ['a pr or b pr or c pr', { kind: 'or', left: { kind: 'or', left: a, right: b }, right: c }],
    ['a pr and (b pr or c pr)', { kind: 'and', left: a, right: { kind: 'or', left: b, right: c } }],
    ['(a pr)', a],
    ['((a pr))', a],
    ['not (a pr)', { kind: 'not', filter: a }],
    ['NOT(a pr)', { kind: 'not', filter: a }],
    ['not (a pr) and b pr', { kind: 'and', left: { kind: 'not', filter: a }, right: b }],
    ['not (a pr or b pr)', { kind: 'not', filter: { kind: 'or', left: a, right: b } }],
    ['not (not (a pr))', { kind: 'not', filter: { kind: 'not', filter: a } }],
    ['  a\tpr \r\n and   b pr  ', { kind: 'and', left: a, right: b }],
    ['( a pr )', a],
  ])('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast)
  })

  // Keywords are only keywords where the grammar expects them, so attributes may carry their names.
  it.each<[string, FilterNode]>([
    ['not pr', pr('not')],
    ['and pr and or pr', { kind: 'and', left: pr('and'), right: pr('or') }],
    ['pr eq true', { kind: 'compare', path: { attr: 'pr' }, op: 'eq', value: true }],
  ])('keyword as attribute name: %s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast)
  })
})

describe('parseFilter: value paths', () => {
  const work: FilterNode = { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' }
  it.each<[string, FilterNode]>([
    [
      'emails[type eq "work" and value co "@example.com"]',
      {
        kind: 'valuePath',
        path: { attr: 'emails' },
        filter: {
          kind: 'and',
          left: work,
          right: { kind: 'compare', path: { attr: 'value' }, op: 'co', value: '@example.com' },
        },
      },
    ],
    ['emails[ type eq "work" ]', { kind: 'valuePath', path: { attr: 'emails' }, filter: work }],
    [
      'emails[not (type eq "work")]',
      { kind: 'valuePath', path: { attr: 'emails' }, filter: { kind: 'not', filter: work } },
    ],
    [
      'userType eq "Employee" and emails[type eq "work"]',
      {
        kind: 'and',
        left: { kind: 'compare', path: { attr: 'userType' }, op: 'eq', value: 'Employee' },
        right: { kind: 'valuePath', path: { attr: 'emails' }, filter: work },
      },
    ],
  ])('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast)
  })

  // Entra ID and Okta send `valuePath.subAttr op value`, outside the ABNF (IDP-COMPAT: Queries).
  it.each<[string, FilterNode]>([
    [
      'emails[type eq "work"].value eq "x@example.com"',
      {
        kind: 'valuePath',
        path: { attr: 'emails' },
        filter: {
          kind: 'and',
          left: work,
          right: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: 'x@example.com' },
        },
      },
    ],
    [
      'emails[type eq "work"].value pr',
      {
        kind: 'valuePath',
        path: { attr: 'emails' },
        filter: { kind: 'and', left: work, right: pr('value') },
      },
    ],
    [
      'emails[type eq "a" or type eq "b"].value eq "x"',
      {
        kind: 'valuePath',
        path: { attr: 'emails' },
        filter: {
          kind: 'and',
          left: {
            kind: 'or',
            left: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'a' },
            right: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'b' },
          },
          right: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: 'x' },
        },
      },
    ],
  ])('Entra/Okta shape %s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast)
  })
})

describe('parseFilter: malformed filters are 400 invalidFilter naming offset and token', () => {
  it.each<[string, number, string]>([
    ['', 0, 'the end of the filter'],
    ['   ', 3, 'the end of the filter'],
    ['userName', 8, 'the end of the filter'],
    ['userName eq', 11, 'the end of the filter'],
    ['userName eqq "x"', 9, '"eqq"'],
    ['userName == "x"', 9, '"=="'],
    ['userName pr "x"', 12, '"\\"x\\""'],
    ['userName eq "x" and', 19, 'the end of the filter'],
    ['userName eq "x" xor title pr', 16, '"xor"'],
    ['userName eq "x" title pr', 16, '"title"'],
    ['(userName eq "x"', 16, 'the end of the filter'],
    ['userName eq "x")', 15, '")"'],
    ['()', 1, '")"'],
    ['[type eq "x"]', 0, '"["'],
    ['not userName eq "x"', 4, '"userName"'],
    ['emails[type eq "work"', 21, 'the end of the filter'],
    ['emails[type eq "work")', 21, '")"'],
    ['emails[type eq "work"]]', 22, '"]"'],
    ['emails[type eq "work"].value', 28, 'the end of the filter'],
    ['emails[type eq "work"].1st eq "x"', 22, '".1st"'],
    ['emails[type eq "work"]value eq "x"', 22, '"value"'],
    ['emails[members[value eq "x"]]', 14, '"["'],
    ['1userName eq "x"', 0, '"1userName"'],
    ['user*name eq "x"', 0, '"user*name"'],
    ['name..givenName eq "x"', 0, '"name..givenName"'],
    ['name.given.more eq "x"', 0, '"name.given.more"'],
    ['name. eq "x"', 0, '"name."'],
    ['urn: eq "x"', 0, '"urn:"'],
    ['urn:a::b eq "x"', 0, '"urn:a::b"'],
  ])('%j → offset %i, found %s', (text, offset, found) => {
    const error = invalidFilterFrom(() => parseFilter(text))
    expect(error.detail).toContain(`at offset ${offset}, found ${found}`)
  })

  it.each<[string, string]>([
    ['userName eq "open', 'Unterminated string at offset 12'],
    ['userName eq "ends in backslash\\"', 'Unterminated string at offset 12'],
    ['userName eq "bad \\x escape"', 'Invalid JSON string at offset 12'],
    ['userName eq "raw\ttab"', 'Invalid JSON string at offset 12'],
    ['userName eq "\\u12"', 'Invalid JSON string at offset 12'],
  ])('%j → %s', (text, detail) => {
    expect(invalidFilterFrom(() => parseFilter(text)).detail).toContain(detail)
  })

  it('shortens a long offending token in the detail', () => {
    const error = invalidFilterFrom(() => parseFilter(`userName ${'x'.repeat(500)} "a"`))
    expect(error.detail.length).toBeLessThan(150)
    expect(error.detail).toContain(`found "${'x'.repeat(40)}…"`)
  })
})

// Beyond the ABNF (words.ts literalOf): Microsoft's tutorial and validator send unquoted values.
// A bare word that is not true/false/null or a JSON number is read as a string; a number-shaped
// word that is not a JSON number stays a string too, so an integer attribute refuses it at
// validation (invalidFilter) instead of comparing it as a number.
describe('parseFilter: bare words where a value is expected are strings', () => {
  it.each<[string, string]>([
    ['userName eq bjensen', 'bjensen'],
    ["userName eq 'x'", "'x'"],
    ['userName sw O', 'O'],
    ['meta.created gt 2015-10-10T14:38:21.8617979-07:00', '2015-10-10T14:38:21.8617979-07:00'],
    ['count eq 01', '01'],
    ['count eq 1.', '1.'],
    ['count eq .5', '.5'],
    ['count eq +1', '+1'],
    ['count eq 1e999', '1e999'],
    ['count eq 0x10', '0x10'],
    ['count eq tru', 'tru'],
    ['userName eq and', 'and'],
  ])('%j reads the value %j', (text, value) => {
    const node = parseFilter(text)
    expect(node).toMatchObject({ kind: 'compare', value })
  })

  it('the word ends at whitespace, a bracket or a quote', () => {
    expect(parseFilter('(userName eq bjensen) or title pr')).toMatchObject({
      kind: 'or',
      left: { kind: 'compare', value: 'bjensen' },
      right: { kind: 'present' },
    })
    expect(parseFilter('emails[type eq work]')).toMatchObject({
      kind: 'valuePath',
      filter: { kind: 'compare', value: 'work' },
    })
  })

  it('JSON literals keep their meaning unquoted', () => {
    expect(parseFilter('active eq TRUE')).toMatchObject({ value: true })
    expect(parseFilter('count eq 10')).toMatchObject({ value: 10 })
    expect(parseFilter('title eq null')).toMatchObject({ value: null })
  })
})
