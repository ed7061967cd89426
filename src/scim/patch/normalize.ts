// Pure: no I/O. PatchOp envelope validation and IdP shapes → RFC form (RFC 7644 §3.5.2)
//
// Decisions:
// - `schemas` may be missing (GitHub's and several IdPs' examples omit it); when present it must
//   list the PatchOp URN, otherwise the body is some other message → invalidSyntax.
// - `Operations` missing, null or [] → no operations (IDP-COMPAT: a no-op success).
// - Member names of the envelope and of each operation are matched case-insensitively.
// - A blank `path` is the same as no path.
// Value coercions that need the schema (booleans, manager shapes) happen in apply.
import { invalidPath, invalidSyntax, invalidValue, noTarget } from '../errors'
import { checkOperationCount } from '../size-limits'
import { PATCH_OP_MESSAGE } from '../urns'
import { findKey, isPlainObject, type JsonObject } from './json'
import { parsePatchPath } from './path'
import { unwrapEntraRoles } from './roles'
import type { PatchOpName, PatchOperation, PatchPath } from './types'

const member = (obj: JsonObject, name: string): unknown => {
  const key = findKey(obj, name)
  return key === undefined ? undefined : obj[key]
}

export function normalizePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax('A PATCH body must be a PatchOp JSON object')
  const schemas = member(body, 'schemas')
  if (schemas !== undefined) {
    const listed = Array.isArray(schemas) ? schemas : [schemas]
    const isPatchOp = (s: unknown) =>
      typeof s === 'string' && s.toLowerCase() === PATCH_OP_MESSAGE.toLowerCase()
    if (!listed.some(isPatchOp)) throw invalidSyntax(`schemas must contain "${PATCH_OP_MESSAGE}"`)
  }
  const operations = member(body, 'Operations')
  if (operations === undefined || operations === null) return []
  if (!Array.isArray(operations)) throw invalidSyntax('Operations must be an array')
  checkOperationCount(operations.length)
  return operations.map((raw, i) => normalizeOperation(raw, i))
}

function normalizeOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`
  if (!isPlainObject(raw)) throw invalidSyntax(`${where} must be an object`)
  const op = opName(member(raw, 'op'), where)
  const path = parsePath(member(raw, 'path'), where)
  let value = member(raw, 'value')
  if (op !== 'remove' && value === undefined) throw invalidValue(`${where}: "${op}" needs a value`)
  if (op === 'remove' && path === undefined) {
    // RFC 7644 §3.5.2.2: a remove without a path fails with noTarget.
    throw noTarget(`${where}: "remove" needs a path`)
  }
  if (value !== undefined) value = unwrapEntraRoles(path, value)
  const normalized: PatchOperation = { op }
  if (path) normalized.path = path
  if (value !== undefined) normalized.value = value
  return normalized
}

/** Entra ID sends `Add`, `Replace`, `Remove` (fixture entra-user-replace-active-string.json). */
function opName(raw: unknown, where: string): PatchOpName {
  const name = typeof raw === 'string' ? raw.toLowerCase() : raw
  switch (name) {
    case 'add':
    case 'remove':
    case 'replace':
      return name
    default:
      throw invalidSyntax(`${where}: op must be "add", "remove" or "replace"`)
  }
}

function parsePath(raw: unknown, where: string): PatchPath | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'string') throw invalidPath(`${where}: path must be a string`)
  return raw.trim() === '' ? undefined : parsePatchPath(raw.trim())
}
