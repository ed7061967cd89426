// Pure: no I/O. The core Group schema (RFC 7643 §4.2, characteristics as in §8.7.1).
import { GROUP_SCHEMA } from '../urns'
import { COMMON_ATTRIBUTES } from './common'
import { attribute, complex, text } from './define'
import type { SchemaDef } from './types'

const immutable = { mutability: 'immutable' } as const

/** §8.7.1: a member is added or removed as a whole, never edited in place. */
const MEMBERS = complex(
  'members',
  'A list of members of the Group.',
  [
    text('value', 'Identifier of the member of this Group.', { ...immutable, caseExact: true }),
    attribute('$ref', 'reference', 'The URI of the member resource.', {
      ...immutable,
      referenceTypes: ['User', 'Group'],
    }),
    text('display', 'A human-readable name of the member.', immutable),
    text('type', 'The type of the member resource.', {
      ...immutable,
      canonicalValues: ['User', 'Group'],
    }),
  ],
  { multiValued: true },
)

export const GROUP_SCHEMA_DEF: SchemaDef = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    ...COMMON_ATTRIBUTES,
    // §8.7.1 publishes displayName as optional and not unique; a team needs a name, and IdPs
    // link existing teams by identical name (DESIGN: uniqueness per org, case-insensitive).
    text(
      'displayName',
      'A human-readable name for the Group; unique per organization, compared without regard to case, Unicode normalization form or character width. At most 1024 characters; control characters are refused.',
      { required: true, uniqueness: 'server', foldedKey: true },
    ),
    MEMBERS,
  ],
}
