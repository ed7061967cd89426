// Pure: no I/O. PATCH (RFC 7644 §3.5.2) request and result shapes after normalization.
import type { AttrPath, FilterNode } from '../filter/ast'

export type PatchOpName = 'add' | 'remove' | 'replace'

/** PATH = attrPath / valuePath [subAttr]  (RFC 7644 §3.5.2, ABNF in Figure 1). */
export interface PatchPath {
  attr: AttrPath
  /** valuePath filter: `emails[type eq "work"]` */
  filter?: FilterNode
  /** sub-attribute after a valuePath: `emails[type eq "work"].value` */
  sub?: string
}

/** One operation in RFC form: lower-case op, parsed path, value as sent (coercions applied). */
export interface PatchOperation {
  op: PatchOpName
  path?: PatchPath
  value?: unknown
}

/**
 * Group membership changes as a set delta, so the store applies them in O(k) rows.
 * `replace` non-null means "the member set becomes exactly `replace`, then apply add/remove"
 * is already folded in: when `replace` is set, `add` and `remove` are empty.
 */
export interface MemberDelta {
  replace: string[] | null
  add: string[]
  remove: string[]
}

export interface PatchResult {
  /** The resource after all operations (groups: without `members`). */
  resource: Record<string, unknown>
  /** false when the operations left every attribute as it was (the version is not bumped). */
  changed: boolean
  /** Only for Groups, only when an operation touched `members`. */
  members?: MemberDelta
}
