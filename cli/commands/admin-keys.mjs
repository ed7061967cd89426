// `admin-keys create|list|revoke`: an org's admin keys (operator key only).
import { orgPath } from '../client.mjs'
import { action, orgFor, withOrg } from '../context.mjs'
import { printMinted, printToken, printTokens } from './token-view.mjs'

export function register(program) {
  const keys = program.command('admin-keys').description("an org's admin keys (operator only)")

  withOrg(keys.command('create'))
    .description('mint an org admin key (its secret is printed once)')
    .requiredOption('--label <text>', 'what the key is for')
    .option('--expires <iso>', 'expiry time (ISO 8601, e.g. 2030-01-01T00:00:00Z)')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const body = {
          label: options.label,
          ...(options.expires && { expiresAt: options.expires }),
        }
        printMinted(await api.post(orgPath(org, '/admin-keys'), body), options)
      }),
    )

  withOrg(keys.command('list'))
    .description("list the org's admin keys")
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const answer = await api.get(orgPath(await orgFor(api, options), '/admin-keys'))
        printTokens(answer.keys ?? [], options, answer)
      }),
    )

  withOrg(keys.command('revoke'))
    .description('revoke an org admin key at once')
    .argument('<id>', 'key id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const path = orgPath(org, `/admin-keys/${encodeURIComponent(id)}`)
        printToken(await api.delete(path), options)
      }),
    )
}
