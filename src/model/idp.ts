// Pure: no I/O. Which identity provider sent a SCIM request, guessed from its User-Agent header,
// for display and logs only — never for behaviour (quirks are tolerated for everyone alike).

export type IdpName =
  'okta' | 'entra' | 'google' | 'onelogin' | 'jumpcloud' | 'pingone' | 'rippling' | 'other'

export const IDP_LABELS: Record<IdpName, string> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
  google: 'Google Workspace',
  onelogin: 'OneLogin',
  jumpcloud: 'JumpCloud',
  pingone: 'PingOne',
  rippling: 'Rippling',
  other: 'Other',
}

/**
 * One case-insensitive pattern per vendor, matched on word boundaries so that e.g. "Googlebot" or
 * "oktapreview" alone name no one, and outside URLs (a crawler's "+http://www.google.com/bot.html"
 * is a link, not its name). Where the exact string is confirmed, the source says so; the
 * rest match the vendor's name conservatively (the strings they send could not be found).
 */
const PATTERNS: readonly (readonly [IdpName, RegExp])[] = [
  // Confirmed: "Okta SCIM Client 1.0.0" (Okta Developer, "SCIM 2.0 Protocol Reference",
  // okta/okta-developer-docs packages/@okta/vuepress-site/docs/reference/scim/scim-20/index.md;
  // test/fixtures/idp/okta/oin-user-lifecycle.json) and "OKTA SCIM Integration" (Okta's SCIM 2.0
  // SPEC Test for Runscope; test/fixtures/idp/okta/spec-acceptance.json).
  ['okta', /\bokta\b/i],
  // Confirmed (one source): "Microsoft Azure AD SCIM provisioning" is the string GitHub's own SCIM
  // API matches for Entra (app/api/scim/base_scim.rb, AAD_USER_AGENT, seen in the public code
  // index without its repository name). "Azure AD", "AzureAD", "AAD" and "Entra" cover renamings
  // such as "Microsoft.Azure.AAD.Provisioning…", which could not be confirmed. Bare "Microsoft" is
  // not matched: Microsoft ships many unrelated HTTP clients.
  ['entra', /\b(?:azure ?ad|aad|azure active directory|entra)\b/i],
  // Best guess: Google's auto-provisioning User-Agent is not documented anywhere found.
  ['google', /\bgoogle\b/i],
  // Best guess: OneLogin's own User-Agent was not found. "OneLogin SCIM" is a header admins add
  // themselves in the connector's Custom Headers (docker/docs, "Configure your IdP", OneLogin tab).
  ['onelogin', /\bone ?login\b/i],
  // Best guess: no JumpCloud User-Agent found.
  ['jumpcloud', /\bjump ?cloud\b/i],
  // Best guess: no PingOne User-Agent found. PingFederate's SCIM connector sends a bare
  // "Apache-HttpClient" (GitHub base_scim.rb above), too generic to claim: it stays 'other'.
  ['pingone', /\b(?:ping ?one|ping ?identity)\b/i],
  // Best guess: no Rippling User-Agent found.
  ['rippling', /\brippling\b/i],
]

/**
 * The identity provider a User-Agent names, or 'other'. A missing or empty header is 'other', not
 * Entra: Entra's Test Connection and tutorial requests do send none
 * (test/fixtures/idp/entra/test-connection.json), but so do Okta's SPEC test create steps
 * (test/fixtures/idp/okta/spec-acceptance.json) and any script, so absence proves nothing.
 */
export function recognizeIdp(userAgent: string | null | undefined): IdpName {
  const name = userAgent?.replace(/https?:\/\/\S*/gi, ' ')
  if (!name) return 'other'
  for (const [idp, pattern] of PATTERNS) if (pattern.test(name)) return idp
  return 'other'
}
