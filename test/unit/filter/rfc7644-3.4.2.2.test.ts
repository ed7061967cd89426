// Every filter example of RFC 7644 §3.4.2.2 (written out here as a table): it parses, validates
// against the real User schema, and evaluates sensibly against two users.
import { describe, expect, it } from 'vitest'
import {
  evaluateFilter,
  parseFilter,
  stringifyFilter,
  validateFilter,
} from '../../../src/scim/filter'
import { BJENSEN, JSMITH, USER } from './fixtures'

describe('RFC 7644 §3.4.2.2 filter examples', () => {
  // [filter, matches bjensen (Employee, Tour Guide, work mail at example.com), matches jsmith
  // (Intern, no title, home mail at example.net, xmpp at foo.com, modified later)]
  it.each<[string, boolean, boolean]>([
    ['userName eq "bjensen"', true, false],
    ['name.familyName co "O\'Malley"', false, false],
    ['userName sw "J"', false, true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', false, true],
    ['title pr', true, false],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false, true],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true, true],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', false, false],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', true, false],
    ['title pr and userType eq "Employee"', true, false],
    ['title pr or userType eq "Intern"', true, true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', true, false],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      true,
      false,
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      false,
      true,
    ],
    ['userType eq "Employee" and (emails.type eq "work")', true, false],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true, false],
    [
      'emails[type eq "work" and value co "@example.com"] or ' +
        'ims[type eq "xmpp" and value co "@foo.com"]',
      true,
      true,
    ],
  ])('%s', (text, bjensen, jsmith) => {
    const filter = validateFilter(parseFilter(text), USER)
    expect(evaluateFilter(filter, BJENSEN, USER)).toBe(bjensen)
    expect(evaluateFilter(filter, JSMITH, USER)).toBe(jsmith)
    expect(parseFilter(stringifyFilter(filter))).toStrictEqual(filter)
  })
})
