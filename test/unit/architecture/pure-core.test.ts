// The protocol core is pure (DESIGN.md, STYLE.md §3): nothing in src/scim/ imports from outside
// src/scim/ except zod, and every file says so in its first line.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../../src/scim')
const ALLOWED_PACKAGES = ['zod']

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

const sources = files(ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }))

describe('src/scim is the pure core', () => {
  it('has files to check', () => {
    expect(sources.length).toBeGreaterThan(40)
  })

  it.each(sources.map((s) => [relative(ROOT, s.path), s.text]))(
    '%s imports only src/scim and zod',
    (_name, text) => {
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm),
      ].map((m) => m[1])
      for (const spec of specifiers.filter((s) => !s.startsWith('.'))) {
        expect(ALLOWED_PACKAGES, `${_name} imports ${spec}`).toContain(spec)
      }
    },
  )

  it.each(sources.map((s) => [relative(ROOT, s.path), s.path, s.text]))(
    '%s never reaches outside src/scim',
    (_name, path, text) => {
      const specifiers = [...text.matchAll(/from\s+['"](\.[^'"]*)['"]/g)].map((m) => m[1])
      for (const spec of specifiers) {
        const target = resolve(join(path, '..'), spec)
        expect(target.startsWith(ROOT), `${_name} imports ${spec}`).toBe(true)
      }
    },
  )

  it.each(sources.map((s) => [relative(ROOT, s.path), s.text]))(
    '%s starts with a "Pure:" header',
    (_name, text) => {
      expect(text.split('\n')[0]).toMatch(/^\/\/ Pure: /)
    },
  )

  it('uses no clock, randomness or I/O globals', () => {
    for (const { path, text } of sources) {
      const code = text.replace(/\/\/.*$/gm, '')
      expect(code, relative(ROOT, path)).not.toMatch(
        /\b(Date\.now|new Date\(\)|Math\.random|crypto\.|fetch\(|console\.)/,
      )
    }
  })
})
