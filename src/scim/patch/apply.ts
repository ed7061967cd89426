// Pure: no I/O. Applies normalized PATCH operations to a resource, atomically (RFC 7644 §3.5.2)
import { invalidPath, invalidValue, noTarget } from '../errors'
import { parseAttrPath } from '../schema/attribute-name'
import type { ResourceSchema, SchemaDef } from '../schema/types'
import { addToAttribute } from './add'
import { assertNever } from '../assert-never'
import { cloneJson, deepEqual, isPlainObject, type JsonObject } from './json'
import { applyMemberOp, DeltaBuilder, isEmptyDelta } from './members'
import { removeFromAttribute } from './remove'
import { replaceAttribute } from './replace'
import {
  checkMutability,
  checkRemovable,
  checkRequired,
  containerFor,
  removeExtension,
} from './resource'
import { checkInteropOperation, checkInteropTarget } from './interop'
import { resolveTarget, type AttributeTarget, type Target } from './target'
import type { PatchOpName, PatchOperation, PatchPath, PatchResult } from './types'

interface State {
  resource: JsonObject
  schema: ResourceSchema
  members?: DeltaBuilder
}

/**
 * Operations run in order on a copy; the first failure throws and the caller's resource is
 * untouched (RFC 7644 §3.5.2: the request is atomic). Groups never carry `members` in or out:
 * member operations become `members` (a delta) instead.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  ops: PatchOperation[],
  schema: ResourceSchema,
): PatchResult {
  const before = cloneJson(resource)
  if (schema.name === 'Group') delete before.members
  const state: State = { resource: cloneJson(before), schema }
  for (const op of ops) applyOperation(state, op)
  checkRequired(before, state.resource, schema)
  const members = state.members?.delta
  const changed =
    (members !== undefined && !isEmptyDelta(members)) || !deepEqual(before, state.resource)
  const result: PatchResult = { resource: state.resource, changed }
  if (members) result.members = members
  return result
}

function applyOperation(state: State, op: PatchOperation): void {
  const interop = state.schema.strict === true
  if (interop) checkInteropOperation(op)
  const target = (path: PatchPath) => {
    const t = strictTarget(state.schema, path)
    if (interop) checkInteropTarget(state.resource, op, t)
    return t
  }
  switch (op.op) {
    case 'add':
    case 'replace':
      if (!op.path) return applyPathless(state, op.op, op.value)
      return applyTo(state, op.op, target(op.path), op.value)
    case 'remove':
      if (!op.path) throw noTarget('"remove" needs a path (RFC 7644 §3.5.2.2)')
      return applyTo(state, op.op, target(op.path), op.value)
    default:
      return assertNever(op.op)
  }
}

function strictTarget(schema: ResourceSchema, path: PatchPath): Target {
  const target = resolveTarget(schema, path)
  if (target) return target
  const { uri, attr, sub } = path.attr
  const name = (uri ? `${uri}:` : '') + attr + (sub ? `.${sub}` : '')
  throw invalidPath(`${schema.name} has no attribute "${name}"`)
}

function applyTo(state: State, op: PatchOpName, target: Target, value: unknown): void {
  switch (target.kind) {
    case 'members':
      state.members ??= new DeltaBuilder()
      return applyMemberOp(state.members, op, target, value)
    case 'extension':
      return applyExtension(state, op, target.schema, value)
    case 'attribute':
      return applyAttribute(state, op, target, value)
    default:
      return assertNever(target)
  }
}

function applyAttribute(state: State, op: PatchOpName, t: AttributeTarget, value: unknown) {
  // Okta sends `password` when password sync is on; it is never kept (IDP-COMPAT: ignore
  // password), so writeOnly attributes are skipped (fixture okta-user-password-ignored.json).
  if (t.attribute.mutability === 'writeOnly') return
  // RFC 7644 §3.5.2.2 with §3.5.2: a readOnly attribute is refused even when it holds no stored
  // value (meta, groups are derived), consistently with replace.
  if (op === 'remove') checkRemovable(t)
  const container = containerFor(state.resource, t.urn, op !== 'remove')
  if (!container) return
  const before = cloneJson(container[t.attribute.name])
  switch (op) {
    case 'add':
      addToAttribute(container, t, value)
      break
    case 'replace':
      replaceAttribute(container, t, value)
      break
    case 'remove':
      removeFromAttribute(container, t, value)
      break
    default:
      assertNever(op)
  }
  checkMutability(t, before, container[t.attribute.name])
  if (t.urn !== undefined) removeExtension(state.resource, t.urn, true)
}

/** Path `urn:…:enterprise:2.0:User`: remove drops the object; add/replace apply its keys. */
function applyExtension(state: State, op: PatchOpName, schema: SchemaDef, value: unknown) {
  if (op === 'remove') return removeExtension(state.resource, schema.id, false)
  applyPathless(state, op, value, schema.id)
}

/** Envelope keys Okta echoes in a pathless value (fixture okta-group-rename-with-id.json). */
const IGNORED_KEYS = new Set(['schemas', 'meta'])

/**
 * Pathless add/replace (RFC 7644 §3.5.2.1, §3.5.2.3): each key of the value is a path — plain
 * (`active`, Okta's deactivation; fixture okta-user-deactivate.json), dotted (`name.givenName`) or
 * URN-qualified (`urn:…:enterprise:2.0:User:employeeNumber`), or an extension URN whose object
 * holds that extension's attributes (Entra ID; fixture entra-user-pathless-dotted-urn-keys.json).
 * Keys match case-insensitively. Keys naming no attribute are ignored, as on POST: IdPs send
 * attributes this server does not keep (`password`, custom profile fields).
 */
function applyPathless(state: State, op: 'add' | 'replace', value: unknown, urn?: string) {
  if (!isPlainObject(value)) throw invalidValue(`A pathless "${op}" needs an object of attributes`)
  for (const [key, inner] of Object.entries(value)) {
    if (urn === undefined && IGNORED_KEYS.has(key.toLowerCase())) continue
    const attr = parseAttrPath(key)
    if (!attr) continue
    const target = resolveTarget(state.schema, {
      attr: urn !== undefined && attr.uri === undefined ? { ...attr, uri: urn } : attr,
    })
    if (target) applyTo(state, op, target, inner)
  }
}
