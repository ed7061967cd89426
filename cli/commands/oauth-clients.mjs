// `oauth-clients list|create|delete`: an org's OAuth clients — SCIM clients that get short-lived
// access tokens at /oauth/token by signing a JWT with one of their keys (private_key_jwt).
import { readFileSync } from 'node:fs'
import { orgPath } from '../client.mjs'
import { UsageError, action, orgFor, withOrg } from '../context.mjs'
import { printFields, printJson, printTable } from '../table.mjs'

const clientPath = (org, id) => orgPath(org, `/oauth-clients/${encodeURIComponent(id)}`)

/** Where a client's keys are: its jwksUri, or the kids (or kty) of its inline keys. */
const keysOf = (c) => c.jwksUri ?? (c.keys ?? []).map((k) => k.kid ?? k.kty)

function readJwks(path) {
  let text
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error.code ?? error.message}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new UsageError(`${path} is not JSON (a JWK Set: {"keys": [...]})`)
  }
}

export function register(program) {
  const clients = program
    .command('oauth-clients')
    .description("an org's OAuth clients (client_credentials with private_key_jwt)")

  withOrg(clients.command('list'))
    .description("list the org's OAuth clients")
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const answer = await api.get(orgPath(await orgFor(api, options), '/oauth-clients'))
        if (options.json) return printJson(answer)
        const columns = [
          ['CLIENT ID', (c) => c.clientId],
          ['NAME', (c) => c.name],
          ['KEYS', keysOf],
          ['CREATED', (c) => c.createdAt],
        ]
        printTable(columns, answer.data ?? [], { empty: '(no OAuth clients)' })
      }),
    )

  withOrg(clients.command('create'))
    .description('register a client with its public keys: a JWKS file or an https JWKS URI')
    .requiredOption('--name <text>', 'what the client is (e.g. the IdP)')
    .option('--jwks-file <path>', 'a JSON file holding the public JWK Set')
    .option('--jwks-uri <url>', 'an https URL serving the JWK Set')
    .action(
      action(async ({ options, client }) => {
        if (Boolean(options.jwksFile) === Boolean(options.jwksUri)) {
          throw new UsageError('give exactly one of --jwks-file and --jwks-uri')
        }
        const body = {
          name: options.name,
          ...(options.jwksFile ? { jwks: readJwks(options.jwksFile) } : {}),
          ...(options.jwksUri ? { jwksUri: options.jwksUri } : {}),
        }
        const api = client()
        const created = await api.post(orgPath(await orgFor(api, options), '/oauth-clients'), body)
        if (options.json) return printJson(created)
        printFields([
          ['Client ID', created.clientId],
          ['Name', created.name],
          ['Keys', keysOf(created)],
          ['Token endpoint', `${api.origin}/oauth/token`],
          ['Created', created.createdAt],
        ])
      }),
    )

  withOrg(clients.command('delete'))
    .description('delete a client; its access tokens stop working at once')
    .argument('<clientId>', 'client id')
    .action(
      action(async ({ options, args: [id], client }) => {
        const api = client()
        await api.delete(clientPath(await orgFor(api, options), id))
        if (options.json) return printJson({ clientId: id, deleted: true })
        console.log(`Deleted OAuth client ${id}.`)
      }),
    )
}
