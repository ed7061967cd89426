import { describe, expect, it } from 'vitest'
import {
  compareCodePoints,
  evaluateElementFilter,
  evaluateFilter,
  parseFilter,
  validateElementFilter,
  validateFilter,
} from '../../../src/scim/filter'
import type { ResourceSchema } from '../../../src/scim/schema/types'
import { ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'
import {
  BJENSEN,
  GROUP,
  TOUR_GUIDES,
  TYPED_USER,
  USER,
  attributeOf,
  invalidFilterFrom,
  typed,
} from './fixtures'

const matches = (
  text: string,
  resource: Record<string, unknown>,
  schema: ResourceSchema = TYPED_USER,
) => evaluateFilter(validateFilter(parseFilter(text), schema), resource, schema)

/** [filter, expected] against one resource. */
type Row = [string, boolean]

describe.each<[string, Record<string, unknown>, Row[]]>([
  [
    'string, caseExact=false: text = "Hello World"',
    typed({ text: 'Hello World' }),
    [
      ['text eq "hello world"', true],
      ['text eq "HELLO WORLD"', true],
      ['text eq "Hello"', false],
      ['text ne "hello world"', false],
      ['text ne "Hello"', true],
      ['text co "LO wO"', true],
      ['text co "xyz"', false],
      ['text co ""', true],
      ['text sw "hELLO"', true],
      ['text sw "World"', false],
      ['text ew "WORLD"', true],
      ['text ew "Hello"', false],
      ['text gt "hello"', true],
      ['text gt "HELLO WORLD"', false],
      ['text ge "HELLO WORLD"', true],
      ['text ge "i"', false],
      ['text lt "I"', true],
      ['text lt "hello world"', false],
      ['text le "HELLO world"', true],
      ['text le "hello"', false],
    ],
  ],
  [
    'string, caseExact=true: code = "Hello World"',
    typed({ code: 'Hello World' }),
    [
      ['code eq "Hello World"', true],
      ['code eq "hello world"', false],
      ['code ne "hello world"', true],
      ['code ne "Hello World"', false],
      ['code co "lo Wo"', true],
      ['code co "LO WO"', false],
      ['code sw "Hello"', true],
      ['code sw "hello"', false],
      ['code ew "World"', true],
      ['code ew "world"', false],
      ['code gt "Hello"', true],
      ['code gt "hello"', false], // "H" (0x48) < "h" (0x68)
      ['code ge "Hello World"', true],
      ['code lt "hello"', true],
      ['code lt "Hello World"', false],
      ['code le "Hello Worl"', false],
    ],
  ],
  [
    'case folding is ASCII-only, as SQLite lower() and the uniqueness keys',
    typed({ text: 'École', code: 'abc' }),
    [
      ['text eq "école"', false],
      ['text eq "ÉCOLE"', true],
      ['text gt "ÉCOLA"', true],
    ],
  ],
  [
    'integer: count = 5',
    typed({ count: 5 }),
    [
      ['count eq 5', true],
      ['count eq 5.0', true],
      ['count eq 6', false],
      ['count ne 6', true],
      ['count ne 5', false],
      ['count gt 4', true],
      ['count gt 5', false],
      ['count ge 5', true],
      ['count ge 6', false],
      ['count lt 6', true],
      ['count lt 5', false],
      ['count le 5', true],
      ['count le 4.5', false],
    ],
  ],
  [
    'decimal: score = 2.5',
    typed({ score: 2.5 }),
    [
      ['score eq 2.5', true],
      ['score eq 25e-1', true],
      ['score ne 2.5', false],
      ['score gt 2.25', true],
      ['score gt 2.5', false],
      ['score ge 2.5', true],
      ['score lt 1e1', true],
      ['score lt -3', false],
      ['score le 2.5', true],
      ['score le -1', false],
    ],
  ],
  [
    'boolean: flag = true',
    typed({ flag: true }),
    [
      ['flag eq true', true],
      ['flag eq false', false],
      ['flag eq "True"', true],
      ['flag eq "FALSE"', false],
      ['flag ne false', true],
      ['flag ne true', false],
      ['flag ne "false"', true],
    ],
  ],
  [
    'boolean: flag = false (false is a value, not absence)',
    typed({ flag: false }),
    [
      ['flag eq false', true],
      ['flag eq "false"', true],
      ['flag eq true', false],
      ['flag ne true', true],
      ['flag pr', true],
      ['flag eq null', false],
    ],
  ],
  [
    'dateTime: seen = 2015-09-01T12:00:00Z, compared by instant',
    typed({ seen: '2015-09-01T12:00:00Z' }),
    [
      ['seen eq "2015-09-01T12:00:00Z"', true],
      ['seen eq "2015-09-01T14:00:00+02:00"', true],
      ['seen eq "2015-09-01T12:00:00.000z"', true],
      ['seen eq "2015-09-01t12:00:00.0009Z"', true], // digits past the millisecond are truncated
      ['seen eq "2015-09-01T12:00:00.001Z"', false],
      ['seen ne "2015-09-01T12:00:00Z"', false],
      ['seen ne "2015-09-01T12:00:01Z"', true],
      ['seen gt "2015-09-01T11:59:59.999Z"', true],
      ['seen gt "2015-09-01T12:00:00Z"', false],
      ['seen ge "2015-09-01T11:00:00-01:00"', true],
      ['seen lt "2015-09-01T12:00:00.001Z"', true],
      ['seen lt "2015-09-01T13:00:00+02:00"', false],
      ['seen le "2015-09-01T12:00:00Z"', true],
      ['seen le "1999-12-31T23:59:60Z"', false],
    ],
  ],
  [
    'binary, caseExact=true: blob = "QUJD"',
    typed({ blob: 'QUJD' }),
    [
      ['blob eq "QUJD"', true],
      ['blob eq "qujd"', false],
      ['blob ne "qujd"', true],
      ['blob co "UJ"', true],
      ['blob sw "QU"', true],
      ['blob ew "JD"', true],
      ['blob ew "jd"', false],
    ],
  ],
  [
    'reference, caseExact=true: link',
    typed({ link: 'https://example.com/Users/2819c223' }),
    [
      ['link eq "https://example.com/Users/2819c223"', true],
      ['link eq "HTTPS://EXAMPLE.COM/Users/2819c223"', false],
      ['link sw "https://example.com/"', true],
      ['link gt "https://example.com/Users/2"', true],
    ],
  ],
  [
    'multi-valued simple: any value matches (tags caseExact=false, codes caseExact=true)',
    typed({ tags: ['Alpha', 'beta'], codes: ['Alpha'] }),
    [
      ['tags eq "ALPHA"', true],
      ['tags eq "gamma"', false],
      ['tags ne "alpha"', true], // "beta" differs
      ['tags co "ET"', true],
      ['tags sw "b"', true],
      ['tags gt "b"', true],
      ['tags lt "a"', false],
      ['tags pr', true],
      ['codes eq "alpha"', false],
      ['codes eq "Alpha"', true],
      ['codes ne "Alpha"', false], // the only value is equal
      ['tags[value eq "BETA"]', true],
      ['codes[value eq "alpha"]', false],
      ['tags[not (value eq "alpha")]', true],
    ],
  ],
])('%s', (_, resource, rows) => {
  it.each(rows)('%s → %s', (text, expected) => {
    expect(matches(text, resource)).toBe(expected)
  })
})

describe('absent, null, empty: ne / pr / eq null (the contract in compare.ts)', () => {
  const resources: [string, Record<string, unknown>][] = [
    ['absent', typed({})],
    ['null', typed({ text: null })],
    ['""', typed({ text: '' })],
    ['"x"', typed({ text: 'x' })],
    ['"y"', typed({ text: 'y' })],
  ]
  // Columns follow `resources`: absent, null, "", "x", "y".
  it.each<[string, boolean[]]>([
    ['text pr', [false, false, false, true, true]],
    ['text eq null', [true, true, true, false, false]],
    ['text ne null', [false, false, false, true, true]],
    ['text eq ""', [false, false, true, false, false]],
    ['text eq "x"', [false, false, false, true, false]],
    ['text ne "x"', [false, false, true, false, true]],
    ['not (text eq "x")', [true, true, true, false, true]],
    ['not (text ne "x")', [true, true, false, true, false]],
    ['text co ""', [false, false, true, true, true]],
    ['text gt ""', [false, false, false, true, true]],
    ['text lt "z"', [false, false, true, true, true]],
    ['not (text pr)', [true, true, true, false, false]],
  ])('%s', (text, expected) => {
    expect(resources.map(([, resource]) => matches(text, resource))).toStrictEqual(expected)
  })

  it.each<[string, Record<string, unknown>, boolean]>([
    ['name pr', { name: {} }, false],
    ['name pr', { name: { givenName: '', familyName: null } }, false],
    ['name pr', { name: { givenName: 'B' } }, true],
    ['name.givenName pr', { name: { familyName: 'J' } }, false],
    ['emails pr', { emails: [] }, false],
    ['emails pr', { emails: [{}] }, false],
    ['emails pr', { emails: [{ value: '' }] }, false],
    ['emails pr', { emails: [{ primary: false }] }, true],
    ['emails.value pr', { emails: [{ type: 'work' }, { value: 'a@b.c' }] }, true],
    ['emails.value eq null', { emails: [{ type: 'work' }] }, true],
    ['emails.value ne "a@b.c"', { emails: [{ type: 'work' }] }, false],
    ['emails eq null', { emails: [] }, true],
    ['active eq null', { active: false }, false],
  ])('%s on %j → %s', (text, resource, expected) => {
    expect(matches(text, resource, USER)).toBe(expected)
  })

  it.each<[string, Record<string, unknown>]>([
    ['count eq 5', typed({ count: '5' })],
    ['flag eq true', typed({ flag: 'true' })],
    ['text eq "5"', typed({ text: 5 })],
    ['seen gt "2000-01-01T00:00:00Z"', typed({ seen: 'not a date' })],
    ['text ne "x"', typed({ text: 5 })],
    ['name.givenName eq "B"', { name: 'B' }],
  ])('a stored value of the wrong JSON type matches nothing: %s on %j', (text, resource) => {
    expect(matches(text, resource)).toBe(false)
  })
})

describe('multi-valued complex attributes', () => {
  it.each<Row>([
    ['emails.value eq "BABS@jensen.org"', true],
    ['emails eq "babs@jensen.org"', true],
    ['emails co "example.com"', true],
    ['emails.type eq "other"', false],
    ['emails.type ne "work"', true], // "home" differs
    ['emails.primary eq true', true],
    ['emails.primary eq false', false], // absent in the home element: no value, no match
    // A valuePath binds its terms to ONE element; dotted paths may match different elements.
    ['emails[type eq "home" and primary eq true]', false],
    ['emails.type eq "home" and emails.primary eq true', true],
    ['emails[type eq "work" and value ew "EXAMPLE.COM"]', true],
    ['emails[type eq "work"].value eq "bjensen@example.com"', true],
    ['emails[type eq "home"].value eq "bjensen@example.com"', false],
    ['emails[not (type eq "work")]', true],
    ['emails[display pr]', false],
    ['ims[type eq "xmpp"]', false],
    ['phoneNumbers[type eq "work"]', false],
    ['not (phoneNumbers[type eq "work"])', true],
    ['roles[primary eq "True"]', true],
    ['x509Certificates[value sw "MIID"]', true],
    ['x509Certificates.value sw "miid"', false],
    ['meta[version pr]', true], // single-valued complex: one element
  ])('%s → %s', (text, expected) => {
    expect(matches(text, BJENSEN, USER)).toBe(expected)
  })
})

describe('extension attributes live under their schema URN', () => {
  it.each<Row>([
    [`${ENTERPRISE_USER_SCHEMA}:department eq "Tour Operations"`, true],
    ['department eq "tour operations"', true],
    ['DEPARTMENT co "oper"', true],
    [`${ENTERPRISE_USER_SCHEMA}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, true],
    // manager.value is caseExact
    ['manager.value eq "26118915-6090-4610-87E4-49D8CA9F808D"', false],
    ['manager.displayName sw "john"', true],
    ['costCenter pr', false],
    ['role eq "TEAM_ADMIN"', true],
  ])('%s → %s', (text, expected) => {
    expect(matches(text, BJENSEN, USER)).toBe(expected)
  })

  it('an attribute of the same name at the top level is not the extension one', () => {
    const misplaced = {
      ...BJENSEN,
      department: 'Tour Operations',
      [ENTERPRISE_USER_SCHEMA]: undefined,
    }
    expect(matches('department pr', misplaced, USER)).toBe(false)
  })
})

describe('logic', () => {
  it.each<Row>([
    ['userName eq "bjensen" and active eq true', true],
    ['userName eq "bjensen" and active eq false', false],
    ['userName eq "nobody" or active eq true', true],
    ['userName eq "nobody" or active eq false', false],
    ['not (userName eq "bjensen")', false],
    ['not (not (userName eq "bjensen"))', true],
    ['userName eq "nobody" and title pr or displayName sw "babs"', true],
    ['userName eq "nobody" and (title pr or displayName sw "babs")', false],
  ])('%s → %s', (text, expected) => {
    expect(matches(text, BJENSEN, USER)).toBe(expected)
  })

  it('Group: displayName and members', () => {
    expect(matches('DisplayName eq "tour guides"', TOUR_GUIDES, GROUP)).toBe(true)
    expect(
      matches('members[value eq "2819c223-7f76-453a-919d-413861904646"]', TOUR_GUIDES, GROUP),
    ).toBe(true)
    expect(
      matches('members[value eq "2819C223-7F76-453A-919D-413861904646"]', TOUR_GUIDES, GROUP),
    ).toBe(false)
  })
})

describe('evaluateElementFilter (PATCH value filters)', () => {
  const element = (parentName: string, text: string, value: unknown, schema = TYPED_USER) => {
    const parent = attributeOf(schema, parentName)
    return evaluateElementFilter(validateElementFilter(parseFilter(text), parent), value, parent)
  }

  it.each<[string, string, unknown, boolean]>([
    ['emails', 'type eq "work"', { type: 'work', value: 'a@b.c' }, true],
    ['emails', 'type eq "WORK"', { type: 'work' }, true],
    ['emails', 'type eq "work" and value co "@b."', { type: 'work', value: 'a@b.c' }, true],
    ['emails', 'type eq "home"', { type: 'work' }, false],
    ['emails', 'type eq "work"', 'not an object', false],
    ['emails', 'not (type eq "home")', {}, true],
    ['roles', 'primary eq "True"', { value: 'admin', primary: true }, true], // Entra
    ['roles', 'primary eq "True"', { value: 'admin' }, false],
    ['addresses', 'type eq "work"', { type: 'work', postalCode: '91608' }, true],
    ['phoneNumbers', 'type eq "mobile"', { type: 'mobile', value: 'tel:+1-201-555-0123' }, true],
    ['tags', 'value eq "alpha"', 'Alpha', true], // simple multi-valued: the element is `value`
    ['tags', 'value sw "b"', 'Alpha', false],
    ['codes', 'value eq "alpha"', 'Alpha', false],
    ['tags', 'value pr', '', false],
  ])('%s[%s] on %j → %s', (parent, text, value, expected) => {
    expect(element(parent, text, value)).toBe(expected)
  })

  it('members[value eq "id"] compares member ids exactly', () => {
    expect(element('members', 'value eq "abc"', { value: 'abc' }, GROUP)).toBe(true)
    expect(element('members', 'value eq "abc"', { value: 'ABC' }, GROUP)).toBe(false)
  })

  it('refuses a nested value path at evaluation time too', () => {
    const parent = attributeOf(USER, 'emails')
    const nested = parseFilter('emails[type pr]')
    expect(invalidFilterFrom(() => evaluateElementFilter(nested, {}, parent)).detail).toContain(
      'do not nest',
    )
  })
})

describe('compareCodePoints: UTF-8 byte order, as SQLite BINARY', () => {
  it.each<[string, string, number]>([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['Z', 'a', -1],
    ['\uffff', '\u{10000}', -1], // JS `<` says the opposite
    ['\u{10000}', '\ue000', 1],
    ['\u{1f600}', '\u{1f601}', -1],
  ])('%j vs %j → %i', (a, b, expected) => {
    expect(compareCodePoints(a, b)).toBe(expected)
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(expected)
  })

  it('string ordering in filters uses it', () => {
    expect(matches('code gt "\uffff"', typed({ code: '\u{10000}' }))).toBe(true)
  })
})

describe('evaluateFilter expects a validated filter and says so otherwise', () => {
  it.each<[string, string]>([
    ['nope eq "x"', 'Unknown attribute "nope"'],
    ['name eq "x"', '"name" is complex'],
    ['emails eq "x"', '"emails" is complex'],
  ])('%s', (text, detail) => {
    const error = invalidFilterFrom(() => evaluateFilter(parseFilter(text), BJENSEN, USER))
    expect(error.detail).toContain(detail)
  })
})
