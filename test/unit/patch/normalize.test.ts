// PatchOp envelope (RFC 7644 §3.5.2) and the IdP shapes normalizePatchRequest accepts.
import { describe, expect, it } from 'vitest'
import { normalizePatchRequest } from '../../../src/scim/patch'
import { PATCH_OP_MESSAGE, USER_SCHEMA } from '../../../src/scim/urns'
import { scimErrorOf } from './helpers'

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_MESSAGE], Operations })

describe('envelope', () => {
  it.each([
    ['Operations missing', { schemas: [PATCH_OP_MESSAGE] }],
    ['Operations null', { schemas: [PATCH_OP_MESSAGE], Operations: null }],
    ['Operations empty', { schemas: [PATCH_OP_MESSAGE], Operations: [] }],
  ])('%s → no operations', (_name, request) => {
    expect(normalizePatchRequest(request)).toEqual([])
  })

  it('accepts a body without schemas (lenient: several clients omit it)', () => {
    const ops = normalizePatchRequest({ Operations: [{ op: 'replace', value: { active: false } }] })
    expect(ops).toEqual([{ op: 'replace', value: { active: false } }])
  })

  it('matches the PatchOp URN and member names case-insensitively', () => {
    const ops = normalizePatchRequest({
      SCHEMAS: [PATCH_OP_MESSAGE.toUpperCase()],
      operations: [{ OP: 'Add', Path: 'displayName', VALUE: 'x' }],
    })
    expect(ops).toEqual([{ op: 'add', path: { attr: { attr: 'displayName' } }, value: 'x' }])
  })

  it.each([
    ['Add', 'add'],
    ['REPLACE', 'replace'],
    ['Remove', 'remove'],
  ])('op %s → %s', (op, expected) => {
    const [normalized] = normalizePatchRequest(body({ op, path: 'title', value: 'x' }))
    expect(normalized.op).toBe(expected)
  })

  it('treats a blank path as no path', () => {
    expect(normalizePatchRequest(body({ op: 'add', path: ' ', value: { title: 'x' } }))).toEqual([
      { op: 'add', value: { title: 'x' } },
    ])
  })

  it('keeps the value of remove when sent (Entra removes listed members)', () => {
    const [op] = normalizePatchRequest(
      body({ op: 'Remove', path: 'members', value: [{ value: 'a' }] }),
    )
    expect(op.value).toEqual([{ value: 'a' }])
  })
})

describe('malformed envelopes', () => {
  it.each([
    ['a body that is not an object', [], 'invalidSyntax'],
    ['a null body', null, 'invalidSyntax'],
    [
      'schemas without the PatchOp URN',
      { schemas: [USER_SCHEMA], Operations: [] },
      'invalidSyntax',
    ],
    ['Operations not an array', { schemas: [PATCH_OP_MESSAGE], Operations: {} }, 'invalidSyntax'],
    ['an operation that is not an object', body('add'), 'invalidSyntax'],
    ['an unknown op', body({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax'],
    ['a missing op', body({ path: 'title', value: 'x' }), 'invalidSyntax'],
    ['a non-string op', body({ op: 1, path: 'title', value: 'x' }), 'invalidSyntax'],
    ['a non-string path', body({ op: 'add', path: 5, value: 'x' }), 'invalidPath'],
    ['a malformed path', body({ op: 'add', path: 'emails[', value: 'x' }), 'invalidPath'],
    ['add without value', body({ op: 'add', path: 'title' }), 'invalidValue'],
    ['replace without value', body({ op: 'Replace', path: 'title' }), 'invalidValue'],
    ['remove without path', body({ op: 'remove' }), 'noTarget'],
    ['remove with a blank path', body({ op: 'remove', path: '' }), 'noTarget'],
  ])('%s → 400 %s', (_name, request, scimType) => {
    const error = scimErrorOf(() => normalizePatchRequest(request))
    expect(error.status).toBe(400)
    expect(error.scimType).toBe(scimType)
  })
})

describe('Entra ID roles sent as JSON strings', () => {
  it('decodes a JSON string value for path roles', () => {
    const [op] = normalizePatchRequest(body({ op: 'Add', path: 'roles', value: '[{"value":"a"}]' }))
    expect(op.value).toEqual([{ value: 'a' }])
  })

  it('decodes JSON-encoded roles inside each element, keeping the display name', () => {
    const encoded = JSON.stringify({ id: 'r1', value: 'admin', displayName: 'Admin' })
    const [op] = normalizePatchRequest(
      body({ op: 'Add', path: 'roles', value: [{ value: encoded, primary: true }] }),
    )
    expect(op.value).toEqual([{ value: 'admin', display: 'Admin', primary: true }])
  })

  it('decodes roles inside a pathless value', () => {
    const [op] = normalizePatchRequest(body({ op: 'add', value: { Roles: '[{"value":"a"}]' } }))
    expect(op.value).toEqual({ Roles: [{ value: 'a' }] })
  })

  it.each([
    ['a plain role string', 'roles', 'admin', 'admin'],
    ['invalid JSON', 'roles', '[{"value"', '[{"value"'],
    ['a JSON string on another attribute', 'displayName', '[1]', '[1]'],
    [
      'a role value that is JSON without value',
      'roles',
      [{ value: '{"id":"x"}' }],
      [{ value: '{"id":"x"}' }],
    ],
  ])('leaves %s alone', (_name, path, value, expected) => {
    const [op] = normalizePatchRequest(body({ op: 'add', path, value }))
    expect(op.value).toEqual(expected)
  })
})
