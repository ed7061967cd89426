// The rooms of src/ and the arrows allowed between them (docs/architecture.md), written once and
// checked for every import — type-only imports included, since a type cycle is still a cycle.
// Mutation-checked: planting `import type { Caller } from '../auth/session'` in src/repo/db.ts,
// or `import type { OrgWriter } from '../../do/org-writer'` in an http route, fails this file.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(__dirname, '../../../src')

/** Room → the rooms it may import from (besides itself). Read top to bottom: imports point down. */
const ALLOWED: Record<string, readonly string[]> = {
  'index.ts': ['app.ts', 'jobs', 'directory', 'webhooks', 'do', 'env.ts'],
  'app.ts': ['http', 'auth', 'env.ts'],
  jobs: ['do', 'placement', 'repo', 'webhooks', 'env.ts'],
  http: [
    'auth',
    'directory',
    'webhooks',
    'do',
    'placement',
    'repo',
    'credentials',
    'limits',
    'model',
    'scim',
    'env.ts',
  ],
  directory: ['do', 'placement', 'repo', 'credentials', 'model', 'scim', 'env.ts'],
  webhooks: ['placement', 'repo', 'credentials', 'model', 'scim', 'env.ts'],
  auth: ['credentials', 'placement', 'repo', 'scim', 'env.ts'],
  do: ['placement', 'repo', 'credentials', 'limits', 'model', 'scim', 'env.ts'],
  placement: ['repo', 'credentials', 'scim', 'env.ts'],
  repo: ['credentials', 'model', 'scim'],
  credentials: ['scim'],
  model: ['scim'],
  limits: [],
  scim: [],
  'env.ts': [],
}

/** Narrower doors: the only files of a room another room may import. */
const DOORS: Record<string, readonly string[]> = {
  do: ['do/client.ts'],
}
/** Who may walk in past the door (the entry point exports the Durable Object class). */
const DOOR_EXEMPT: Record<string, readonly string[]> = { do: ['index.ts'] }

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

const roomOf = (path: string) => relative(SRC, path).split('/')[0]

function resolveImport(from: string, spec: string): string {
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {}
  }
  throw new Error(`${relative(SRC, from)}: cannot resolve ${spec}`)
}

/** Every relative specifier of `import … from`, `export … from` and `import(…)`. */
export function relativeImports(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ]
  return found.map((m) => m[1])
}

const sources = files(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }))

describe('imports point down the table of rooms', () => {
  it('knows every room of src/', () => {
    const rooms = new Set(sources.map((s) => roomOf(s.path)))
    expect([...rooms].sort()).toEqual(Object.keys(ALLOWED).sort())
  })

  it('finds the imports it checks (the scanner itself works)', () => {
    const sample = `import type { A } from './a'\nexport { b } from '../b'\nconst c = await import('./c')`
    expect(relativeImports(sample)).toEqual(['./a', '../b', './c'])
  })

  it.each(sources.map((s) => [relative(SRC, s.path), s.path, s.text]))(
    '%s imports only what its room may',
    (name, path, text) => {
      const room = roomOf(path)
      for (const spec of relativeImports(text)) {
        const target = resolveImport(path, spec)
        const targetRoom = roomOf(target)
        if (targetRoom === room) continue
        expect(ALLOWED[room], `${name} → ${relative(SRC, target)}`).toContain(targetRoom)
        const door = DOORS[targetRoom]
        if (door && !DOOR_EXEMPT[targetRoom]?.includes(room)) {
          expect(door, `${name} → ${relative(SRC, target)} (use the room's door)`).toContain(
            relative(SRC, target),
          )
        }
      }
    },
  )
})
