// Pure: no I/O. Per-org schema extensions (declarations, rules, schema, values).
export * from './types'
export * from './rules'
export * from './schema'
export * from './values'
