// The org admin console (/admin) in headless Chromium against the real Worker: sign in by admin key
// and by portal link, tokens (create, rotate with an overlap chosen in a dialog), the default team
// picked from the org's teams and a new user joining it, the directory, provisioning activity
// after a SCIM write, and the narrow (390 px) layout. Every page must log no error.
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { admin } from '../cli/run'
import { OPERATOR_KEY } from '../cli/worker'
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
const TABS = ['Overview', 'Directory', 'Activity', 'Set up your IdP', 'Settings']

async function signIn(page: Page, adminKey: string) {
  await page.goto('/admin')
  await page.getByLabel('Organization admin key').fill(adminKey)
  await page.getByRole('button', { name: 'Open' }).click()
  await page.getByRole('heading', { name: 'Is provisioning working?' }).waitFor()
}

const tab = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Console sections' })
    .getByRole('button', { name, exact: true })

/** Repeats `action` until `check` passes (activity is flushed about a second after a request). */
async function until(action: () => Promise<void>, check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 40; i++) {
    await action()
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describeWithBrowser('org admin console', () => {
  const harness = useBrowserHarness()

  it('tokens: create one (secret shown once), rotate it with an overlap chosen in a dialog', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey)
    await page.getByRole('cell', { name: org.tokenLabel, exact: true }).waitFor()
    expect(await page.content()).not.toContain(org.scimToken)

    await page.getByLabel('Label').fill('Entra ID')
    await page.getByRole('button', { name: 'Create token' }).click()
    const secretBox = page.getByRole('status').filter({ hasText: /copy it now/i })
    await secretBox.waitFor()
    const minted = SCIM_SECRET.exec((await secretBox.textContent()) ?? '')![0]
    expect((await scim(harness.worker, minted, 'GET', '/ServiceProviderConfig')).status).toBe(200)
    await page.getByText('Token created.').waitFor()

    const entra = page.getByRole('row').filter({ hasText: 'Entra ID' })
    await entra.getByRole('button', { name: 'Rotate' }).click()
    const dialog = page.getByRole('dialog', { name: 'Rotate token' })
    await dialog.getByLabel('Keep the old token working for').selectOption({ label: '1 hour' })
    await screenshot(page, 'console-rotate-1280')
    await dialog.getByRole('button', { name: 'Rotate' }).click()
    await page.getByText('Token rotated.').waitFor()
    const rotated = SCIM_SECRET.exec((await secretBox.textContent()) ?? '')![0]
    expect(rotated).not.toBe(minted)
    // The old token works for the overlap (and says so), the new one too.
    await entra.filter({ hasText: 'rotating out' }).waitFor()
    expect((await scim(harness.worker, minted, 'GET', '/ServiceProviderConfig')).status).toBe(200)
    expect((await scim(harness.worker, rotated, 'GET', '/ServiceProviderConfig')).status).toBe(200)
    await screenshot(page, 'console-overview-1280')
    expectNoProblems(watched)
  })

  it('OAuth clients: register one with its JWK Set; deleting it ends its access tokens', async () => {
    const org = await provisionOrg(harness.worker)
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'console-key' }] }
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey)

    await page.getByLabel('Public keys').fill('{not json')
    await page.getByLabel('Client name').fill('Acme IdP')
    await page.getByRole('button', { name: 'Register client' }).click()
    await page.getByText('The JWK Set is not valid JSON.').waitFor()
    await page.getByLabel('Public keys').fill('http://idp.example.com/jwks')
    await page.getByRole('button', { name: 'Register client' }).click()
    await page.getByText(/jwksUri: url must be https:/).waitFor()
    await page.getByLabel('Public keys').fill(JSON.stringify(jwks))
    await page.getByRole('button', { name: 'Register client' }).click()
    await page.getByText('OAuth client "Acme IdP" registered.').waitFor()
    const client = page.getByRole('row').filter({ hasText: 'Acme IdP' })
    expect(await client.textContent()).toContain('console-key')
    const clientId = (await client.locator('code').textContent()) ?? ''
    expect(await page.locator('#token-endpoint').textContent()).toBe(
      `${harness.worker.url}/oauth/token`,
    )
    await screenshot(page, 'console-oauth-clients-1280')

    const endpoint = `${harness.worker.url}/oauth/token`
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'console-key' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(endpoint)
      .setExpirationTime('1m')
      .sign(privateKey)
    const res = await fetch(endpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    })
    expect(res.status).toBe(200)
    const { access_token } = (await res.json()) as { access_token: string }
    expect((await scim(harness.worker, access_token, 'GET', '/Users')).status).toBe(200)

    await client.getByRole('button', { name: 'Delete' }).click()
    await page
      .getByRole('dialog', { name: 'Delete OAuth client' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await page.getByText('OAuth client "Acme IdP" deleted.').waitFor()
    await client.waitFor({ state: 'detached' })
    expect((await scim(harness.worker, access_token, 'GET', '/Users')).status).toBe(401)
    // The one refusal provoked above (the http: URI), and Chromium's line about it; nothing else.
    expect(watched.problems.httpErrors).toHaveLength(1)
    for (const line of watched.problems.consoleErrors) expect(line).toMatch(/status of 400/)
    expectNoProblems(watched, { allowHttpErrors: true, allowConsoleErrors: true })
  })

  it('settings: the default team picked from the list; a user the IdP creates joins it', async () => {
    const org = await provisionOrg(harness.worker)
    const made = await admin(harness.worker.url, org.adminKey, `/orgs/${org.orgId}/teams`, {
      method: 'POST',
      json: { name: 'Engineering' },
    })
    expect(made.status).toBe(201)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey)

    await tab(page, 'Settings').click()
    await page.getByText(/Groups pushed by your identity provider become teams/).waitFor()
    await page.getByLabel('Default team').selectOption({ label: 'Engineering' })
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Settings saved. Default team: Engineering.').waitFor()
    await screenshot(page, 'console-settings-1280')

    const created = await scim(harness.worker, org.scimToken, 'POST', '/Users', {
      userName: 'grace@example.com',
      displayName: 'Grace Hopper',
      emails: [{ value: 'grace@example.com', primary: true }],
    })
    expect(created.status).toBe(201)
    await scim(harness.worker, org.scimToken, 'POST', '/Users', { userName: 'alan@example.com' })

    await tab(page, 'Directory').click()
    const grace = page.getByRole('row').filter({ hasText: 'grace@example.com' })
    await grace.waitFor()
    expect(await grace.textContent()).toContain('Engineering')
    // Search narrows the list; the user's detail shows memberships and events.
    await page.getByLabel('Search').fill('grace')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page
      .getByRole('row')
      .filter({ hasText: 'alan@example.com' })
      .waitFor({ state: 'detached' })
    await grace.getByRole('button', { name: 'grace@example.com' }).click()
    const detail = page.getByRole('dialog', { name: 'grace@example.com' })
    await detail.getByText('user.created').waitFor()
    expect(await detail.textContent()).toContain('Engineering')
    await screenshot(page, 'console-directory-1280')
    await detail.getByRole('button', { name: 'Close' }).click()

    // The SCIM profile: chosen here, applied by the writer at once (a pathless PATCH is refused).
    await tab(page, 'Settings').click()
    await page.getByLabel('SCIM profile').selectOption('interop')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Settings saved. Default team: Engineering.').waitFor()
    const settings = await admin(harness.worker.url, org.adminKey, `/orgs/${org.orgId}/settings`)
    expect(settings.body.profile).toBe('interop')
    const graceId = created.body.id as string
    const pathless = await scim(harness.worker, org.scimToken, 'PATCH', `/Users/${graceId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    })
    expect(pathless.status).toBe(400)
    expectNoProblems(watched)
  })

  it('settings: roles and an entitlement type edited as rows; Okta reads them at /Roles and /Licenses', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey)
    await tab(page, 'Settings').click()
    await page.getByLabel('Display name of role 1').waitFor()

    // Rename the first role, drop the other two, add one.
    await page.getByLabel('Display name of role 1').fill('Member')
    await page.getByLabel('Description of role 1').fill('Uses the app')
    for (const n of [3, 2]) {
      await page
        .getByRole('row')
        .filter({ has: page.getByLabel(`Value of role ${n}`) })
        .getByRole('button', { name: 'Remove' })
        .click()
    }
    await page.getByRole('button', { name: 'Add role' }).click()
    await page.getByLabel('Value of role 2').fill('admin')
    await page.getByLabel('Display name of role 2').fill('Administrator')
    await page.getByRole('button', { name: 'Save roles' }).click()
    await page.getByText('Roles saved: Member, Administrator.').waitFor()
    expect(await page.getByLabel('Role values (comma-separated)').inputValue()).toBe(
      'member, admin',
    )

    // A new entitlement type with one value.
    await page.getByLabel('Name of the new type').fill('Licenses')
    await page.getByRole('button', { name: 'Add value' }).click()
    await page.getByLabel('Value of the new type 1').fill('pro')
    await page.getByLabel('Display name of the new type 1').fill('Pro licence')
    await page.getByRole('button', { name: 'Save type' }).click()
    await page.getByText('Entitlement type Licenses saved with 1 value.').waitFor()
    expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('Licenses')
    await screenshot(page, 'console-catalogue-1280')

    const roles = await scim(harness.worker, org.scimToken, 'GET', '/Roles')
    expect(roles.body.Resources.map((r: any) => [r.id, r.displayName, r.description])).toEqual([
      ['member', 'Member', 'Uses the app'],
      ['admin', 'Administrator', undefined],
    ])
    const licences = await scim(harness.worker, org.scimToken, 'GET', '/Licenses')
    expect(licences.body.Resources.map((r: any) => [r.id, r.type])).toEqual([['pro', 'Licenses']])

    expectNoProblems(watched)
    // A refused catalogue says why (the 400 it got is the only HTTP error from here on).
    await page.getByRole('button', { name: 'Add value' }).click()
    await page.getByLabel('Value of Licenses 2').fill('PRO')
    await page.getByLabel('Display name of Licenses 2').fill('Twice')
    await page.getByRole('button', { name: 'Save type' }).click()
    await page.getByText(/lists "PRO" twice/).waitFor()

    await page.getByRole('button', { name: 'Delete type' }).click()
    await page.getByText('Entitlement type Licenses deleted.').waitFor()
    expect((await scim(harness.worker, org.scimToken, 'GET', '/Licenses')).status).toBe(404)
    expectNoProblems(watched, { allowHttpErrors: true, allowConsoleErrors: true })
  })

  it('activity: a SCIM write shows as an entry, and the overview says when the IdP last called', async () => {
    const org = await provisionOrg(harness.worker)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await signIn(page, org.adminKey)
    const res = await fetch(`${harness.worker.url}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${org.scimToken}`,
        'Content-Type': 'application/scim+json',
        'User-Agent': 'Okta SCIM Client 1.0.0',
      },
      body: JSON.stringify({ userName: 'ada@example.com' }),
    })
    expect(res.status).toBe(201)
    const requestId = res.headers.get('X-Request-Id')!

    await tab(page, 'Activity').click()
    const entry = page.getByRole('row').filter({ hasText: requestId })
    await until(
      () => page.getByRole('button', { name: 'Refresh' }).click(),
      () => entry.isVisible(),
      'the activity entry',
    )
    const text = (await entry.textContent()) ?? ''
    for (const part of ['Okta', org.tokenLabel, 'POST /Users', '201']) expect(text).toContain(part)
    await screenshot(page, 'console-activity-1280')

    await page.waitForLoadState('networkidle') // no request of this page is cut by the reload
    await page.reload()
    await signIn(page, org.adminKey)
    await page.getByText(new RegExp(`${org.tokenLabel}: last request .* from Okta`)).waitFor()
    expectNoProblems(watched)
  })

  it('a portal link signs in once; sign-out ends the session', async () => {
    const org = await provisionOrg(harness.worker)
    const link = await admin(harness.worker.url, OPERATOR_KEY, `/orgs/${org.orgId}/portal-links`, {
      method: 'POST',
    })
    expect(link.status).toBe(201)
    const watched = await harness.newPage({ width: 1280 })
    const { page } = watched
    await page.goto(link.body.url)
    await page.getByRole('heading', { name: 'Is provisioning working?' }).waitFor()
    expect(page.url()).not.toContain('#portal') // the secret leaves the address bar
    await page.getByText(org.orgId).first().waitFor()
    // A reload keeps the session (the cookie), with no key typed.
    await page.waitForLoadState('networkidle') // no request of this page is cut by the reload
    await page.reload()
    await page.getByRole('heading', { name: 'Is provisioning working?' }).waitFor()
    // Settings change through the session (CSRF token sent by the console).
    await tab(page, 'Settings').click()
    await page.getByLabel('Group policy').selectOption('link-only')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText(/Settings saved/).waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('Signed out.').waitFor()
    await page.getByLabel('Organization admin key').waitFor()
    expectNoProblems(watched)

    // The same link again: refused, and the console says why.
    const again = await harness.newPage({ width: 1280 })
    await again.page.goto(link.body.url)
    await again.page.getByText(/expired or was already used/).waitFor()
    expectNoProblems(again, { allowHttpErrors: true, allowConsoleErrors: true })
  })

  it('at 390 px every section fits the screen, with no sideways scrolling', async () => {
    const org = await provisionOrg(harness.worker, {
      tokenLabel: 'A very long token label for the production Okta tenant of Example Corporation',
    })
    await scim(harness.worker, org.scimToken, 'POST', '/Users', {
      userName: 'someone.with.a.really.long.address@subsidiary.example-corporation.com',
    })
    const client = await admin(
      harness.worker.url,
      org.adminKey,
      `/orgs/${org.orgId}/oauth-clients`,
      {
        method: 'POST',
        json: {
          name: 'The identity provider of a subsidiary with a long name',
          jwksUri: 'https://login.subsidiary.example-corporation.com/.well-known/openid/jwks.json',
        },
      },
    )
    expect(client.status).toBe(201)
    const watched = await harness.newPage({ width: 390 })
    const { page } = watched
    await signIn(page, org.adminKey)
    for (const name of TABS) {
      await tab(page, name).click()
      await page.waitForLoadState('networkidle')
      await noHorizontalOverflow(page)
      await screenshot(page, `console-${name.split(' ')[0].toLowerCase()}-390`)
    }
    expectNoProblems(watched)
  })
})
