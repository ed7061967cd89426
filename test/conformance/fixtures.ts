// Loads test/fixtures/idp/<vendor>/*.json (bundled by Vite's import.meta.glob, so it works inside
// workerd) and checks each file's shape once, so a typo in a fixture fails loudly, not silently.
import type { ReplaySequence, ReplayStep } from './types'

const files = import.meta.glob<ReplaySequence>('../fixtures/idp/*/*.json', {
  eager: true,
  import: 'default',
})

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

function checkStep(step: ReplayStep, where: string) {
  const fail = (why: string) => {
    throw new Error(`${where}: ${why}`)
  }
  if (typeof step.name !== 'string' || !step.name) fail('step without a name')
  if (!step.request || !METHODS.has(String(step.request.method).toUpperCase()))
    fail('bad request.method')
  if (typeof step.request.path !== 'string' || !step.request.path.startsWith('/')) {
    fail('request.path must start with / (relative to /scim/v2)')
  }
  if (step.auth && !['token', 'none', 'bogus'].includes(step.auth)) fail(`bad auth ${step.auth}`)
  if (
    !step.expect ||
    !(typeof step.expect.status === 'number' || Array.isArray(step.expect.status))
  ) {
    fail('expect.status is required')
  }
  if ('repeat' in step && !(Number.isInteger(step.repeat) && step.repeat > 0)) fail('bad repeat')
  if ('forEach' in step && typeof step.forEach !== 'string') fail('forEach names a list variable')
}

function load(): ReplaySequence[] {
  return Object.entries(files)
    .map(([path, sequence]) => {
      const file = path.replace('../fixtures/idp/', '')
      const dir = file.split('/')[0]
      if (sequence.vendor !== dir)
        throw new Error(`${file}: vendor "${sequence.vendor}" ≠ directory "${dir}"`)
      for (const field of ['title', 'source'] as const) {
        if (typeof sequence[field] !== 'string' || !sequence[field])
          throw new Error(`${file}: no ${field}`)
      }
      if (!Array.isArray(sequence.steps) || sequence.steps.length === 0)
        throw new Error(`${file}: no steps`)
      sequence.steps.forEach((step, k) => checkStep(step, `${file} step ${k + 1}`))
      return { ...sequence, file }
    })
    .sort((a, b) => a.file.localeCompare(b.file))
}

export const SEQUENCES = load()

/** Vendors in a fixed order: the two the service is built around first, then alphabetical. */
export const VENDORS = [...new Set(SEQUENCES.map((s) => s.vendor))].sort((a, b) => {
  const rank = (v: string) => (v === 'okta' ? 0 : v === 'entra' ? 1 : 2)
  return rank(a) - rank(b) || a.localeCompare(b)
})

export const sequencesOf = (vendor: string) => SEQUENCES.filter((s) => s.vendor === vendor)
