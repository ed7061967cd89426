// The IdP setup guides the org admin console shows (src/http/console/guides.ts): data the console
// renders as plain text, with this org's values filled in beside the steps.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IDP_GUIDES, type GuideValue, type IdpGuide } from '../../../src/http/console/guides'

const values = (guide: IdpGuide): GuideValue[] =>
  guide.steps.flatMap((step) => (step.value ? [step.value] : []))
const guide = (idp: IdpGuide['idp']): IdpGuide => {
  const found = IDP_GUIDES.find((g) => g.idp === idp)
  if (!found) throw new Error(`no guide for ${idp}`)
  return found
}

it('has one guide per IdP', () => {
  expect(IDP_GUIDES.map((g) => g.idp)).toEqual(['okta', 'entra', 'google', 'onelogin', 'jumpcloud'])
})

describe.each(IDP_GUIDES.map((g) => [g.idp, g] as const))('%s', (_idp, g) => {
  it('links the vendor article over https', () => {
    expect(new URL(g.docsUrl).protocol).toBe('https:')
  })

  it('has 4 to 12 steps', () => {
    expect(g.steps.length).toBeGreaterThanOrEqual(4)
    expect(g.steps.length).toBeLessThanOrEqual(12)
  })

  it('is plain text: no angle brackets in the title, steps or notes', () => {
    for (const text of [g.title, ...g.steps.map((s) => s.text), ...(g.notes ?? [])]) {
      expect(text, text).not.toMatch(/[<>]/)
      expect(text.trim(), text).not.toBe('')
    }
  })

  it('asks for the base URL and a token', () => {
    expect(values(g)).toContain('baseUrl')
    expect(values(g)).toContain('token')
  })
})

describe('roles', () => {
  it('Okta takes the role extension URN as the External namespace', () => {
    const step = guide('okta').steps.find((s) => s.value === 'roleUrn')
    expect(step?.text).toMatch(/External namespace/)
  })

  it('Entra takes the full attribute name, the URN followed by :role, as the target', () => {
    const steps = guide('entra').steps.filter((s) => s.value === 'roleAttribute')
    expect(steps.map((s) => s.text).join(' ')).toMatch(/Target attribute/)
  })
})

it('imports nothing at runtime', () => {
  const source = readFileSync(resolve(__dirname, '../../../src/http/console/guides.ts'), 'utf8')
  const imports = source.match(/^\s*import\b(?!\s+type\b).*$/gm) ?? []
  expect(imports).toEqual([])
})
