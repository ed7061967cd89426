// Pure: no I/O. Role and entitlement catalogues (types, rules, SCIM resources, schemas, grants).
export * from './types'
export * from './rules'
export * from './resources'
export * from './schemas'
export * from './grants'
