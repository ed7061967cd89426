// Pure: no I/O. Shorthand for attribute definitions; omitted characteristics take the
// RFC 7643 §2.2 defaults (required false, caseExact false, readWrite, returned default, uniqueness none).
import { MAX_MULTI_VALUES } from '../size-limits'
import type { AttributeDef, AttributeType } from './types'

export type AttributeOptions = Partial<Omit<AttributeDef, 'name' | 'type' | 'description'>>

export function attribute(
  name: string,
  type: AttributeType,
  description: string,
  options: AttributeOptions = {},
): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    // RFC 7643 §2.3.6, §2.3.7: binary and reference values are always case exact.
    caseExact: type === 'binary' || type === 'reference',
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  }
}

export const text = (name: string, description: string, options?: AttributeOptions) =>
  attribute(name, 'string', description, options)

export const complex = (
  name: string,
  description: string,
  subAttributes: readonly AttributeDef[],
  options?: AttributeOptions,
) => attribute(name, 'complex', description, { ...options, subAttributes })

export interface MultiValuedOptions {
  valueType?: AttributeType
  valueDescription: string
  types?: readonly string[]
  referenceTypes?: readonly string[]
}

/** What /Schemas says of every stored multi-valued attribute (size-limits.ts). */
export const capped = ` At most ${MAX_MULTI_VALUES} values.`

/**
 * A multi-valued complex attribute with the RFC 7643 §2.4 default sub-attributes
 * `value`, `display`, `type` and `primary` (at most one element has primary true).
 */
export function multiValued(
  name: string,
  description: string,
  { valueType = 'string', valueDescription, types, referenceTypes }: MultiValuedOptions,
): AttributeDef {
  const typeOptions = types ? { canonicalValues: types } : {}
  return attribute(name, 'complex', `${description}${capped}`, {
    multiValued: true,
    subAttributes: [
      attribute('value', valueType, valueDescription, referenceTypes ? { referenceTypes } : {}),
      text('display', 'A human-readable name, primarily used for display purposes.'),
      text('type', `A label indicating the function of the ${name} element.`, typeOptions),
      attribute('primary', 'boolean', 'Whether this element is the preferred one.'),
    ],
  })
}
