// Run counts, seed and time limits of the fuzz properties. `npm test` uses the fixed defaults
// below; scripts/fuzz-long.mjs provides a total run count and a seed through vitest's
// `provide` (read here with `inject`, since process.env does not reach workerd).
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Total runs across all fuzz properties, split by each property's share. */
    fuzzRuns?: number
    /** Base seed; each property adds its own offset. */
    fuzzSeed?: number
  }
}

/** Fixed so that `npm test` is reproducible; a failure prints the seed and path to replay it. */
export const DEFAULT_SEED = 0x5c1_ed9e

/** Quick runs per property in `npm test`, and its share of a long run's total. */
export const PROPERTIES = {
  filterUsers: { runs: 200, share: 0.12 },
  filterGroups: { runs: 150, share: 0.08 },
  filterSearch: { runs: 150, share: 0.1 },
  patchUsers: { runs: 150, share: 0.15 },
  patchGroups: { runs: 120, share: 0.12 },
  scimBodies: { runs: 200, share: 0.15 },
  adminBodies: { runs: 120, share: 0.1 },
  headers: { runs: 200, share: 0.18 },
} as const

export type PropertyName = keyof typeof PROPERTIES

/**
 * A safety net, not a target: a run is a few HTTP requests and D1 reads (10–40 ms measured), so
 * 150 ms each plus a minute to shrink only trips when something hangs or grows without bound.
 */
const MS_PER_RUN = 150
const SHRINK_MS = 60_000

export interface FuzzSettings {
  seed: number
  numRuns: number
  /** The vitest timeout for the `it` running the property. */
  timeout: number
}

export function fuzzSettings(name: PropertyName): FuzzSettings {
  const { runs, share } = PROPERTIES[name]
  const total = inject('fuzzRuns')
  const numRuns = total ? Math.max(1, Math.round(total * share)) : runs
  const seed = (inject('fuzzSeed') ?? DEFAULT_SEED) + Object.keys(PROPERTIES).indexOf(name)
  return { seed, numRuns, timeout: numRuns * MS_PER_RUN + SHRINK_MS }
}

/** The vitest timeout for an `it.each` running several properties, one per case. */
export function fuzzTimeout(...names: PropertyName[]): number {
  return Math.max(...names.map((name) => fuzzSettings(name).timeout))
}
