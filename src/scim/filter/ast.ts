// Pure: no I/O. The filter AST (RFC 7644 §3.4.2.2): plain objects, a discriminated union on `kind`.

/** `[URI ":"] ATTRNAME *1subAttr` as written, before schema resolution. */
export interface AttrPath {
  /** The schema URN prefix when the path carries one, e.g. the enterprise extension. */
  uri?: string
  attr: string
  sub?: string
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le'

/** compValue = false / null / true / number / string (dateTime values arrive as strings). */
export type Literal = string | number | boolean | null

export type FilterNode =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: Literal }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; filter: FilterNode }
  /** attrPath "[" valFilter "]": one element of a multi-valued complex attribute satisfies `filter`. */
  | { kind: 'valuePath'; path: AttrPath; filter: FilterNode }
