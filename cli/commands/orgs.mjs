// `orgs create|list|get|move`: organizations (create, list and move need the operator key).
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
    ...(org.placement
      ? [
          ['Shard', org.placement.shard],
          ['Jurisdiction', org.placement.jurisdiction ?? '-'],
        ]
      : []),
    ['Created', org.createdAt],
    ['Updated', org.updatedAt],
    ...settingsFields(org.settings ?? {}),
  ])
}

function printMove(move) {
  printFields([
    ['Move', `${move.from} → ${move.to}`],
    ['Phase', move.phase],
    ['Rows copied', Object.values(move.rowsCopied ?? {}).reduce((a, b) => a + b, 0)],
    ['Changes replayed', move.changesReplayed],
    ['Writes held', move.writesHeldMs === null ? '-' : `${move.writesHeldMs} ms`],
    ['Verified tables', move.verified ? move.verified.length : '-'],
    ['Error', move.error ?? '-'],
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
    .option('--shard <id>', 'the shard to place it on (default: the one with most room)')
    .option('--jurisdiction <name>', 'keep its data in this jurisdiction, e.g. eu')
    .action(
      action(async ({ options, args: [name], client }) => {
        const settings = parseSettings(options.set)
        const body = {
          name,
          ...(options.id && { id: options.id }),
          ...(options.shard && { shard: options.shard }),
          ...(options.jurisdiction && { jurisdiction: options.jurisdiction }),
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
          ['SHARD', (o) => o.placement?.shard],
          ['CREATED', (o) => o.createdAt],
        ]
        printTable(columns, answer.orgs ?? [], { empty: '(no orgs)' })
      }),
    )

  orgs
    .command('move')
    .description('move an org to another shard, online (operator key)')
    .argument('<id>', 'org id')
    .requiredOption('--shard <id>', 'the shard to move it to')
    .option('--wait', 'wait until the move is done or failed; exit 1 if it failed')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        let move = await api.post(`/orgs/${encodeURIComponent(id)}/move`, { shard: options.shard })
        while (options.wait && !['done', 'failed'].includes(move.phase)) {
          await new Promise((resolve) => setTimeout(resolve, 250))
          move = await api.get(`/orgs/${encodeURIComponent(id)}/move`)
        }
        if (options.json) printJson(move)
        else printMove(move)
        if (move.phase === 'failed') process.exitCode = 1
      }),
    )

  program
    .command('shards')
    .description('the shard databases, with their orgs, users and size (operator key)')
    .action(
      action(async ({ options, client }) => {
        const answer = await client().get('/shards')
        if (options.json) return printJson(answer)
        printTable(
          [
            ['ID', (s) => s.id],
            ['BINDING', (s) => s.binding],
            ['JURISDICTION', (s) => s.jurisdiction ?? '-'],
            ['ORGS', (s) => s.orgs],
            ['USERS', (s) => s.users],
            ['SIZE', (s) => `${(s.sizeBytes / 1024 ** 2).toFixed(1)} MB`],
            ['USED', (s) => `${(s.usedFraction * 100).toFixed(2)}%`],
          ],
          answer.data ?? [],
          { empty: '(no shards)' },
        )
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
