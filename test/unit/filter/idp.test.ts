// Filters identity providers send (IDP-COMPAT.md, Queries), replayed per vendor. Values arrive
// here already URL-decoded by the HTTP layer (`+` → space).
import { describe, expect, it } from 'vitest'
import { evaluateFilter, parseFilter, validateFilter } from '../../../src/scim/filter'
import type { ResourceSchema } from '../../../src/scim/schema/types'
import { BJENSEN, BJENSEN_ID, GROUP, JSMITH, TOUR_GUIDES, USER } from './fixtures'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

interface Replay {
  filter: string
  schema: ResourceSchema
  resource: Record<string, unknown>
  matches: boolean
}

const user = (filter: string, matches: boolean, resource = BJENSEN): Replay => ({
  filter,
  schema: USER,
  resource,
  matches,
})
const group = (filter: string, matches: boolean): Replay => ({
  filter,
  schema: GROUP,
  resource: TOUR_GUIDES,
  matches,
})

describe.each<[string, Replay[]]>([
  [
    'Okta',
    [
      // Create-vs-link lookup: must match case-insensitively, like the uniqueness check.
      user('userName eq "bjensen"', true),
      user('userName eq "BJensen"', true),
      user('userName eq "bjensen@example.com"', false),
      user('userName eq "jsmith"', true, JSMITH),
      user('externalId eq "701984"', true),
      user('id eq "2819c223-7f76-453a-919d-413861904646"', true),
      user('emails[type eq "work"].value eq "BJensen@Example.com"', true),
      user('emails[type eq "home"].value eq "bjensen@example.com"', false),
      group('displayName eq "Tour Guides"', true),
      group('displayName eq "tour guides"', true),
      group('displayName eq "Tour"', false),
    ],
  ],
  [
    'Microsoft Entra ID',
    [
      user('userName eq "BJENSEN"', true),
      user('USERNAME EQ "bjensen"', true),
      user('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"', true),
      user('externalId eq "701984" and userName eq "bjensen"', true),
      user('externalId eq "701984" and userName eq "someone-else"', false),
      user('externalId eq "701984"', false, JSMITH),
      user(`${ENTERPRISE}:employeeNumber eq "701984"`, true),
      user('emails[type eq "work"].value eq "bjensen@example.com"', true),
      user('active eq "True"', true),
      user('active eq "False"', true, JSMITH),
      user('roles[primary eq "True"].value eq "tour lead"', true),
      // Microsoft's own test collection writes attribute names in Pascal case.
      group('DisplayName eq "Tour Guides"', true),
      group('externalId eq "entra-group-17"', true),
      group('externalId eq "ENTRA-GROUP-17"', false), // externalId is caseExact
      group(`members[value eq "${BJENSEN_ID}"]`, true),
      group('id eq "e9e30dba-f08f-4109-8486-d5c6a331660a" and displayName eq "Tour Guides"', true),
      // Unquoted values, as Microsoft's tutorial (Example 1) and validator send them: read as strings.
      user('externalId eq jyoung', false),
      user('userName eq bjensen', true),
      user('userName sw BJ', true),
      user('userName sw O', false),
      user('meta.created ge 2010-01-23T04:56:22Z', true),
      user('meta.created gt 2015-10-10T14:38:21.8617979-07:00', false),
      user('(userName eq bjensen) and active eq true', true),
      group('displayName eq Tour', false),
    ],
  ],
])('%s', (_, replays) => {
  it.each(replays)('$filter → $matches', ({ filter, schema, resource, matches }) => {
    expect(evaluateFilter(validateFilter(parseFilter(filter), schema), resource, schema)).toBe(
      matches,
    )
  })
})

it('an unquoted JSON number keeps its type: against a string attribute it is invalidFilter', () => {
  expect(() => validateFilter(parseFilter('externalId eq 701984'), USER)).toThrow(/is a string/)
})
