// Pure: no I/O. Roles from a user's data: the role extension's `role` (URN per org) and the core
// `roles[].value` (RFC 7643 §4.1.2), checked against the org's allowed values.
import { invalidValue } from './errors'
import { isPlainObject, type RoleSettings } from './schema'
import { foldCase } from './text'

type Json = Record<string, unknown>

/**
 * The user's roles in the org's own spelling, sorted, each once. A value outside the allowed set
 * is invalidValue naming it and the allowed values. Also rewrites the values in `data` to the
 * configured spelling, so the stored resource and the role assignments agree.
 */
export function extractRoles(data: Json, settings: RoleSettings): { data: Json; roles: string[] } {
  const canonical = (value: unknown, where: string): string => {
    const match =
      typeof value === 'string'
        ? settings.roleValues.find((r) => foldCase(r) === foldCase(value))
        : undefined
    if (match === undefined) {
      throw invalidValue(
        `${where} ${JSON.stringify(value)} is not a role of this organization; allowed: ${settings.roleValues.join(', ')}.`,
      )
    }
    return match
  }
  const roles = new Set<string>()
  let out = data
  const extension = data[settings.roleSchema]
  if (isPlainObject(extension) && extension.role !== undefined) {
    const role = canonical(extension.role, `${settings.roleSchema}:role`)
    roles.add(role)
    out = { ...out, [settings.roleSchema]: { ...extension, role } }
  }
  if (Array.isArray(data.roles)) {
    const list = data.roles.map((element, i) => {
      if (!isPlainObject(element) || element.value === undefined) return element
      const value = canonical(element.value, `roles[${i}].value`)
      roles.add(value)
      return { ...element, value }
    })
    out = { ...out, roles: list }
  }
  return { data: out, roles: [...roles].sort() }
}
