// Pure: no I/O. Exhaustiveness check for switches over op names and target kinds (RFC 7644 §3.5.2)

/** Unreachable when every case is handled: a new union member breaks the build here. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled PATCH case: ${JSON.stringify(value)}`)
}
