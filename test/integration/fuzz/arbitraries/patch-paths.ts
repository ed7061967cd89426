// PATCH paths (RFC 7644 §3.5.2 Figure 1) for fuzzing: real ones in odd case, value-filter paths
// (the IdP shapes of IDP-COMPAT), malformed ones, and paths that are not strings at all.
import fc from 'fast-check'
import { fuzzFilter } from './filter-mutations'
import { CORE_GROUP, CORE_USER, ENTERPRISE, oddString, ROLE_EXT, words } from './words'

/** Ids the generated bodies may refer to: real users and groups of the org. */
export interface PatchTargets {
  userIds: string[]
  groupIds: string[]
}

export type Kind = 'User' | 'Group'

export const USER_PATHS = [
  ...words(`userName displayName nickName title active externalId name name.givenName
    name.familyName Name.GivenName emails phoneNumbers addresses roles entitlements ims photos
    x509Certificates profileUrl locale timezone preferredLanguage userType password id meta
    meta.created groups groups.value schemas emails.value emails.primary addresses.postalCode`),
  ENTERPRISE,
  ...words('employeeNumber department manager manager.value manager.displayName').map(
    (name) => `${ENTERPRISE}:${name}`,
  ),
  ROLE_EXT,
  `${ROLE_EXT}:role`,
  `${CORE_USER}:userName`,
  `${CORE_USER}:name.givenName`,
  'emails[type eq "work"].value',
  'emails[type eq "work"]',
  'emails[value eq "ada@work.example"].primary',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].postalCode',
  'roles[primary eq "True"].value',
  'roles[value eq "member"]',
  'emails[primary eq true].type',
]

export const GROUP_PATHS = [
  ...words(`displayName DisplayName externalId members Members members.value members.display id
    meta schemas`),
  `${CORE_GROUP}:displayName`,
  'members[value eq "nope"]',
  'members[display eq "x"]',
  'members[type eq "User"].value',
]

const BROKEN_PATHS = [
  ...words(`emails[ emails[] urn:x:y urn: : . .. name..givenName $ref "userName"`),
  ...['', ' ', 'a b', 'userName\u0000', 'x'.repeat(5000)],
  'emails[type eq "work"',
  'emails[type eq "work"].value.x',
  'emails[type eq "work"]value',
  'name[givenName eq "x"]',
  'emails[type eq "work"][value eq "x"]',
  'members[value eq "a"]].x',
  'emails[type eq "work" and (value pr]',
]

const subFilter = fc.oneof(
  fc.constantFrom(
    'type eq "work"',
    'value co "a"',
    'primary eq true',
    'display pr',
    'value eq null',
  ),
  fuzzFilter.filter((f) => f.length < 300),
)

export function pathArb(kind: Kind, t: PatchTargets): fc.Arbitrary<unknown> {
  const ids = [...t.userIds, ...t.groupIds, 'no-such-id']
  const multi = kind === 'User' ? words('emails phoneNumbers roles addresses ims') : ['members']
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(kind === 'User' ? USER_PATHS : GROUP_PATHS)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...multi),
          subFilter,
          fc.constantFrom(...['', ...words('.value .type .display .nope')]),
        )
        .map(([a, f, sub]) => `${a}[${f}]${sub}`),
    },
    {
      weight: kind === 'Group' ? 3 : 0,
      arbitrary: fc
        .array(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 })
        .map(
          (list) => `members[${list.map((id) => `value eq ${JSON.stringify(id)}`).join(' or ')}]`,
        ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_PATHS) },
    { weight: 1, arbitrary: oddString },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -1, true, [], { a: 1 }) },
  )
}
