// Pure: no I/O. The Enterprise User extension (RFC 7643 §4.3, characteristics as in §8.7.1).
import { ENTERPRISE_USER_SCHEMA } from '../urns'
import { attribute, complex, text } from './define'
import type { SchemaDef } from './types'

export const ENTERPRISE_USER_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text('employeeNumber', 'Identifier assigned to the user by the organization.'),
    text('costCenter', 'Name of a cost center.'),
    text('organization', 'Name of an organization.'),
    text('division', 'Name of a division.'),
    text('department', 'Name of a department.'),
    complex('manager', "The user's manager.", [
      text('value', 'The id of the SCIM User representing the manager.', { caseExact: true }),
      attribute('$ref', 'reference', 'The URI of the SCIM User representing the manager.', {
        referenceTypes: ['User'],
      }),
      text('displayName', "The manager's display name, filled in by the service provider.", {
        mutability: 'readOnly',
      }),
    ]),
  ],
}
