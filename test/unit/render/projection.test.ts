// RFC 7644 §3.4.2.5 / §3.9 attributes and excludedAttributes against RFC 7643 §2.4 `returned`.
import { describe, expect, it } from 'vitest'
import { parseAttributeList, projectResource, renderResource } from '../../../src/scim/resource'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import {
  DEFAULT_ROLE_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/urns'

const user = userResourceSchema()
const group = groupResourceSchema()
const ENT = ENTERPRISE_USER_SCHEMA

const stored = renderResource({
  resourceSchema: user,
  id: 'u-1',
  created: '2026-01-01T00:00:00Z',
  lastModified: '2026-01-02T00:00:00Z',
  version: 2,
  baseUrl: 'https://x/scim/v2',
  data: {
    externalId: 'ext-1',
    userName: 'bjensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    displayName: 'Babs',
    active: true,
    emails: [
      { value: 'b@work.example', type: 'work', primary: true },
      { value: 'b@home.example', type: 'home' },
    ],
    [ENT]: { department: 'Tours', manager: { value: 'm-1', displayName: 'Boss' } },
    [DEFAULT_ROLE_SCHEMA]: { role: 'member' },
  },
})

const keysOf = (o: Record<string, unknown>) => Object.keys(o)

describe('attributes (§3.4.2.5)', () => {
  it.each<[string, string[], Record<string, unknown>]>([
    ['userName', ['userName'], { schemas: [USER_SCHEMA], id: 'u-1', userName: 'bjensen' }],
    [
      'names in any case',
      ['USERNAME', 'DisplayName'],
      { schemas: [USER_SCHEMA], id: 'u-1', userName: 'bjensen', displayName: 'Babs' },
    ],
    [
      'a sub-attribute',
      ['name.givenName'],
      { schemas: [USER_SCHEMA], id: 'u-1', name: { givenName: 'Barbara' } },
    ],
    [
      'a sub-attribute of a multi-valued attribute',
      ['emails.value'],
      {
        schemas: [USER_SCHEMA],
        id: 'u-1',
        emails: [{ value: 'b@work.example' }, { value: 'b@home.example' }],
      },
    ],
    [
      'a URN-qualified core attribute',
      [`${USER_SCHEMA}:active`],
      { schemas: [USER_SCHEMA], id: 'u-1', active: true },
    ],
    [
      'a URN-qualified extension attribute',
      [`${ENT}:department`],
      { schemas: [USER_SCHEMA, ENT], id: 'u-1', [ENT]: { department: 'Tours' } },
    ],
    [
      'an extension sub-attribute',
      [`${ENT}:manager.value`],
      { schemas: [USER_SCHEMA, ENT], id: 'u-1', [ENT]: { manager: { value: 'm-1' } } },
    ],
    [
      'a whole extension by its URN',
      [ENT],
      { schemas: [USER_SCHEMA, ENT], id: 'u-1', [ENT]: stored[ENT] },
    ],
    [
      'an unqualified extension attribute',
      ['employeeNumber', 'role'],
      {
        schemas: [USER_SCHEMA, DEFAULT_ROLE_SCHEMA],
        id: 'u-1',
        [DEFAULT_ROLE_SCHEMA]: { role: 'member' },
      },
    ],
    [
      'a meta sub-attribute',
      ['meta.lastModified'],
      { schemas: [USER_SCHEMA], id: 'u-1', meta: { lastModified: '2026-01-02T00:00:00Z' } },
    ],
    ['id alone (always returned anyway)', ['id'], { schemas: [USER_SCHEMA], id: 'u-1' }],
    [
      'unknown names only (ignored)',
      ['shoeSize', 'name.nick', 'urn:x:y:z'],
      { schemas: [USER_SCHEMA], id: 'u-1' },
    ],
    ['password (returned never)', ['password'], { schemas: [USER_SCHEMA], id: 'u-1' }],
  ])('%s', (_, attributes, expected) => {
    expect(projectResource(stored, user, { attributes })).toEqual(expected)
  })

  it('a sub-attribute and its parent together return the whole parent', () => {
    const projected = projectResource(stored, user, { attributes: ['name.givenName', 'name'] })
    expect(projected.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen' })
  })

  it('takes precedence over excludedAttributes when both are given', () => {
    const projected = projectResource(stored, user, {
      attributes: ['userName'],
      excludedAttributes: ['userName'],
    })
    expect(projected.userName).toBe('bjensen')
  })

  it('never returns a stored password, even when asked', () => {
    const withPassword = { ...stored, password: 'secret' }
    expect(projectResource(withPassword, user, {})).not.toHaveProperty('password')
    expect(projectResource(withPassword, user, { attributes: ['password'] })).not.toHaveProperty(
      'password',
    )
  })
})

describe('excludedAttributes (§3.4.2.5)', () => {
  it('with neither list, returns the default set unchanged', () => {
    expect(projectResource(stored, user)).toEqual(stored)
  })

  it.each<[string, string[], string[]]>([
    [
      'emails',
      ['emails'],
      [
        'schemas',
        'id',
        'externalId',
        'userName',
        'name',
        'displayName',
        'active',
        ENT,
        DEFAULT_ROLE_SCHEMA,
        'meta',
      ],
    ],
    ['id (returned always: cannot be excluded)', ['ID'], keysOf(stored)],
    [
      'a whole extension by URN',
      [ENT],
      [
        'schemas',
        'id',
        'externalId',
        'userName',
        'name',
        'displayName',
        'active',
        'emails',
        DEFAULT_ROLE_SCHEMA,
        'meta',
      ],
    ],
    ['meta', ['meta'], keysOf(stored).filter((k) => k !== 'meta')],
    ['unknown names (ignored)', ['nope', 'x.y'], keysOf(stored)],
  ])('%s', (_, excludedAttributes, keys) => {
    expect(keysOf(projectResource(stored, user, { excludedAttributes }))).toEqual(keys)
  })

  it('removes a sub-attribute from every element', () => {
    const projected = projectResource(stored, user, {
      excludedAttributes: ['emails.type', 'emails.primary'],
    })
    expect(projected.emails).toEqual([{ value: 'b@work.example' }, { value: 'b@home.example' }])
  })

  it('removes an extension sub-attribute and recomputes schemas when the extension empties', () => {
    const projected = projectResource(stored, user, {
      excludedAttributes: [`${ENT}:department`, `${ENT}:manager`],
    })
    expect(projected).not.toHaveProperty(ENT)
    expect(projected.schemas).toEqual([USER_SCHEMA, DEFAULT_ROLE_SCHEMA])
  })

  it('excludedAttributes=members never returns members (IDP-COMPAT: Entra)', () => {
    const g = renderResource({
      resourceSchema: group,
      id: 'g-1',
      created: 'c',
      lastModified: 'm',
      version: 1,
      baseUrl: 'https://x',
      data: { displayName: 'Tour Guides', members: [{ value: 'u-1', display: 'Babs' }] },
    })
    expect(g.members).toHaveLength(1)
    expect(projectResource(g, group, { excludedAttributes: ['members'] })).toEqual({
      schemas: [GROUP_SCHEMA],
      id: 'g-1',
      displayName: 'Tour Guides',
      meta: g.meta,
    })
  })

  it('for a Group, attributes=displayName returns id and displayName only (only id is always)', () => {
    const g = { schemas: [GROUP_SCHEMA], id: 'g', displayName: 'G', members: [{ value: 'u' }] }
    expect(projectResource(g, group, { attributes: ['displayName'] })).toEqual({
      schemas: [GROUP_SCHEMA],
      id: 'g',
      displayName: 'G',
    })
  })
})

describe('parseAttributeList', () => {
  it.each<[string | undefined | null, string[]]>([
    ['userName,name.givenName', ['userName', 'name.givenName']],
    [' userName , emails ,', ['userName', 'emails']],
    [`${ENT}:manager.value,meta`, [`${ENT}:manager.value`, 'meta']],
    ['', []],
    [undefined, []],
    [null, []],
  ])('%o → %o', (text, expected) => {
    expect(parseAttributeList(text)).toEqual(expected)
  })
})
