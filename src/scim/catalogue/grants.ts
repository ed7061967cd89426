// Pure: no I/O. A user's entitlements (RFC 7643 §4.1.2 `entitlements`) checked against the org's
// entitlement catalogue, as roles are against its role values (scim/roles.ts). An org that has no
// entitlement types keeps entitlements as sent, as before catalogues existed.
import { invalidValue } from '../errors'
import { isPlainObject } from '../schema'
import { foldCase } from '../text'
import type { EntitlementType } from './types'

type Json = Record<string, unknown>

/**
 * Each `entitlements[]` element names a value of one of the org's types: `type` picks the type
 * (without regard to case); without it the value must belong to exactly one type. Values and
 * types are rewritten to the catalogue's spelling, and `display` filled from it when absent, so
 * what is stored, returned and evented agrees with /<type>. Anything else is invalidValue.
 */
export function extractEntitlements(data: Json, types: readonly EntitlementType[]): Json {
  if (!Array.isArray(data.entitlements) || types.length === 0) return data
  const list = data.entitlements.map((element, i) => {
    if (!isPlainObject(element) || element.value === undefined) return element
    const where = `entitlements[${i}]`
    if (typeof element.value !== 'string') throw invalidValue(`${where}.value must be a string.`)
    const value = foldCase(element.value)
    const candidates =
      element.type === undefined || element.type === null
        ? types.filter((t) => t.values.some((v) => foldCase(v.value) === value))
        : types.filter(
            (t) => typeof element.type === 'string' && foldCase(t.type) === foldCase(element.type),
          )
    if (candidates.length > 1) {
      throw invalidValue(
        `${where}: ${JSON.stringify(element.value)} is a value of ${candidates.map((t) => t.type).join(' and ')}; say which with "type".`,
      )
    }
    const type = candidates[0]
    const entry = type?.values.find((v) => foldCase(v.value) === value)
    if (!type || !entry) {
      const named = element.type === undefined ? '' : ` of type ${JSON.stringify(element.type)}`
      throw invalidValue(
        `${where}: ${JSON.stringify(element.value)}${named} is not an entitlement of this organization (types: ${types.map((t) => t.type).join(', ')}).`,
      )
    }
    return {
      ...element,
      value: entry.value,
      type: type.type,
      display: element.display ?? entry.displayName,
    }
  })
  return { ...data, entitlements: list }
}
