// Pure: no I/O. Case folding shared by the evaluator, the uniqueness keys and the SQL compiler.

/**
 * ASCII-only lower-casing. It is exactly SQLite's `lower()`, so the in-memory evaluator, the
 * normalized uniqueness keys (`user_name_key`, `display_name_key`) and the compiled SQL filters
 * all agree on what "case-insensitive" means (RFC 7643 §2.1 caseExact=false). Non-ASCII letters
 * compare exactly.
 */
export function foldCase(value: string): string {
  return value.replace(/[A-Z]+/g, (run) => run.toLowerCase())
}
