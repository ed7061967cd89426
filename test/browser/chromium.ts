// Finding and launching the headless Chromium the browser tests drive (playwright-core brings no
// browser of its own here: Debian's `chromium`, or CHROMIUM_PATH).
//
// Invariant: this module is evaluated before test/cli/worker.ts, which sets CI=true in this process
// for wrangler's sake; REQUIRED is read first, from the environment the tests were started with.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
const INSTALL_HINT = 'install chromium: apt-get install -y chromium (or set CHROMIUM_PATH)'

/** In CI (.ci/run exports CI=true) a missing browser fails the tests instead of skipping them. */
const REQUIRED = Boolean(process.env.CI)

/** CHROMIUM_PATH if set (then only it: a wrong path is not silently replaced), else CANDIDATES. */
function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

const WHERE = process.env.CHROMIUM_PATH
  ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`
  : `no Chromium at ${CANDIDATES.join(', ')} and CHROMIUM_PATH is not set`

export const CHROMIUM_PATH = findChromium()

const skipped = !CHROMIUM_PATH && !REQUIRED
if (skipped) {
  console.warn(
    [
      '',
      '*'.repeat(78),
      '* SKIPPING the browser tests (test/browser):',
      `* ${WHERE}.`,
      `* To run them: ${INSTALL_HINT}.`,
      '*'.repeat(78),
      '',
    ].join('\n'),
  )
}

/** `describe`, skipped (loudly, above) when there is no browser and we are not in CI. */
export const describeWithBrowser = describe.skipIf(skipped)

/** Headless Chromium; throws the install hint when there is none (so CI fails, not skips). */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) {
    throw new Error(`No Chromium for the browser tests (${WHERE}): ${INSTALL_HINT}`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root (CI, containers) needs --no-sandbox; a small /dev/shm crashes tabs without the last one.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
}
