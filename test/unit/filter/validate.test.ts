import { describe, expect, it } from 'vitest'
import type { FilterNode } from '../../../src/scim/filter'
import {
  parseFilter,
  stringifyFilter,
  validateElementFilter,
  validateFilter,
} from '../../../src/scim/filter'
import { DEFAULT_ROLE_SCHEMA, ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'
import { GROUP, TYPED_USER, USER, attributeOf, invalidFilterFrom } from './fixtures'

const E = ENTERPRISE_USER_SCHEMA
const canonical = (text: string, schema = USER) =>
  stringifyFilter(validateFilter(parseFilter(text), schema))

describe('validateFilter: canonical names, URNs and literals', () => {
  it.each<[string, string]>([
    ['userName eq "x"', 'userName eq "x"'],
    ['USERNAME EQ "x"', 'userName eq "x"'],
    ['username eq "x"', 'userName eq "x"'],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', 'userName eq "x"'],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME eq "x"', 'userName eq "x"'],
    ['NAME.FAMILYNAME co "x"', 'name.familyName co "x"'],
    ['id eq "x"', 'id eq "x"'],
    ['ExternalId eq "x"', 'externalId eq "x"'],
    ['meta.LASTMODIFIED gt "2011-05-13T04:42:34Z"', 'meta.lastModified gt "2011-05-13T04:42:34Z"'],
    ['employeeNumber eq "1"', `${E}:employeeNumber eq "1"`],
    [`${E.toLowerCase()}:Manager.Value eq "x"`, `${E}:manager.value eq "x"`],
    ['department pr', `${E}:department pr`],
    ['role eq "org_admin"', `${DEFAULT_ROLE_SCHEMA}:role eq "org_admin"`],
    ['schemas eq "urn:x"', 'schemas eq "urn:x"'],
    // RFC 7644 §3.4.2.2 example `emails co "example.com"`: a multi-valued complex attribute
    // compared without sub-attribute means its `value`.
    ['emails eq "x"', 'emails.value eq "x"'],
    ['Emails co "example.com"', 'emails.value co "example.com"'],
    ['emails pr', 'emails pr'],
    // Entra tutorial example 4: a single-valued complex attribute with `value` means its value.
    [`${E}:manager eq "m1"`, `${E}:manager.value eq "m1"`],
    ['name pr', 'name pr'],
    ['EMAILS[TYPE eq "work"].VALUE eq "x"', 'emails[type eq "work" and value eq "x"]'],
    ['x509Certificates[value eq "QUJD"]', 'x509Certificates[value eq "QUJD"]'],
    // Entra sends booleans as strings; validation types them.
    ['active eq "True"', 'active eq true'],
    ['active ne "FALSE"', 'active ne false'],
    ['roles[primary eq "True"]', 'roles[primary eq true]'],
    ['active eq null', 'active eq null'],
    ['title ne null', 'title ne null'],
    [
      'not (userName eq "a" or title pr) and active eq true',
      'not (userName eq "a" or title pr) and active eq true',
    ],
  ])('%s → %s', (text, expected) => {
    expect(canonical(text)).toBe(expected)
  })

  it.each<[string, string]>([
    ['DisplayName eq "Tour Guides"', 'displayName eq "Tour Guides"'],
    ['members[value eq "abc"]', 'members[value eq "abc"]'],
    ['MEMBERS.VALUE eq "abc"', 'members.value eq "abc"'],
    ['members eq "abc"', 'members.value eq "abc"'],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName sw "T"', 'displayName sw "T"'],
  ])('Group: %s → %s', (text, expected) => {
    expect(canonical(text, GROUP)).toBe(expected)
  })

  it('returns a new tree and leaves its input untouched', () => {
    const parsed = parseFilter('USERNAME eq "x" and active eq "true"')
    const copy = structuredClone(parsed)
    const validated = validateFilter(parsed, USER)
    expect(parsed).toStrictEqual(copy)
    expect(validated).not.toBe(parsed)
  })

  it('is idempotent: a validated filter validates to itself, also through stringify/parse', () => {
    const validated = validateFilter(
      parseFilter('EMAILS[TYPE eq "work"].VALUE eq "x" or department pr'),
      USER,
    )
    expect(validateFilter(validated, USER)).toStrictEqual(validated)
    expect(validateFilter(parseFilter(stringifyFilter(validated)), USER)).toStrictEqual(validated)
  })

  it('keeps numbers and dateTimes as written', () => {
    const node = validateFilter(
      parseFilter('count ge 2.5 and seen lt "2015-09-01T12:00:00+02:00"'),
      TYPED_USER,
    )
    expect(node).toStrictEqual({
      kind: 'and',
      left: {
        kind: 'compare',
        path: { uri: 'urn:test:params:scim:schemas:extension:types:2.0:User', attr: 'count' },
        op: 'ge',
        value: 2.5,
      },
      right: {
        kind: 'compare',
        path: { uri: 'urn:test:params:scim:schemas:extension:types:2.0:User', attr: 'seen' },
        op: 'lt',
        value: '2015-09-01T12:00:00+02:00',
      },
    })
  })
})

describe('validateFilter: what the server cannot answer is 400 invalidFilter', () => {
  it.each<[string, string]>([
    ['foo eq "x"', 'Unknown attribute "foo"'],
    [`${E}:userName eq "x"`, 'Unknown attribute'],
    ['urn:example:unknown:2.0:User:userName eq "x"', 'Unknown attribute'],
    ['name.foo eq "x"', 'Unknown sub-attribute "foo" of "name"'],
    ['userName.foo eq "x"', '"userName" is not complex'],
    ['name eq "x"', '"name" is complex; compare one of its sub-attributes, e.g. "name.formatted"'],
    ['addresses eq "x"', '"addresses" is complex'],
    ['active gt true', 'do not apply to boolean'],
    ['active le false', 'do not apply to boolean'],
    ['x509Certificates.value lt "QUJD"', 'do not apply to binary'],
    ['blob ge "QUJD"', 'do not apply to binary'],
    ['active eq 1', 'boolean and takes true or false'],
    ['active eq "yes"', 'boolean and takes true or false'],
    ['active co "t"', 'co, sw and ew apply to strings'],
    ['count eq "5"', 'integer and takes a number'],
    ['count sw "5"', 'co, sw and ew apply to strings'],
    ['score eq true', 'decimal and takes a number'],
    ['seen ew "Z"', 'co, sw and ew apply to strings'],
    ['meta.created eq "yesterday"', 'RFC 3339'],
    ['meta.created gt "2015-09-01"', 'RFC 3339'],
    ['meta.created gt "2015-09-01 12:00:00Z"', 'RFC 3339'],
    ['meta.created gt "2015-02-29T00:00:00Z"', 'RFC 3339'],
    ['meta.created gt "2015-01-01T24:00:00Z"', 'RFC 3339'],
    ['meta.created gt "2015-01-01T12:00:00+25:00"', 'RFC 3339'],
    ['meta.created eq 5', 'RFC 3339'],
    ['userName eq 5', 'string and takes a "string"'],
    ['userName eq true', 'string and takes a "string"'],
    ['profileUrl eq 1', 'reference and takes a "string"'],
    ['password eq "secret"', '"password" is never returned'],
    ['password pr', '"password" is never returned'],
    ['secret pr', 'is never returned'],
    ['userName gt null', 'null only goes with eq'],
    ['userName co null', 'null only goes with eq'],
    ['name.givenName[value eq "x"]', 'filters a sub-attribute'],
    ['userName[value eq "x"]', 'neither complex nor multi-valued'],
    ['emails[foo eq "x"]', '"foo" is not a sub-attribute of "emails"'],
    ['emails[emails.type eq "work"]', 'is not a sub-attribute of "emails"'],
    ['emails[urn:ietf:params:scim:schemas:core:2.0:User:type eq "x"]', 'is not a sub-attribute'],
    ['emails[type eq 1]', 'takes a "string"'],
    ['emails[primary gt true]', 'do not apply to boolean'],
    ['emails[type eq "work"].foo eq "x"', '"foo" is not a sub-attribute of "emails"'],
    ['userName eq "x" and (title pr or nope pr)', 'Unknown attribute "nope"'],
  ])('%s', (text, detail) => {
    const error = invalidFilterFrom(() => validateFilter(parseFilter(text), TYPED_USER))
    expect(error.detail).toContain(detail)
  })

  it('rejects a valuePath nested in a valuePath (errata 4690), even when built by hand', () => {
    const nested: FilterNode = {
      kind: 'valuePath',
      path: { attr: 'emails' },
      filter: {
        kind: 'valuePath',
        path: { attr: 'type' },
        filter: { kind: 'present', path: { attr: 'value' } },
      },
    }
    expect(invalidFilterFrom(() => validateFilter(nested, USER)).detail).toContain('do not nest')
  })

  it('Group filters resolve against the Group schema only', () => {
    expect(
      invalidFilterFrom(() => validateFilter(parseFilter('userName eq "x"'), GROUP)).detail,
    ).toContain('Unknown attribute "userName" on Group')
  })
})

describe('validateElementFilter: PATCH value filters against one parent attribute', () => {
  it.each<[string, string, string]>([
    ['emails', 'TYPE eq "work"', 'type eq "work"'],
    ['roles', 'primary eq "True"', 'primary eq true'],
    ['addresses', 'type eq "work" and postalCode pr', 'type eq "work" and postalCode pr'],
    ['tags', 'VALUE sw "a"', 'value sw "a"'],
  ])('%s[%s] → %s', (parent, text, expected) => {
    const validated = validateElementFilter(parseFilter(text), attributeOf(TYPED_USER, parent))
    expect(stringifyFilter(validated)).toBe(expected)
  })

  it.each<[string, string, string]>([
    ['emails', 'emails[type eq "work"]', 'do not nest'],
    ['emails', 'display.x pr', 'is not a sub-attribute'],
    ['tags', 'type eq "x"', '"type" is not a sub-attribute of "tags"'],
    ['emails', 'primary eq "maybe"', 'takes true or false'],
  ])('%s[%s] is refused', (parent, text, detail) => {
    const error = invalidFilterFrom(() =>
      validateElementFilter(parseFilter(text), attributeOf(TYPED_USER, parent)),
    )
    expect(error.detail).toContain(detail)
  })

  it('Group members filter uses the caseExact member id', () => {
    const members = attributeOf(GROUP, 'members')
    expect(validateElementFilter(parseFilter('value eq "ABC"'), members)).toStrictEqual({
      kind: 'compare',
      path: { attr: 'value' },
      op: 'eq',
      value: 'ABC',
    })
  })
})
