// Pure: no I/O. Group `members` operations as a set delta (RFC 7644 §3.5.2, RFC 7643 §4.2)
//
// The store never loads a group's members, so operations on `members` compose into a MemberDelta
// (patch/types.ts) in order: the result equals applying them one by one to the concrete set.
// Member ids are opaque; whether they exist is the store's question (IDP-COMPAT: unknown
// ids → 400 invalidValue for the whole request).
import { invalidFilter, invalidPath, invalidValue } from '../errors'
import type { FilterNode } from '../filter/ast'
import { assertNever } from '../assert-never'
import { checkMemberIdCount } from '../size-limits'
import { findKey, isPlainObject } from './json'
import type { MemberDelta, PatchOpName } from './types'

/**
 * The delta a PATCH's member operations build, in place: each operation costs O(its ids), so a
 * PATCH is linear in the member changes it carries (10,000 single-member operations once took
 * seconds when each copied the whole delta). Sets keep first-insertion order.
 */
export class DeltaBuilder {
  private replaced: Set<string> | null = null
  private readonly added = new Set<string>()
  private readonly removed = new Set<string>()
  /** Ids named so far, for MAX_PATCH_MEMBER_IDS. */
  private named = 0

  private count(ids: readonly string[]) {
    this.named += ids.length
    checkMemberIdCount(this.named)
  }

  /** The set becomes exactly `ids`; earlier adds and removes no longer matter. */
  replace(ids: readonly string[]): this {
    this.count(ids)
    this.replaced = new Set(ids)
    this.added.clear()
    this.removed.clear()
    return this
  }

  /** Adding an id cancels a pending removal of it; adding a present member is no error. */
  add(ids: readonly string[]): this {
    this.count(ids)
    for (const id of ids) {
      if (this.replaced) this.replaced.add(id)
      else {
        this.added.add(id)
        this.removed.delete(id)
      }
    }
    return this
  }

  /** Removing an id cancels a pending addition of it; removing an absent member is no error. */
  remove(ids: readonly string[]): this {
    this.count(ids)
    for (const id of ids) {
      if (this.replaced) this.replaced.delete(id)
      else {
        this.added.delete(id)
        this.removed.add(id)
      }
    }
    return this
  }

  get delta(): MemberDelta {
    return {
      replace: this.replaced && [...this.replaced],
      add: [...this.added],
      remove: [...this.removed],
    }
  }
}

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
      return [...new Set([...filterMemberIds(filter.left), ...filterMemberIds(filter.right)])]
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
  delta: DeltaBuilder,
  op: PatchOpName,
  target: MemberTarget,
  value: unknown,
): void {
  if (target.sub !== undefined) {
    throw invalidPath('Member sub-attributes are not patchable; add or remove whole members')
  }
  switch (op) {
    case 'add':
      if (target.filter) throw invalidPath('"add" to members takes no filter')
      delta.add(memberIds(value))
      return
    case 'replace':
      if (target.filter) throw invalidPath('"replace" of members takes no filter')
      delta.replace(memberIds(value))
      return
    case 'remove':
      if (target.filter) {
        delta.remove(filterMemberIds(target.filter))
        return
      }
      // Entra ID removes one member with `"op":"Remove","path":"members","value":[{"value":id}]`:
      // only the listed members go (fixture entra-group-remove-member-value.json). Without a value
      // every member goes (RFC 7644 §3.5.2.2; fixture rfc7644-3.5.2.2-remove-all-members.json).
      if (value === undefined || value === null) delta.replace([])
      else delta.remove(memberIds(value))
      return
    default:
      return assertNever(op)
  }
}
