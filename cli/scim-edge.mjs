#!/usr/bin/env node
// scim-edge: the command line for the admin API (operators and org admins). `scim-edge --help`.
import { readFileSync } from 'node:fs'
import { Command } from 'commander'
import * as activity from './commands/activity.mjs'
import * as adminKeys from './commands/admin-keys.mjs'
import * as catalogue from './commands/catalogue.mjs'
import * as events from './commands/events.mjs'
import * as oauthClients from './commands/oauth-clients.mjs'
import * as orgs from './commands/orgs.mjs'
import * as settings from './commands/settings.mjs'
import * as teams from './commands/teams.mjs'
import * as tokens from './commands/tokens.mjs'
import * as users from './commands/users.mjs'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const program = new Command('scim-edge')
  .description('Manage a scim-edge server through its admin API (/admin/v1).')
  .version(version)
  .option('--url <origin>', "the Worker's origin, e.g. http://127.0.0.1:8787 (env SCIM_EDGE_URL)")
  .option('--key <key>', 'operator key or org admin key scimadm_… (env SCIM_EDGE_KEY)')
  .option('--json', 'print the raw JSON answer instead of a table')
  .showHelpAfterError('(add --help for usage)')
  .addHelpText(
    'after',
    `
Org-scoped commands take --org <id> (env SCIM_EDGE_ORG); with an org admin key the key's own
org is the default. Secrets of new keys and tokens are printed once and never again.

Examples:
  scim-edge orgs create "Acme Corp" --id acme
  scim-edge admin-keys create --org acme --label "acme admins"
  scim-edge tokens create --org acme --label okta
  scim-edge oauth-clients create --org acme --name "Acme IdP" --jwks-uri https://idp.acme.com/jwks
  scim-edge settings set --org acme groupPolicy=link-only roleValues=member,admin
  scim-edge roles set --org acme viewer=Viewer admin=Administrator
  scim-edge entitlements set Licenses --org acme --file licenses.json
  scim-edge events tail --org acme --types user.created,user.deleted
  scim-edge activity list --org acme --kind error`,
  )

for (const group of [
  orgs,
  adminKeys,
  tokens,
  oauthClients,
  settings,
  catalogue,
  users,
  teams,
  events,
  activity,
])
  group.register(program)

await program.parseAsync(process.argv)
