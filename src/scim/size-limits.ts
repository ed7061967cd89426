// Pure: no I/O. Bounds on what one write may carry, so one request cannot monopolise its org's
// writer (every other write of the org waits behind it) nor store data that makes later reads
// expensive for everyone on the database (thousands of emails on one user).
import { invalidValue } from './errors'
import type { ResourceSchema } from './schema/types'

/**
 * Operations in one PATCH. Okta sends up to 1,000 membership changes in one PATCH, at most one
 * operation each (IDP-COMPAT: PATCH); the OpenID IPSIE profile asks for at least 50.
 */
export const MAX_PATCH_OPERATIONS = 2000
/** Member ids one PATCH may name across its operations (members are rows, not stored inline). */
export const MAX_PATCH_MEMBER_IDS = 10_000
/** Values of one stored multi-valued attribute (emails, phoneNumbers, roles, …). */
export const MAX_MULTI_VALUES = 100

export function checkOperationCount(count: number): void {
  if (count > MAX_PATCH_OPERATIONS) {
    throw invalidValue(
      `A PATCH may carry at most ${MAX_PATCH_OPERATIONS} operations; this one has ${count}. Split it.`,
    )
  }
}

export function checkMemberIdCount(count: number): void {
  if (count > MAX_PATCH_MEMBER_IDS) {
    throw invalidValue(
      `A PATCH may name at most ${MAX_PATCH_MEMBER_IDS} members across its operations. Split it.`,
    )
  }
}

/** Every multi-valued attribute of stored data (core and extensions) within MAX_MULTI_VALUES. */
export function checkMultiValued(data: Record<string, unknown>, resource: ResourceSchema): void {
  const holders = [
    { object: data, attributes: resource.core.attributes },
    ...resource.extensions.map((e) => ({
      object: data[e.schema.id],
      attributes: e.schema.attributes,
    })),
  ]
  for (const { object, attributes } of holders) {
    if (typeof object !== 'object' || object === null) continue
    for (const def of attributes) {
      const value = (object as Record<string, unknown>)[def.name]
      if (def.multiValued && Array.isArray(value) && value.length > MAX_MULTI_VALUES) {
        throw invalidValue(
          `"${def.name}" may hold at most ${MAX_MULTI_VALUES} values; this request gives it ${value.length}.`,
        )
      }
    }
  }
}
