// Pure: no I/O. What makes a catalogue valid; the admin API refuses anything else with a 400
// naming the offending entry (http/admin-api/catalogue.ts).
import { invalidValue } from '../errors'
import { foldCase } from '../text'
import type { CatalogueEntry } from './types'

/** Values per catalogue: Okta pages them, but an org's roles or licences are a short list. */
export const MAX_CATALOGUE_ENTRIES = 500
/** Entitlement types per org: each one is an endpoint and a resource type. */
export const MAX_ENTITLEMENT_TYPES = 20

/**
 * SCIM endpoint names the service already answers (RFC 7644 §3.2, plus /Roles and /.search):
 * an entitlement type may not take one, in any case.
 */
const RESERVED_ENDPOINTS = [
  'Users',
  'Groups',
  'Roles',
  'Me',
  'Schemas',
  'ResourceTypes',
  'ServiceProviderConfig',
  'Bulk',
].map(foldCase)

/** An entitlement type is a path segment and a resource type name: letters and digits. */
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/

export function checkEntitlementType(type: string): void {
  if (!TYPE_NAME.test(type)) {
    throw invalidValue(
      `Entitlement type ${JSON.stringify(type)} must start with a letter and hold only letters and digits (at most 64).`,
    )
  }
  if (RESERVED_ENDPOINTS.includes(foldCase(type))) {
    throw invalidValue(`Entitlement type ${type} would shadow the SCIM endpoint /${type}.`)
  }
}

/** Values are unique without regard to case: a user's value is matched that way (scim/roles.ts). */
export function checkCatalogue(entries: readonly CatalogueEntry[], what: string): void {
  if (entries.length > MAX_CATALOGUE_ENTRIES) {
    throw invalidValue(`${what} holds at most ${MAX_CATALOGUE_ENTRIES} values.`)
  }
  const seen = new Set<string>()
  for (const entry of entries) {
    const key = foldCase(entry.value)
    if (seen.has(key)) throw invalidValue(`${what} lists ${JSON.stringify(entry.value)} twice.`)
    seen.add(key)
  }
}
