// `activity list|summary`: the org's provisioning activity — every SCIM change and error, newest
// first, and per SCIM token when it was last used and how many errors it saw in 24 hours.
import { orgPath } from '../client.mjs'
import { action, fetchList, hintNext, orgFor, withOrg, withPaging } from '../context.mjs'
import { printJson, printTable } from '../table.mjs'

const ENTRY_COLUMNS = [
  ['AT', (e) => e.at],
  ['IDP', (e) => e.idp],
  ['TOKEN', (e) => e.tokenLabel ?? e.tokenId],
  ['OPERATION', (e) => e.operation],
  ['RESOURCE', (e) => (e.resourceId ? `${e.resourceType} ${e.resourceId}` : e.resourceType)],
  ['STATUS', (e) => (e.scimType ? `${e.status} ${e.scimType}` : e.status)],
  ['MS', (e) => e.durationMs],
  ['REQUEST ID', (e) => e.requestId],
]

const TOKEN_COLUMNS = [
  ['TOKEN', (t) => t.tokenLabel ?? t.tokenId],
  ['LAST REQUEST', (t) => t.lastRequestAt ?? 'never'],
  ['IDP', (t) => t.lastIdp],
  ['REQUESTS 24H', (t) => t.requests24h],
  ['ERRORS 24H', (t) => t.errors24h],
]

export function register(program) {
  const activity = program.command('activity').description("the org's provisioning activity")

  withPaging(withOrg(activity.command('list')))
    .description('SCIM changes and errors, newest first')
    .option('--kind <kind>', 'write or error')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const page = await fetchList(
          api,
          orgPath(org, '/activity'),
          { kind: options.kind },
          options,
        )
        if (options.json) return printJson(page)
        printTable(ENTRY_COLUMNS, page.data, { empty: '(no activity)' })
        hintNext(page.next)
      }),
    )

  withOrg(activity.command('summary'))
    .description('per SCIM token: last request, requests and errors in the last 24 hours')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const summary = await api.get(orgPath(await orgFor(api, options), '/activity/summary'))
        if (options.json) return printJson(summary)
        printTable(TOKEN_COLUMNS, summary.tokens, { empty: '(no SCIM tokens)' })
      }),
    )
}
