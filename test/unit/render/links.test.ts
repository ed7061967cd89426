// The derived membership attributes: a User's `groups` (RFC 7643 §4.1.2) and a Group's `members`
// (§4.2), and when a response shows them (§3.4.2.5 attributes / excludedAttributes).
import { describe, expect, it } from 'vitest'
import { renderWithLinks, wantsLinks } from '../../../src/scim/links'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'

const base = 'https://scim.test/scim/v2'
const input = (schema = userResourceSchema()) => ({
  resourceSchema: schema,
  id: 'r1',
  data: schema.name === 'User' ? { userName: 'a@x.test' } : { displayName: 'Eng' },
  created: '2026-01-01T00:00:00.000Z',
  lastModified: '2026-01-01T00:00:00.000Z',
  version: 1,
  baseUrl: base,
})

describe('wantsLinks', () => {
  it.each([
    ['User', {}, true],
    ['User', { attributes: ['userName'] }, false],
    ['User', { attributes: ['groups.display'] }, true],
    ['User', { attributes: ['urn:ietf:params:scim:schemas:core:2.0:User:groups'] }, true],
    ['User', { excludedAttributes: ['groups'] }, false],
    ['User', { excludedAttributes: ['members'] }, true],
    ['Group', {}, true],
    ['Group', { excludedAttributes: ['Members'] }, false],
    ['Group', { attributes: ['displayName'] }, false],
    ['Group', { attributes: ['members.value'] }, true],
  ] as const)('%s with %j → %s', (kind, projection, expected) => {
    expect(wantsLinks(kind, projection)).toBe(expected)
  })
})

describe('renderWithLinks', () => {
  it("renders a user's teams as direct groups with $ref, before meta", () => {
    const out = renderWithLinks(input(), [{ value: 't1', display: 'Eng' }], {})
    expect(out.groups).toEqual([
      { value: 't1', display: 'Eng', $ref: `${base}/Groups/t1`, type: 'direct' },
    ])
    expect(Object.keys(out).at(-1)).toBe('meta')
  })

  it("renders a group's members as Users", () => {
    const out = renderWithLinks(input(groupResourceSchema()), [{ value: 'u1', display: 'Al' }], {})
    expect(out.members).toEqual([
      { value: 'u1', display: 'Al', $ref: `${base}/Users/u1`, type: 'User' },
    ])
  })

  it('leaves the attribute out when there are none or they were not loaded', () => {
    expect(renderWithLinks(input(), [], {})).not.toHaveProperty('groups')
    expect(renderWithLinks(input(), undefined, {})).not.toHaveProperty('groups')
  })

  it('projects after adding them', () => {
    const out = renderWithLinks(input(), [{ value: 't1', display: 'Eng' }], {
      attributes: ['groups.value'],
    })
    expect(out.groups).toEqual([{ value: 't1' }])
    expect(out).not.toHaveProperty('userName')
  })
})
