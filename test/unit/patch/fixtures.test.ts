// Replays every PatchOp body in test/fixtures/patch: IdP shapes (IDP-COMPAT: PATCH) and the
// RFC 7644 §3.5.2.1–3 examples. Each fixture is {source, request, target, members?}.
import { describe, expect, it } from 'vitest'
import { applyPatch, normalizePatchRequest } from '../../../src/scim/patch'
import { loadFixtures, schemaFor, vendorOf } from './helpers'

const fixtures = loadFixtures()
const vendors = [...new Set(fixtures.map((f) => vendorOf(f.file)))]

describe('fixture set', () => {
  it('covers Okta, Entra ID and the RFC, users and groups', () => {
    expect(vendors.sort()).toEqual(['entra', 'okta', 'rfc7644'])
    for (const vendor of ['okta', 'entra']) {
      expect(fixtures.some((f) => f.file.startsWith(`${vendor}-user-`))).toBe(true)
      expect(fixtures.some((f) => f.file.startsWith(`${vendor}-group-`))).toBe(true)
    }
    for (const section of ['3.5.2.1', '3.5.2.2', '3.5.2.3']) {
      expect(fixtures.some((f) => f.file.startsWith(`rfc7644-${section}-`))).toBe(true)
    }
  })
})

describe.each(vendors)('%s', (vendor) => {
  const mine = fixtures.filter((f) => vendorOf(f.file) === vendor)

  it.each(mine.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    const before = structuredClone(fixture.source)
    const schema = schemaFor(fixture.source)
    const result = applyPatch(fixture.source, normalizePatchRequest(fixture.request), schema)

    expect(result.resource).toEqual(fixture.target)
    expect(result.members).toEqual(fixture.members)
    expect(fixture.source).toEqual(before)
    const memberChange =
      fixture.members !== undefined &&
      (fixture.members.replace !== null ||
        fixture.members.add.length > 0 ||
        fixture.members.remove.length > 0)
    expect(result.changed).toBe(memberChange || !isDeepEqual(fixture.source, fixture.target))
  })
})

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b)
    return true
  } catch {
    return false
  }
}
