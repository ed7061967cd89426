// The browser harness for the org admin console (/admin): the real Worker (test/cli/worker.ts) and
// headless Chromium, started once per file; pages that record every error; data set up through the
// real admin and SCIM APIs (./provision). Browser test files import from here only.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
// First: reads CI before test/cli/worker.ts sets it (see ./chromium).
import { launchChromium } from './chromium'
import { ROOT, startWorker, type Worker } from '../cli/worker'

export { CHROMIUM_PATH, describeWithBrowser } from './chromium'
export { provisionOrg, scim, type ProvisionedOrg } from './provision'
export type { Worker }

/** What went wrong on a page; a test asserts these stay empty (see `expectNoProblems`). */
export interface PageProblems {
  /** console messages of type error (Chromium also logs failed loads here). */
  consoleErrors: string[]
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[]
  /** Requests that got no response at all (refused, reset, aborted); CSP blocks are console errors. */
  failedRequests: string[]
  /** Same-origin responses with status 4xx/5xx: kept apart, a test may expect some. */
  httpErrors: string[]
}

export interface WatchedPage {
  page: Page
  problems: PageProblems
}

export interface NewPageOptions {
  /** Viewport width in CSS px; 1280 unless given. */
  width?: number
}

export interface BrowserHarness {
  /** The running Worker (its `url` is every page's base URL). */
  readonly worker: Worker
  /** A page in a fresh browser context (no shared storage), recording its problems. */
  newPage(options?: NewPageOptions): Promise<WatchedPage>
}

/** Registers beforeAll/afterAll starting the Worker and Chromium for the calling test file. */
export function useBrowserHarness(): BrowserHarness {
  let worker: Worker | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startWorker(), launchChromium()])
    if (started.status === 'fulfilled') worker = started.value
    if (launched.status === 'fulfilled') browser = launched.value
    for (const result of [started, launched]) if (result.status === 'rejected') throw result.reason
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await worker?.stop()
  })
  const ready = () => {
    if (!worker || !browser) throw new Error('useBrowserHarness: used before beforeAll ran')
    return { worker, browser }
  }
  return {
    get worker() {
      return ready().worker
    },
    newPage: (options) => watchedPage(ready().browser, ready().worker.url, options),
  }
}

async function watchedPage(
  browser: Browser,
  baseURL: string,
  { width = 1280 }: NewPageOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } })
  const page = await context.newPage()
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
  }
  const origin = new URL(baseURL).origin
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)))
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText}`,
    ),
  )
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).origin === origin) {
      problems.httpErrors.push(
        `${response.request().method()} ${response.url()} → ${response.status()}`,
      )
    }
  })
  return { page, problems }
}

/**
 * Asserts a page logged no error, threw nothing, and lost no request. A test that provokes an
 * error answer on purpose allows HTTP errors and the console line Chromium logs for each.
 */
export function expectNoProblems(
  { problems }: WatchedPage,
  { allowHttpErrors = false, allowConsoleErrors = false } = {},
) {
  const { pageErrors, failedRequests } = problems
  const consoleErrors = allowConsoleErrors ? [] : problems.consoleErrors
  expect({ consoleErrors, pageErrors, failedRequests }).toEqual({
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
  })
  if (!allowHttpErrors) expect(problems.httpErrors).toEqual([])
}

/** Asserts the page is no wider than its viewport (nothing scrolls sideways). */
export async function noHorizontalOverflow(page: Page) {
  // A string: test code is compiled without the DOM lib.
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '(({ scrollWidth, clientWidth }) => ({ scrollWidth, clientWidth }))(document.documentElement)',
  )) as { scrollWidth: number; clientWidth: number }
  expect(
    scrollWidth,
    `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`,
  ).toBeLessThanOrEqual(clientWidth)
}

/** Writes docs/screenshots/<name>.png when UPDATE_SCREENSHOTS=1; otherwise does nothing. */
export async function screenshot(page: Page, name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return
  const dir = join(ROOT, 'docs/screenshots')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}
