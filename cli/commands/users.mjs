// `users list|get`: the org's directory users (read-only; SCIM writes them).
import { orgPath } from '../client.mjs'
import {
  UsageError,
  action,
  fetchList,
  hintNext,
  orgFor,
  withOrg,
  withPaging,
} from '../context.mjs'
import { printFields, printJson, printTable } from '../table.mjs'

const teamNames = (u) => (u.teams ?? []).map((t) => t.name ?? t.id)
const nameOf = (u) =>
  u.displayName ??
  u.name?.formatted ??
  ([u.name?.givenName, u.name?.familyName].filter(Boolean).join(' ') || null)

function activeFlag(text) {
  if (text === undefined) return undefined
  if (!['true', 'false'].includes(text))
    throw new UsageError(`--active must be true or false, got "${text}"`)
  return text
}

export function register(program) {
  const users = program.command('users').description("the org's users")

  withPaging(withOrg(users.command('list')))
    .description('list users (filters combine)')
    .option('--email <email>', 'with this email')
    .option('--external-id <id>', "with this IdP's externalId")
    .option('--active <bool>', 'true or false')
    .option('--team <id>', 'members of this team')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const query = {
          email: options.email,
          externalId: options.externalId,
          active: activeFlag(options.active),
          teamId: options.team,
        }
        const page = await fetchList(api, orgPath(org, '/users'), query, options)
        if (options.json) return printJson(page)
        const columns = [
          ['ID', (u) => u.id],
          ['USERNAME', (u) => u.userName],
          ['EMAIL', (u) => u.email],
          ['ACTIVE', (u) => (u.active === false ? 'no' : 'yes')],
          ['NAME', nameOf],
          ['ROLE', (u) => u.role],
          ['TEAMS', teamNames],
        ]
        printTable(columns, page.data, { empty: '(no users)' })
        hintNext(page.next)
      }),
    )

  withOrg(users.command('get'))
    .description('show one user')
    .argument('<id>', 'user id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const user = await api.get(orgPath(org, `/users/${encodeURIComponent(id)}`))
        if (options.json) return printJson(user)
        printFields([
          ['ID', user.id],
          ['userName', user.userName],
          ['Name', nameOf(user)],
          ['Email', user.email],
          ['External ID', user.externalId],
          ['Active', user.active === false ? 'no' : 'yes'],
          ['Role', user.role],
          ['Roles', user.roles],
          ['Teams', (user.teams ?? []).map((t) => `${t.name} (${t.id})`)],
          ...(user.enterprise ? [['Enterprise', user.enterprise]] : []),
          ['Created', user.createdAt],
          ['Updated', user.updatedAt],
          ['Version', user.version],
        ])
      }),
    )
}
