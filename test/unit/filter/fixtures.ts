// Shared fixtures for the filter tests: the real resource schemas plus a small extension that
// carries one attribute of every type, and sample resources in canonical SCIM JSON.
import { findAttribute, groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import type { AttributeDef, AttributeType, ResourceSchema } from '../../../src/scim/schema/types'
import { ScimError } from '../../../src/scim/errors'
import {
  DEFAULT_ROLE_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/urns'
import { expect } from 'vitest'

export const USER = userResourceSchema()
export const GROUP = groupResourceSchema()

export const TYPES_URN = 'urn:test:params:scim:schemas:extension:types:2.0:User'

function def(name: string, type: AttributeType, more: Partial<AttributeDef> = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: `Test attribute ${name}.`,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  }
}

/** One attribute per type and caseExact setting, so truth tables can walk the matrix. */
export const TYPES_SCHEMA = {
  id: TYPES_URN,
  name: 'Types',
  description: 'Every attribute type, for filter tests.',
  attributes: [
    def('text', 'string'),
    def('code', 'string', { caseExact: true }),
    def('count', 'integer'),
    def('score', 'decimal'),
    def('flag', 'boolean'),
    def('blob', 'binary', { caseExact: true }),
    def('seen', 'dateTime'),
    def('link', 'reference', { caseExact: true }),
    def('tags', 'string', { multiValued: true }),
    def('codes', 'string', { multiValued: true, caseExact: true }),
    def('secret', 'string', { returned: 'never' }),
  ],
}

/** The real User resource type plus the types extension. */
export const TYPED_USER: ResourceSchema = {
  ...USER,
  extensions: [...USER.extensions, { schema: TYPES_SCHEMA, required: false }],
}

export function attributeOf(schema: ResourceSchema, name: string): AttributeDef {
  const found =
    findAttribute(schema.core.attributes, name) ??
    schema.extensions.map((e) => findAttribute(e.schema.attributes, name)).find(Boolean)
  if (!found) throw new Error(`fixture: no attribute ${name}`)
  return found
}

export const BJENSEN_ID = '2819c223-7f76-453a-919d-413861904646'
export const MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d'

/** Barbara Jensen, shaped after the RFC 7643 §8.2 example user (values written for these tests). */
export const BJENSEN: Record<string, unknown> = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, DEFAULT_ROLE_SCHEMA],
  id: BJENSEN_ID,
  externalId: '701984',
  userName: 'bjensen',
  name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  roles: [{ value: 'Tour Lead', primary: true }],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw' }],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"a330bc54f0671c9"',
    location: `https://example.com/scim/v2/Users/${BJENSEN_ID}`,
  },
  [ENTERPRISE_USER_SCHEMA]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: MANAGER_ID, displayName: 'John Smith' },
  },
  [DEFAULT_ROLE_SCHEMA]: { role: 'team_admin' },
}

/** An intern with little filled in: no title, no name, no enterprise data. */
export const JSMITH: Record<string, unknown> = {
  schemas: [USER_SCHEMA],
  id: 'c75ad752-64ae-4823-840d-ffa80929976c',
  userName: 'JSmith',
  userType: 'Intern',
  active: false,
  emails: [{ value: 'jsmith@example.net', type: 'home' }],
  ims: [{ value: 'js@foo.com', type: 'xmpp' }],
  meta: {
    resourceType: 'User',
    created: '2011-08-01T18:29:49.793Z',
    lastModified: '2012-01-01T00:00:00Z',
  },
}

export const TOUR_GUIDES: Record<string, unknown> = {
  schemas: [GROUP_SCHEMA],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  externalId: 'entra-group-17',
  displayName: 'Tour Guides',
  members: [{ value: BJENSEN_ID, display: 'Babs Jensen', type: 'User' }],
  meta: {
    resourceType: 'Group',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
  },
}

/** A user whose types-extension attributes are `values`. */
export function typed(values: Record<string, unknown>): Record<string, unknown> {
  return { schemas: [USER_SCHEMA, TYPES_URN], id: 'typed', userName: 'typed', [TYPES_URN]: values }
}

/** Runs `run` and returns the ScimError it throws, asserting it is a 400 invalidFilter. */
export function invalidFilterFrom(run: () => unknown): ScimError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ScimError)
  const error = caught as ScimError
  expect(error.status).toBe(400)
  expect(error.scimType).toBe('invalidFilter')
  return error
}
