// Pure: no I/O. Extension containers and post-write mutability/required checks (RFC 7644 §3.5.2)
import { invalidValue, mutability } from '../errors'
import type { ResourceSchema } from '../schema/types'
import { deepEqual, isPlainObject, isUnassigned, type JsonObject } from './json'
import type { AttributeTarget } from './target'

/**
 * The object holding the target's attribute: the resource for core attributes, the object under
 * the extension URN for extension attributes (created on demand, and its URN listed in `schemas`).
 */
export function containerFor(
  resource: JsonObject,
  urn: string | undefined,
  create: boolean,
): JsonObject | undefined {
  if (urn === undefined) return resource
  const existing = resource[urn]
  if (isPlainObject(existing)) return existing
  if (!create) return undefined
  const created: JsonObject = {}
  resource[urn] = created
  if (Array.isArray(resource.schemas) && !resource.schemas.includes(urn)) {
    resource.schemas = [...resource.schemas, urn]
  }
  return created
}

/** An extension object left empty is unassigned: its key and its `schemas` entry go. */
export function removeExtension(resource: JsonObject, urn: string, onlyIfEmpty: boolean): void {
  const existing = resource[urn]
  if (onlyIfEmpty && isPlainObject(existing) && Object.keys(existing).length > 0) return
  if (onlyIfEmpty && existing !== undefined && !isPlainObject(existing)) return
  delete resource[urn]
  if (Array.isArray(resource.schemas) && resource.schemas.includes(urn)) {
    resource.schemas = resource.schemas.filter((s) => s !== urn)
  }
}

/**
 * RFC 7644 §3.5.2: readOnly attributes are not modified, immutable ones only given a first value.
 * Writing back an unchanged value is allowed — Okta's group rename echoes `id`
 * (fixture okta-group-rename-with-id.json).
 */
export function checkMutability(t: AttributeTarget, before: unknown, after: unknown): void {
  const effective = effectiveMutability(t)
  const name = targetName(t)
  const same = deepEqual(before, after) || (isUnassigned(before) && isUnassigned(after))
  if (same) return
  if (effective === 'readOnly') throw mutability(`"${name}" is readOnly`)
  if (effective === 'immutable' && !isUnassigned(before)) {
    throw mutability(`"${name}" is immutable and already has a value`)
  }
}

/** A required attribute that had a value may not lose it (RFC 7643 §2.2 `required`). */
export function checkRequired(before: JsonObject, after: JsonObject, schema: ResourceSchema) {
  const holders = [
    { urn: undefined as string | undefined, attributes: schema.core.attributes },
    ...schema.extensions.map((e) => ({ urn: e.schema.id, attributes: e.schema.attributes })),
  ]
  for (const { urn, attributes } of holders) {
    const was = urn === undefined ? before : before[urn]
    const now = urn === undefined ? after : after[urn]
    for (const attribute of attributes) {
      if (!attribute.required || !isPlainObject(was) || isUnassigned(was[attribute.name])) continue
      if (!isPlainObject(now) || isUnassigned(now[attribute.name])) {
        throw invalidValue(`"${attribute.name}" is required and cannot be removed`)
      }
    }
  }
}

/** A readOnly attribute (or sub-attribute) is never the target of a remove, whatever it holds. */
export function checkRemovable(t: AttributeTarget): void {
  if (effectiveMutability(t) === 'readOnly') {
    throw mutability(`"${targetName(t)}" is readOnly and cannot be removed`)
  }
}

function effectiveMutability(t: AttributeTarget) {
  const own = t.attribute.mutability
  return own === 'readOnly' || own === 'immutable' ? own : (t.sub?.mutability ?? own)
}

const targetName = (t: AttributeTarget) =>
  (t.urn ? `${t.urn}:` : '') + t.attribute.name + (t.sub ? `.${t.sub.name}` : '')
