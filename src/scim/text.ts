// Pure: no I/O. Case folding of attribute values the SQL compiler compares inside JSON.

/**
 * ASCII-only lower-casing. It is exactly SQLite's `lower()`, so the in-memory evaluator and the
 * compiled SQL filters agree on what "case-insensitive" means (RFC 7643 §2.1 caseExact=false) for
 * attributes kept in the `data` JSON column. Non-ASCII letters compare exactly there. Identifying
 * names (userName, displayName) fold fully instead, on stored keys: identity.ts foldName.
 */
export function foldCase(value: string): string {
  return value.replace(/[A-Z]+/g, (run) => run.toLowerCase())
}
