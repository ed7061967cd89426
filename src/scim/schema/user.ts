// Pure: no I/O. The core User schema (RFC 7643 §4.1, characteristics as in §8.7.1).
import { USER_SCHEMA } from '../urns'
import { COMMON_ATTRIBUTES } from './common'
import { attribute, capped, complex, multiValued, text } from './define'
import type { AttributeDef, SchemaDef } from './types'

const NAME = complex('name', "The components of the user's real name.", [
  text('formatted', 'The full name, formatted for display.'),
  text('familyName', 'The family name, or last name in most Western languages.'),
  text('givenName', 'The given name, or first name in most Western languages.'),
  text('middleName', 'The middle name(s).'),
  text('honorificPrefix', 'The honorific prefix(es), or title in most Western languages.'),
  text('honorificSuffix', 'The honorific suffix(es).'),
])

const ADDRESSES = complex(
  'addresses',
  `Physical mailing addresses of the user.${capped}`,
  [
    text('formatted', 'The full mailing address, formatted for display.'),
    text('streetAddress', 'The street address component.'),
    text('locality', 'The city or locality component.'),
    text('region', 'The state or region component.'),
    text('postalCode', 'The zip code or postal code component.'),
    text('country', 'The country name component (ISO 3166-1 alpha-2).'),
    text('type', 'A label indicating the function of the address.', {
      canonicalValues: ['work', 'home', 'other'],
    }),
    attribute('primary', 'boolean', 'Whether this is the preferred mailing address.'),
  ],
  { multiValued: true },
)

const readOnly = { mutability: 'readOnly' } as const

/** §4.1.2: memberships are managed through /Groups, so `groups` and its parts are read-only. */
const GROUPS = complex(
  'groups',
  'The groups the user belongs to, directly or indirectly.',
  [
    text('value', 'The id of the Group.', { ...readOnly, caseExact: true }),
    attribute('$ref', 'reference', 'The URI of the Group.', {
      ...readOnly,
      referenceTypes: ['User', 'Group'],
    }),
    text('display', 'A human-readable name of the Group.', readOnly),
    text('type', 'How the membership was derived.', {
      ...readOnly,
      canonicalValues: ['direct', 'indirect'],
    }),
  ],
  { ...readOnly, multiValued: true },
)

export const USER_SCHEMA_DEF: SchemaDef = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    ...COMMON_ATTRIBUTES,
    text(
      'userName',
      'Unique identifier the user signs in with; unique per organization, compared without regard to case, Unicode normalization form or character width. At most 1024 characters; control characters are refused.',
      { required: true, uniqueness: 'server', foldedKey: true },
    ),
    NAME,
    text(
      'displayName',
      'The name of the user, suitable for display to end-users. At most 1024 characters; control characters are refused.',
      { foldedKey: true },
    ),
    text('nickName', 'The casual way to address the user.'),
    attribute('profileUrl', 'reference', "A URI of the user's online profile.", {
      referenceTypes: ['external'],
    }),
    text('title', "The user's title, such as 'Vice President'."),
    text('userType', "The relationship between the organization and the user, e.g. 'Employee'."),
    text('preferredLanguage', "The user's preferred written or spoken language (RFC 7231 §5.3.5)."),
    text('locale', "The user's default location for localization, e.g. 'en-US'."),
    text('timezone', "The user's time zone in IANA format, e.g. 'America/Los_Angeles'."),
    attribute('active', 'boolean', "The user's administrative status."),
    text('password', "The user's cleartext password; never returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'Email addresses for the user.', {
      valueDescription: 'Email address, canonicalized per RFC 5321.',
      types: ['work', 'home', 'other'],
    }),
    multiValued('phoneNumbers', 'Phone numbers for the user.', {
      valueDescription: 'Phone number, canonicalized per RFC 3966 where possible.',
      types: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    multiValued('ims', 'Instant messaging addresses for the user.', {
      valueDescription: 'Instant messaging address.',
      types: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    multiValued('photos', 'URLs of images of the user.', {
      valueType: 'reference',
      valueDescription: 'URL of an image of the user.',
      types: ['photo', 'thumbnail'],
      referenceTypes: ['external'],
    }),
    ADDRESSES,
    GROUPS,
    multiValued('entitlements', 'Entitlements the user has.', {
      valueDescription: 'The value of an entitlement.',
    }),
    multiValued('roles', 'Roles the user holds.', { valueDescription: 'The value of a role.' }),
    multiValued('x509Certificates', 'X.509 certificates issued to the user.', {
      valueType: 'binary',
      valueDescription: 'DER-encoded X.509 certificate, base64 encoded.',
    }),
  ],
}

/**
 * The User core schema as one org sees it: `roles.value` publishes the org's role values as
 * canonicalValues — the vocabulary the server enforces (scim/roles.ts), so schema-driven clients
 * generate values that will be accepted.
 */
export function userCoreSchema(roleValues: readonly string[]): SchemaDef {
  const withValues = (def: AttributeDef): AttributeDef =>
    def.name !== 'roles'
      ? def
      : {
          ...def,
          subAttributes: def.subAttributes?.map((sub) =>
            sub.name === 'value' ? { ...sub, canonicalValues: [...roleValues] } : sub,
          ),
        }
  return { ...USER_SCHEMA_DEF, attributes: USER_SCHEMA_DEF.attributes.map(withValues) }
}
