// Pure: no I/O. Group `members` operations as a set delta (RFC 7644 §3.5.2, RFC 7643 §4.2)
//
// The store never loads a group's members, so operations on `members` compose into a MemberDelta
// (patch/types.ts) in order: the result equals applying them one by one to the concrete set.
// Member ids are opaque; whether they exist is the store's question (IDP-COMPAT: unknown
// ids → 400 invalidValue for the whole request).
import { invalidFilter, invalidPath, invalidValue } from '../errors'
import type { FilterNode } from '../filter/ast'
import { assertNever } from '../assert-never'
import { findKey, isPlainObject } from './json'
import type { MemberDelta, PatchOpName } from './types'

export const emptyDelta = (): MemberDelta => ({ replace: null, add: [], remove: [] })

const without = (list: string[], ids: string[]) => {
  const gone = new Set(ids)
  return list.filter((id) => !gone.has(id))
}
const union = (list: string[], ids: string[]) => [...new Set([...list, ...ids])]

/** The set becomes exactly `ids`; earlier adds and removes no longer matter. */
export const replaceMembers = (_: MemberDelta, ids: string[]): MemberDelta => ({
  replace: union([], ids),
  add: [],
  remove: [],
})

/** Adding an id cancels a pending removal of it; adding a present member is no error. */
export const addMembers = (d: MemberDelta, ids: string[]): MemberDelta =>
  d.replace
    ? { ...d, replace: union(d.replace, ids) }
    : { replace: null, add: union(d.add, ids), remove: without(d.remove, ids) }

/** Removing an id cancels a pending addition of it; removing an absent member is no error. */
export const removeMembers = (d: MemberDelta, ids: string[]): MemberDelta =>
  d.replace
    ? { ...d, replace: without(d.replace, ids) }
    : { replace: null, add: without(d.add, ids), remove: union(d.remove, ids) }

export const isEmptyDelta = (d: MemberDelta) =>
  d.replace === null && d.add.length === 0 && d.remove.length === 0

/** `[{"value": id, "display"?, "$ref"?}]`, a single such object, or null/[] for none. */
export function memberIds(value: unknown): string[] {
  if (value === null || value === undefined) return []
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    const key = isPlainObject(item) ? findKey(item, 'value') : undefined
    const id = key === undefined || !isPlainObject(item) ? undefined : item[key]
    if (typeof id !== 'string' || id.trim() === '') {
      throw invalidValue('Each member must be an object with a non-empty string "value"')
    }
    return id
  })
}

/** `members[value eq "a"]`, also `value eq "a" or value eq "b"`: the ids it names. */
export function filterMemberIds(filter: FilterNode): string[] {
  switch (filter.kind) {
    case 'compare':
      if (
        filter.op === 'eq' &&
        filter.path.attr.toLowerCase() === 'value' &&
        filter.path.uri === undefined &&
        filter.path.sub === undefined &&
        typeof filter.value === 'string'
      ) {
        return [filter.value]
      }
      break
    case 'or':
      return union(filterMemberIds(filter.left), filterMemberIds(filter.right))
    case 'and':
    case 'not':
    case 'present':
    case 'valuePath':
      break
    default:
      return assertNever(filter)
  }
  throw invalidFilter('A members filter must be value eq "id" (joined with "or")')
}

export interface MemberTarget {
  filter?: FilterNode
  sub?: string
}

/** One operation on `members` (with a path, or a `members` key of a pathless value). */
export function applyMemberOp(
  delta: MemberDelta,
  op: PatchOpName,
  target: MemberTarget,
  value: unknown,
): MemberDelta {
  if (target.sub !== undefined) {
    throw invalidPath('Member sub-attributes are not patchable; add or remove whole members')
  }
  switch (op) {
    case 'add':
      if (target.filter) throw invalidPath('"add" to members takes no filter')
      return addMembers(delta, memberIds(value))
    case 'replace':
      if (target.filter) throw invalidPath('"replace" of members takes no filter')
      return replaceMembers(delta, memberIds(value))
    case 'remove':
      if (target.filter) return removeMembers(delta, filterMemberIds(target.filter))
      // Entra ID removes one member with `"op":"Remove","path":"members","value":[{"value":id}]`:
      // only the listed members go (fixture entra-group-remove-member-value.json). Without a value
      // every member goes (RFC 7644 §3.5.2.2; fixture rfc7644-3.5.2.2-remove-all-members.json).
      if (value === undefined || value === null) return replaceMembers(delta, [])
      return removeMembers(delta, memberIds(value))
    default:
      return assertNever(op)
  }
}
