// `tokens create|list|rotate|revoke`: an org's SCIM bearer tokens.
import { orgPath } from '../client.mjs'
import { action, nonNegativeInt, orgFor, withOrg } from '../context.mjs'
import { printMinted, printToken, printTokens } from './token-view.mjs'

const tokenPath = (org, id, rest = '') => orgPath(org, `/tokens/${encodeURIComponent(id)}${rest}`)

export function register(program) {
  const tokens = program.command('tokens').description("an org's SCIM tokens")

  withOrg(tokens.command('create'))
    .description('mint a SCIM token (its secret is printed once)')
    .requiredOption('--label <text>', 'what the token is for (e.g. the IdP)')
    .option('--expires <iso>', 'expiry time (ISO 8601, e.g. 2030-01-01T00:00:00Z)')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const body = {
          label: options.label,
          ...(options.expires && { expiresAt: options.expires }),
        }
        printMinted(await api.post(orgPath(org, '/tokens'), body), options)
      }),
    )

  withOrg(tokens.command('list'))
    .description("list the org's SCIM tokens")
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const answer = await api.get(orgPath(await orgFor(api, options), '/tokens'))
        printTokens(answer.tokens ?? [], options, answer)
      }),
    )

  withOrg(tokens.command('rotate'))
    .description('mint a successor; the old token keeps working for the overlap')
    .argument('<id>', 'token id')
    .option(
      '--overlap <seconds>',
      'how long the old token keeps working (default 86400)',
      nonNegativeInt,
    )
    .option('--label <text>', "the new token's label (default: the old one's)")
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const body = {
          ...(options.overlap !== undefined && { overlapSeconds: options.overlap }),
          ...(options.label && { label: options.label }),
        }
        printMinted(await api.post(tokenPath(org, id, '/rotate'), body), options)
      }),
    )

  withOrg(tokens.command('revoke'))
    .description('revoke a SCIM token at once')
    .argument('<id>', 'token id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        printToken(await api.delete(tokenPath(await orgFor(api, options), id)), options)
      }),
    )
}
