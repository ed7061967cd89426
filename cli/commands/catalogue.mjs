// `roles list|set` and `entitlements list|show|set|delete`: the org's role catalogue and its
// entitlement types — what its users may be granted, with the names Okta shows (/Roles, /<type>).
// Entries are `value=Display name` words, or a JSON file of [{value, displayName, description}].
import { readFileSync } from 'node:fs'
import { orgPath } from '../client.mjs'
import { UsageError, action, orgFor, withOrg } from '../context.mjs'
import { printJson, printTable } from '../table.mjs'

const ENTRY_COLUMNS = [
  ['VALUE', (e) => e.value],
  ['DISPLAY NAME', (e) => e.displayName],
  ['DESCRIPTION', (e) => e.description ?? ''],
]

/** `value` or `value=Display name` words (a bare value is named after itself), or --file. */
export function parseEntries(words, file) {
  if (file !== undefined) {
    if (words.length > 0) throw new UsageError('give entries as words or --file, not both')
    let parsed
    try {
      parsed = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'))
    } catch (error) {
      throw new UsageError(`${file}: ${error.message}`)
    }
    if (!Array.isArray(parsed)) throw new UsageError(`${file}: expected a JSON list of entries`)
    return parsed
  }
  return words.map((word) => {
    const eq = word.indexOf('=')
    if (eq === 0) throw new UsageError(`expected value or value=Display name, got "${word}"`)
    const value = eq < 0 ? word : word.slice(0, eq)
    return { value, displayName: eq < 0 ? word : word.slice(eq + 1) }
  })
}

const printEntries = (entries, options) =>
  options.json ? printJson(entries) : printTable(ENTRY_COLUMNS, entries, { empty: '(no values)' })

const withEntries = (command) =>
  command
    .argument('[entries...]', 'value or value=Display name')
    .option('--file <path>', 'a JSON list of {value, displayName, description} (- for stdin)')

export function register(program) {
  const roles = program.command('roles').description("the org's role catalogue (SCIM /Roles)")

  withOrg(roles.command('list'))
    .description('the roles users may hold, with their names')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const { data } = await api.get(orgPath(await orgFor(api, options), '/roles'))
        printEntries(data, options)
      }),
    )

  withEntries(withOrg(roles.command('set')))
    .description('replace the role catalogue (its values become the role values)')
    .action(
      action(async ({ args: [words], options, client }) => {
        const api = client()
        const entries = parseEntries(words, options.file)
        const org = await orgFor(api, options)
        const { data } = await api.put(orgPath(org, '/roles'), entries)
        printEntries(data, options)
      }),
    )

  const types = program
    .command('entitlements')
    .description("the org's entitlement types (each a SCIM endpoint /<type>)")

  withOrg(types.command('list'))
    .description('every entitlement type and how many values it has')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const { data } = await api.get(orgPath(await orgFor(api, options), '/entitlements'))
        if (options.json) return printJson(data)
        printTable(
          [
            ['TYPE', (t) => t.type],
            ['VALUES', (t) => t.values.length],
          ],
          data,
          { empty: '(no entitlement types)' },
        )
      }),
    )

  withOrg(types.command('show').argument('<type>'))
    .description("one type's values")
    .action(
      action(async ({ args: [type], options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const found = await api.get(orgPath(org, `/entitlements/${encodeURIComponent(type)}`))
        printEntries(found.values, options)
      }),
    )

  withEntries(withOrg(types.command('set').argument('<type>')))
    .description('create or replace an entitlement type')
    .action(
      action(async ({ args: [type, words], options, client }) => {
        const api = client()
        const entries = parseEntries(words, options.file)
        const org = await orgFor(api, options)
        const saved = await api.put(
          orgPath(org, `/entitlements/${encodeURIComponent(type)}`),
          entries,
        )
        printEntries(saved.values, options)
      }),
    )

  withOrg(types.command('delete').argument('<type>'))
    .description('remove an entitlement type (grants users hold are kept as stored)')
    .action(
      action(async ({ args: [type], options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        await api.delete(orgPath(org, `/entitlements/${encodeURIComponent(type)}`))
        if (!options.json) console.log(`Removed entitlement type ${type}.`)
      }),
    )
}
