// The org admin console (/admin) in headless Chromium against the real Worker: sign in with an org
// admin key, see the org's SCIM tokens, mint one. Elements are found by role, name and text, so
// the test outlives a rebuild of the page's markup.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import {
  describeWithBrowser,
  expectNoProblems,
  noHorizontalOverflow,
  provisionOrg,
  scim,
  screenshot,
  useBrowserHarness,
} from './harness'

const SCIM_SECRET = /scim_[A-Za-z0-9_-]{43}/

/** Opens /admin and signs in with `adminKey`; resolves once the tokens table lists `tokenLabel`. */
async function signIn(page: Page, adminKey: string, tokenLabel: string) {
  await page.goto('/admin')
  await page.locator('input[type="password"]').fill(adminKey)
  await page.getByRole('button', { name: 'Open' }).click()
  await page.getByRole('cell', { name: tokenLabel, exact: true }).waitFor()
}

describeWithBrowser('org admin console', () => {
  const harness = useBrowserHarness()

  it('signs in with an org admin key and lists the org’s SCIM tokens', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched

    await signIn(page, org.adminKey, org.tokenLabel)

    await page.getByRole('heading', { name: 'Tokens' }).waitFor()
    const row = page.getByRole('row').filter({ hasText: org.tokenLabel })
    expect(await row.count()).toBe(1)
    expect(await row.textContent()).toContain(org.scimToken.slice(0, 'scim_'.length + 6))
    expect(await page.content()).not.toContain(org.scimToken)
    await screenshot(page, 'console-tokens')
    expectNoProblems(watched)
  })

  it('mints a token and shows its secret once, in a “copy it now” box', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey, org.tokenLabel)

    await page.getByRole('textbox', { name: /label/i }).fill('Entra ID')
    await page.getByRole('button', { name: 'Create token' }).click()

    const secretBox = page.getByRole('status').filter({ hasText: /copy it now/i })
    await secretBox.waitFor()
    const secret = SCIM_SECRET.exec((await secretBox.textContent()) ?? '')?.[0]
    expect(secret).toBeDefined()
    await page.getByRole('cell', { name: 'Entra ID', exact: true }).waitFor()
    // The secret shown is a working SCIM token for this org.
    const config = await scim(harness.worker, secret!, 'GET', '/ServiceProviderConfig')
    expect(config.status).toBe(200)
    await screenshot(page, 'console-token-created')
    expectNoProblems(watched)
  })

  it('works on a 390 px phone screen once signed in', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 390 })

    await signIn(watched.page, org.adminKey, org.tokenLabel)

    await screenshot(watched.page, 'console-tokens-390')
    expectNoProblems(watched)
    // TODO(console rebuild): the current page's 7-column tokens table and two-column settings grid
    // make it ~616 px wide at 390 px, so it scrolls sideways; the rebuild is expected to fix it. This asserts the known
    // overflow precisely (rather than `it.fails`, which would also pass if signing in broke):
    // once it fails because the page fits, replace it with `await noHorizontalOverflow(page)`.
    await expect(noHorizontalOverflow(watched.page)).rejects.toThrow(/px wide in a 390px viewport/)
  })
})
