// PATCH path grammar (RFC 7644 §3.5.2 Figure 1): attrPath / valuePath [subAttr].
import { describe, expect, it } from 'vitest'
import { parsePatchPath } from '../../../src/scim/patch'
import { ENTERPRISE_USER_SCHEMA } from '../../../src/scim/urns'
import { scimErrorOf } from './helpers'

const ENT = ENTERPRISE_USER_SCHEMA
const workType = { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' }

describe('parsePatchPath: valid paths', () => {
  it.each([
    ['userName', { attr: { attr: 'userName' } }],
    ['name.givenName', { attr: { attr: 'name', sub: 'givenName' } }],
    [`${ENT}:manager`, { attr: { uri: ENT, attr: 'manager' } }],
    [`${ENT}:manager.value`, { attr: { uri: ENT, attr: 'manager', sub: 'value' } }],
    [ENT, { attr: { uri: ENT.slice(0, ENT.lastIndexOf(':')), attr: 'User' } }],
    ['emails[type eq "work"]', { attr: { attr: 'emails' }, filter: workType }],
    ['emails[type eq "work"].value', { attr: { attr: 'emails' }, filter: workType, sub: 'value' }],
    [
      'members[value eq "a]b"]',
      { attr: { attr: 'members' }, filter: { ...workType, path: { attr: 'value' }, value: 'a]b' } },
    ],
    [
      'members[value eq "a\\"]"]',
      { attr: { attr: 'members' }, filter: { ...workType, path: { attr: 'value' }, value: 'a"]' } },
    ],
    [
      'members[value eq "x"].$ref',
      {
        attr: { attr: 'members' },
        filter: { ...workType, path: { attr: 'value' }, value: 'x' },
        sub: '$ref',
      },
    ],
  ])('%s', (text, expected) => {
    expect(parsePatchPath(text)).toEqual(expected)
  })

  it('hands the whole bracket content to the filter parser (and, or, not)', () => {
    const path = parsePatchPath('addresses[type eq "work" and not (primary eq false)].postalCode')
    expect(path.sub).toBe('postalCode')
    expect(path.filter?.kind).toBe('and')
  })
})

describe('parsePatchPath: malformed paths', () => {
  it.each([
    ['', 'invalidPath'],
    ['name..givenName', 'invalidPath'],
    ['name.givenName.more', 'invalidPath'],
    ['given name', 'invalidPath'],
    ['emails[type eq "work"', 'invalidPath'],
    ['emails[type eq "work]"', 'invalidPath'],
    ['emails[]', 'invalidPath'],
    ['emails[  ]', 'invalidPath'],
    ['[type eq "work"]', 'invalidPath'],
    ['name.givenName[type eq "work"]', 'invalidPath'],
    ['emails[type eq "work"]value', 'invalidPath'],
    ['emails[type eq "work"].', 'invalidPath'],
    ['emails[type eq "work"].value.more', 'invalidPath'],
    ['emails[type eq "work"][value eq "x"]', 'invalidPath'],
    ['emails[type eq [x]]', 'invalidPath'],
    ['emails[type eq]', 'invalidFilter'],
    ['emails[type xx "work"]', 'invalidFilter'],
  ])('%j → 400 %s', (text, scimType) => {
    const error = scimErrorOf(() => parsePatchPath(text))
    expect(error.status).toBe(400)
    expect(error.scimType).toBe(scimType)
  })
})
