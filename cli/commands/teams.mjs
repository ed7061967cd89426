// `teams list|create|delete`: the org's teams (IdP groups and app-owned teams).
import { orgPath } from '../client.mjs'
import { action, fetchList, hintNext, orgFor, withOrg, withPaging } from '../context.mjs'
import { printFields, printJson, printTable } from '../table.mjs'

const teamPath = (org, id) => orgPath(org, `/teams/${encodeURIComponent(id)}`)

export function register(program) {
  const teams = program.command('teams').description("the org's teams")

  withPaging(withOrg(teams.command('list')))
    .description('list teams')
    .option('--name <name>', 'with this name')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const page = await fetchList(api, orgPath(org, '/teams'), { name: options.name }, options)
        if (options.json) return printJson(page)
        const columns = [
          ['ID', (t) => t.id],
          ['NAME', (t) => t.name],
          ['SOURCE', (t) => t.source],
          ['MEMBERS', (t) => t.memberCount],
          ['EXTERNAL ID', (t) => t.externalId],
        ]
        printTable(columns, page.data, { empty: '(no teams)' })
        hintNext(page.next)
      }),
    )

  withOrg(teams.command('create'))
    .description('create an app-owned team')
    .argument('<name>', 'team name')
    .action(
      action(async ({ options, args: [name], client }) => {
        const api = client()
        const team = await api.post(orgPath(await orgFor(api, options), '/teams'), { name })
        if (options.json) return printJson(team)
        printFields([
          ['ID', team.id],
          ['Name', team.name],
          ['Source', team.source],
          ['Members', team.memberCount],
          ['Created', team.createdAt],
        ])
      }),
    )

  withOrg(teams.command('delete'))
    .description('delete an app-owned team (IdP groups are deleted by the IdP)')
    .argument('<id>', 'team id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        await api.delete(teamPath(await orgFor(api, options), id))
        if (options.json) return printJson({ id, deleted: true })
        console.log(`Deleted team ${id}.`)
      }),
    )
}
