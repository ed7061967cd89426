#!/usr/bin/env node
// `npm run fuzz:long`: the fuzz properties of test/integration/fuzz/ with a large run count,
// inside workerd with real (local) D1, KV and Durable Objects, exactly as `npm test` runs them.
//
//   FUZZ_RUNS=100000 npm run fuzz:long        # total runs over all properties (default 100,000)
//   FUZZ_SEED=12345 FUZZ_RUNS=10000 npm run fuzz:long   # another seed (default: the fixed one)
//   FUZZ_VERBOSE=1 …                          # keep the Worker's request logs (silenced by default)
//
// How the run count reaches the tests: process.env is not visible inside workerd, so this script
// starts vitest through its Node API and hands `fuzzRuns` / `fuzzSeed` to the tests with vitest's
// `provide`; test/integration/fuzz/config.ts reads them with `inject` and splits the total by
// each property's share (PROPERTIES there). Without them, `npm test` uses its small fixed counts.
//
// Bounded and stops by itself: every property runs exactly its share of FUZZ_RUNS, and each test
// has a timeout of 150 ms per run plus a minute to shrink a failure (a safety net: runs take
// 5–25 ms). workerd runs the test files one after another on one core; measured on the dev VM:
// 10,000 runs in 1.8 min, 100,000 runs in 14.2 min (both all green). A failing property stops at
// its first counterexample, prints it shrunk with the seed and path to replay it, and the script
// exits non-zero.
import { startVitest } from 'vitest/node'

const runs = Number(process.env.FUZZ_RUNS ?? 100_000)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`)
  process.exit(2)
}
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
const started = Date.now()
console.log(`fuzz:long: ${runs} runs in total, seed ${seed ?? 'fixed (config.ts)'}`)

const vitest = await startVitest('test', ['test/integration/fuzz/'], {
  run: true,
  watch: false,
  project: ['workers'],
  // Only the console report: the JSON report of `npm test` (test-results/) stays untouched.
  reporters: ['default'],
  silent: !process.env.FUZZ_VERBOSE,
  provide: { fuzzRuns: runs, ...(seed === undefined ? {} : { fuzzSeed: seed }) },
})
await vitest?.close()
const minutes = ((Date.now() - started) / 60_000).toFixed(1)
console.log(`fuzz:long: finished in ${minutes} min`)
process.exit(process.exitCode ?? 0)
