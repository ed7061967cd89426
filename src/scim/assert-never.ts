// Pure: no I/O. Exhaustiveness check for switches over tagged unions (filter AST nodes, compare
// operators, PATCH ops and targets, store failure reasons).

/** Unreachable when every case is handled: a new union member breaks the build here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`)
}
