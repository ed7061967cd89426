// Pure: the /Bulk request (RFC 7644 §3.7): its shape, its limits (§3.7.4), the order operations run
// in so a `bulkId:` reference always names a resource already created (§3.7.1, §3.7.2), and the
// substitution of those references in paths and data. No I/O: the HTTP shell runs the operations.
import { conflict, invalidSyntax, invalidValue, payloadTooLarge, type ScimError } from './errors'

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest'
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse'
/** Most operations one request may carry: advertised in /ServiceProviderConfig (§3.7.4). */
export const BULK_MAX_OPERATIONS = 1000

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface BulkOperation {
  /** Position in the request (0-based): responses are listed in this order. */
  index: number
  method: BulkMethod
  bulkId?: string
  version?: string
  path: string
  data?: unknown
  /** bulkIds this operation's path or data refers to. */
  refs: string[]
}

export interface BulkRequest {
  operations: BulkOperation[]
  /** Errors accepted before the rest is skipped (§3.7.3); undefined = no limit. */
  failOnErrors?: number
}

const METHODS: readonly BulkMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE']
const REF = /^bulkId:(.+)$/

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads a BulkRequest body; a malformed one is refused whole (400), too many operations 413. */
export function parseBulkRequest(body: unknown): BulkRequest {
  if (!isObject(body)) throw invalidSyntax('A BulkRequest must be a JSON object.')
  const schemas = body.schemas
  if (!Array.isArray(schemas) || !schemas.includes(BULK_REQUEST_SCHEMA)) {
    throw invalidSyntax(`A BulkRequest must declare the schema ${BULK_REQUEST_SCHEMA}.`)
  }
  const raw = body.Operations
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalidSyntax('A BulkRequest needs a non-empty Operations array.')
  }
  if (raw.length > BULK_MAX_OPERATIONS) {
    throw payloadTooLarge(
      `The request has ${raw.length} operations; maxOperations is ${BULK_MAX_OPERATIONS}.`,
    )
  }
  const failOnErrors = body.failOnErrors
  if (
    failOnErrors !== undefined &&
    (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)
  ) {
    throw invalidValue('failOnErrors must be a positive integer.')
  }
  const seen = new Set<string>()
  const operations = raw.map((op, index) => {
    const operation = parseOperation(op, index)
    if (operation.bulkId !== undefined) {
      if (seen.has(operation.bulkId)) {
        throw invalidValue(`Operations[${index}]: bulkId "${operation.bulkId}" is used twice.`)
      }
      seen.add(operation.bulkId)
    }
    return operation
  })
  return { operations, failOnErrors: failOnErrors as number | undefined }
}

function parseOperation(op: unknown, index: number): BulkOperation {
  const at = `Operations[${index}]`
  if (!isObject(op)) throw invalidSyntax(`${at} must be an object.`)
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : undefined
  if (!method || !METHODS.includes(method as BulkMethod)) {
    throw invalidSyntax(`${at}.method must be one of ${METHODS.join(', ')}.`)
  }
  if (typeof op.path !== 'string' || !op.path.startsWith('/')) {
    throw invalidSyntax(`${at}.path must be a resource path such as /Users or /Groups/{id}.`)
  }
  const bulkId = op.bulkId
  if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === '')) {
    throw invalidSyntax(`${at}.bulkId must be a non-empty string.`)
  }
  // §3.7: bulkId is REQUIRED on POST — it is how the client learns the new id.
  if (method === 'POST' && bulkId === undefined) {
    throw invalidSyntax(`${at}: a POST needs a bulkId.`)
  }
  if (op.version !== undefined && typeof op.version !== 'string') {
    throw invalidSyntax(`${at}.version must be a string (an ETag).`)
  }
  if (method !== 'DELETE' && op.data === undefined) {
    throw invalidSyntax(`${at}: a ${method} needs data.`)
  }
  const refs = new Set<string>()
  collectRefs(op.path.split('/'), refs)
  collectRefs(op.data, refs)
  return {
    index,
    method: method as BulkMethod,
    bulkId: bulkId as string | undefined,
    version: op.version as string | undefined,
    path: op.path,
    data: op.data,
    refs: [...refs],
  }
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const m = REF.exec(value)
    if (m) into.add(m[1])
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into)
  } else if (isObject(value)) {
    for (const v of Object.values(value)) collectRefs(v, into)
  }
}

/**
 * The order to run operations in, as waves: every operation of a wave depends only on operations
 * of earlier waves (in request order within a wave), so a wave can go to the writer at once.
 * Operations that refer to a bulkId no operation declares, or that sit on a cycle of references
 * (§3.7.1 lets a service provider answer 409 for what it cannot resolve), are returned apart with
 * their error.
 */
export function bulkWaves(operations: readonly BulkOperation[]): {
  waves: BulkOperation[][]
  refused: { operation: BulkOperation; error: ScimError }[]
} {
  const byBulkId = new Map(operations.flatMap((o) => (o.bulkId ? [[o.bulkId, o] as const] : [])))
  const refused: { operation: BulkOperation; error: ScimError }[] = []
  const level = new Map<number, number>()
  const state = new Map<number, 'visiting' | 'done' | 'refused'>()

  const visit = (op: BulkOperation, stack: BulkOperation[]): number | undefined => {
    const s = state.get(op.index)
    if (s === 'done') return level.get(op.index)
    if (s === 'refused') return undefined
    if (s === 'visiting') {
      // A cycle: every operation on it is refused.
      for (const member of stack.slice(stack.indexOf(op))) refuse(member, cycle(member))
      return undefined
    }
    state.set(op.index, 'visiting')
    let depth = 0
    for (const ref of op.refs) {
      const target = byBulkId.get(ref)
      if (!target) {
        refuse(op, unknownRef(ref))
        return undefined
      }
      const d = visit(target, [...stack, op])
      if (state.get(op.index) === 'refused') return undefined
      if (d === undefined) {
        refuse(op, failedRef(ref))
        return undefined
      }
      depth = Math.max(depth, d + 1)
    }
    state.set(op.index, 'done')
    level.set(op.index, depth)
    return depth
  }
  const refuse = (op: BulkOperation, error: ScimError) => {
    if (state.get(op.index) === 'refused') return
    state.set(op.index, 'refused')
    refused.push({ operation: op, error })
  }
  for (const op of operations) visit(op, [])
  const waves: BulkOperation[][] = []
  for (const op of operations) {
    const l = level.get(op.index)
    if (l === undefined || state.get(op.index) !== 'done') continue
    ;(waves[l] ??= []).push(op)
  }
  return { waves: waves.filter(Boolean), refused }
}

const cycle = (op: BulkOperation) =>
  conflictError(
    `Operations[${op.index}] is part of a circular bulkId reference this server cannot resolve.`,
  )
const unknownRef = (ref: string) =>
  conflictError(`No operation in this request declares bulkId "${ref}".`)
export const failedRef = (ref: string) =>
  conflictError(
    `The operation with bulkId "${ref}" did not succeed, so its reference cannot be resolved.`,
  )

/** §3.7.1: what cannot be resolved is answered 409 (Conflict). */
const conflictError = (detail: string): ScimError => conflict(detail)

/** Replaces every `bulkId:x` string in `value` with the id x was created with. */
export function resolveRefs<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') {
    const m = REF.exec(value)
    return (m && ids.has(m[1]) ? ids.get(m[1]) : value) as T
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, ids)) as T
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids)])) as T
  }
  return value
}

/** The path with its `bulkId:x` segment (e.g. `/Groups/bulkId:x`, §3.7.2) resolved. */
export const resolvePath = (path: string, ids: ReadonlyMap<string, string>): string =>
  path
    .split('/')
    .map((segment) => resolveRefs(segment, ids))
    .join('/')

/** `/Users`, `/Groups/{id}` (bulkIds already resolved) → what the operation addresses. */
export function bulkTarget(
  method: BulkMethod,
  path: string,
): { kind: 'User' | 'Group'; id?: string } {
  const [, collection, id, ...rest] = path.split('/')
  const kind =
    collection?.toLowerCase() === 'users'
      ? 'User'
      : collection?.toLowerCase() === 'groups'
        ? 'Group'
        : undefined
  if (!kind || rest.length > 0) {
    throw invalidValue(`Bulk operations address /Users or /Groups; ${path} is neither.`)
  }
  if (method === 'POST' ? id !== undefined && id !== '' : !id) {
    throw invalidValue(
      method === 'POST'
        ? `A POST addresses the collection (/Users or /Groups), not ${path}.`
        : `A ${method} addresses one resource: /${collection}/{id}.`,
    )
  }
  return id ? { kind, id: decodeURIComponent(id) } : { kind }
}
