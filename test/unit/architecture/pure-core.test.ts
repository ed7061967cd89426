// The protocol core is pure (DESIGN.md, STYLE.md §3): nothing in src/scim/ imports from outside
// src/scim/ except zod, and every file says so in its first line. The app's model (src/model/,
// the directory's shapes) is pure the same way; it may also read the core.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(__dirname, '../../../src')
const ALLOWED_PACKAGES = ['zod']

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

for (const [room, reaches] of [
  ['scim', ['scim']],
  ['model', ['model', 'scim']],
] as const) {
  const ROOT = join(SRC, room)
  const sources = files(ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
  pureRoom(
    room,
    ROOT,
    reaches.map((r) => join(SRC, r)),
    sources,
  )
}

function pureRoom(
  room: string,
  ROOT: string,
  reachable: string[],
  sources: { path: string; text: string }[],
) {
  describe(`src/${room} is pure`, () => {
    it('has files to check', () => {
      expect(sources.length).toBeGreaterThan(room === 'scim' ? 40 : 2)
    })

    it.each(sources.map((s) => [relative(ROOT, s.path), s.text]))(
      `%s imports only ${room === 'scim' ? 'src/scim' : 'src/model, src/scim'} and zod`,
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
      '%s never reaches outside the pure rooms',
      (_name, path, text) => {
        const specifiers = [...text.matchAll(/from\s+['"](\.[^'"]*)['"]/g)].map((m) => m[1])
        for (const spec of specifiers) {
          const target = resolve(join(path, '..'), spec)
          const inside = reachable.some((r) => target.startsWith(r))
          expect(inside, `${_name} imports ${spec}`).toBe(true)
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
}
