// Which IdP a User-Agent names (src/model/idp.ts). Strings marked "recorded" are ones the vendor
// is documented to send; the others are shaped like them, for vendors whose string is unknown.
import { describe, expect, it } from 'vitest'
import { IDP_LABELS, recognizeIdp, type IdpName } from '../../../src/model/idp'

describe.each<[IdpName, string[]]>([
  [
    'okta',
    [
      'Okta SCIM Client 1.0.0', // recorded: test/fixtures/idp/okta/oin-user-lifecycle.json
      'OKTA SCIM Integration', // recorded: test/fixtures/idp/okta/spec-acceptance.json
      'okta scim client 2.3.1',
    ],
  ],
  [
    'entra',
    [
      'Microsoft Azure AD SCIM provisioning 1.0.0', // recorded by GitHub's SCIM API
      'Microsoft.Azure.AAD.Provisioning/1.0',
      'AzureAD-Provisioning',
      'Microsoft Entra ID Provisioning',
      'MICROSOFT AZURE AD SCIM PROVISIONING',
    ],
  ],
  ['google', ['Google-Workspace-Provisioning/1.0', 'Google SCIM client', 'GOOGLE']],
  ['onelogin', ['OneLogin SCIM', 'onelogin-scim/2.0', 'One Login SCIM']],
  ['jumpcloud', ['JumpCloud SCIM Client', 'jumpcloud/1.0', 'Jump Cloud']],
  ['pingone', ['PingOne SCIM Provisioning', 'Ping Identity SCIM', 'pingidentity/1.0']],
  ['rippling', ['Rippling SCIM/1.0', 'RIPPLING']],
])('%s', (idp, agents) => {
  it.each(agents)('recognizes %j', (agent) => {
    expect(recognizeIdp(agent)).toBe(idp)
  })
})

describe('other', () => {
  it.each([null, undefined, '', '   '])('a missing or blank User-Agent (%j) is other', (agent) => {
    expect(recognizeIdp(agent)).toBe('other')
  })

  it.each([
    'curl/8.5.0',
    'PostmanRuntime/7.39.0',
    'python-requests/2.32.3',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Apache-HttpClient/4.5.14 (Java/17.0.2)', // PingFederate's, but anyone's
    'Microsoft-PowerAutomate/1.0',
    'central-sync/1.0', // "entra" only inside a word
    'Mozilla/5.0 (compatible; LinkChecker/1.0; +https://www.okta.com/checker)', // a link, not a name
  ])('a generic client (%s) is other', (agent) => {
    expect(recognizeIdp(agent)).toBe('other')
  })
})

describe('IDP_LABELS', () => {
  it('names every IdP in words', () => {
    expect(IDP_LABELS).toEqual({
      okta: 'Okta',
      entra: 'Microsoft Entra ID',
      google: 'Google Workspace',
      onelogin: 'OneLogin',
      jumpcloud: 'JumpCloud',
      pingone: 'PingOne',
      rippling: 'Rippling',
      other: 'Other',
    })
  })
})
