// `orgs create|list|get`: organizations (create and list need the operator key).
import { orgPath } from '../client.mjs'
import { action, orgFor, withOrg } from '../context.mjs'
import { printFields, printJson, printTable } from '../table.mjs'
import { parseSettings, settingsFields } from './settings.mjs'

const collect = (value, previous) => [...previous, value]

function printOrg(org, options) {
  if (options.json) return printJson(org)
  printFields([
    ['ID', org.id],
    ['Name', org.name],
    ['Created', org.createdAt],
    ['Updated', org.updatedAt],
    ...settingsFields(org.settings ?? {}),
  ])
}

export function register(program) {
  const orgs = program.command('orgs').description('organizations')

  orgs
    .command('create')
    .description('create an org (operator key)')
    .argument('<name>', 'display name')
    .option('--id <id>', 'org id (lower-case letters, digits, dashes; default: a random UUID)')
    .option(
      '--set <key=value>',
      'an initial setting (repeatable, as in `settings set`)',
      collect,
      [],
    )
    .action(
      action(async ({ options, args: [name], client }) => {
        const settings = parseSettings(options.set)
        const body = {
          name,
          ...(options.id && { id: options.id }),
          ...(Object.keys(settings).length > 0 && { settings }),
        }
        printOrg(await client().post('/orgs', body), options)
      }),
    )

  orgs
    .command('list')
    .description('list all orgs (operator key)')
    .action(
      action(async ({ options, client }) => {
        const answer = await client().get('/orgs')
        if (options.json) return printJson(answer)
        const columns = [
          ['ID', (o) => o.id],
          ['NAME', (o) => o.name],
          ['GROUP POLICY', (o) => o.settings?.groupPolicy],
          ['CREATED', (o) => o.createdAt],
        ]
        printTable(columns, answer.orgs ?? [], { empty: '(no orgs)' })
      }),
    )

  withOrg(orgs.command('get'))
    .description("show an org and its settings (default: the admin key's own org)")
    .argument('[id]', 'org id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        const org = await orgFor(api, { org: id ?? options.org })
        printOrg(await api.get(orgPath(org)), options)
      }),
    )
}
