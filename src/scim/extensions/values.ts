// Pure: no I/O. Values of an org's extensions checked beyond their JSON type (contexts.ts):
// canonical values (spelled as declared) and dateTime syntax (RFC 7643 §2.3.5). And the rule for
// values of attributes no longer declared: they are kept, never dropped by a write.
import { invalidValue } from '../errors'
import { parseDateTime } from '../filter/datetime'
import { foldCase } from '../text'
import { ENTERPRISE_USER_SCHEMA } from '../urns'
import type { ExtensionDeclaration } from './types'

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `data` with each declared extension's values checked and canonical values respelled. */
export function checkExtensionValues(
  data: Json,
  declarations: readonly ExtensionDeclaration[],
): Json {
  let out = data
  for (const d of declarations) {
    const values = data[d.urn]
    if (!isObject(values)) continue
    const checked: Json = { ...values }
    for (const a of d.attributes) {
      const value = values[a.name]
      if (value === undefined || value === null) continue
      const where = `${d.urn}:${a.name}`
      const one = (v: unknown): unknown => {
        if (a.type === 'dateTime' && (typeof v !== 'string' || parseDateTime(v) === undefined)) {
          throw invalidValue(
            `${where}: ${JSON.stringify(v)} is not an xsd:dateTime (RFC 7643 §2.3.5).`,
          )
        }
        if (!a.canonicalValues || typeof v !== 'string') return v
        const match = a.canonicalValues.find((c) =>
          a.caseExact ? c === v : foldCase(c) === foldCase(v),
        )
        if (match === undefined) {
          throw invalidValue(
            `${where}: ${JSON.stringify(v)} is not one of ${a.canonicalValues.join(', ')}.`,
          )
        }
        return match
      }
      checked[a.name] = Array.isArray(value) ? value.map(one) : one(value)
    }
    out = { ...out, [d.urn]: checked }
  }
  return out
}

/**
 * A replacing write (PUT) carries only what the org declares, so values stored under an extension
 * URN for an attribute — or a whole extension — the org no longer declares would be lost by it.
 * They are carried over from `before`: only the org admin's re-declaration, or a PATCH that names
 * them, changes them (docs/extensions.md).
 */
export function keepUndeclared(
  before: Json,
  after: Json,
  declarations: readonly ExtensionDeclaration[],
  isOwnUrn: (key: string) => boolean,
): Json {
  let out = after
  for (const [key, stored] of Object.entries(before)) {
    if (!isOwnUrn(key) || !isObject(stored)) continue
    const declared = declarations.find((d) => foldCase(d.urn) === foldCase(key))
    const names = new Set(declared?.attributes.map((a) => foldCase(a.name)) ?? [])
    const undeclared = Object.entries(stored).filter(([name]) => !names.has(foldCase(name)))
    if (undeclared.length === 0) continue
    const current = isObject(out[key]) ? (out[key] as Json) : {}
    out = { ...out, [key]: { ...Object.fromEntries(undeclared), ...current } }
  }
  return out
}

/**
 * The top-level keys of `data` that hold the org's own extensions: every schema URN except the
 * enterprise extension and the org's role extension (stored data only holds what was declared
 * when it was written, so any other URN is, or was, the org's).
 */
export function ownExtensionKeys(data: Json, roleSchema: string): string[] {
  const others = [foldCase(ENTERPRISE_USER_SCHEMA), foldCase(roleSchema)]
  return Object.keys(data).filter(
    (k) => foldCase(k).startsWith('urn:') && !others.includes(foldCase(k)) && isObject(data[k]),
  )
}

/** The key an attribute's values are indexed under: `urn:attr`, folded (URNs and names ignore case). */
export const extensionAttrKey = (urn: string, name: string) => foldCase(`${urn}:${name}`)

/**
 * What the value index holds for a user: `[attrKey, valueKey]` per string value (each element of
 * a multi-valued one) of its own extensions, the value folded; each pair once.
 */
export function extensionIndexEntries(data: Json, roleSchema: string): [string, string][] {
  const entries = new Map<string, [string, string]>()
  for (const urn of ownExtensionKeys(data, roleSchema)) {
    for (const [name, value] of Object.entries(data[urn] as Json)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== 'string') continue
        const entry: [string, string] = [extensionAttrKey(urn, name), foldCase(v)]
        entries.set(entry.join('\u0000'), entry)
      }
    }
  }
  return [...entries.values()]
}
