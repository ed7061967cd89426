// `settings get|set`: an org's settings; `key=value` arguments typed the way the server wants them.
import { orgPath } from '../client.mjs'
import { UsageError, action, orgFor, withOrg } from '../context.mjs'
import { printFields, printJson } from '../table.mjs'

const NUMERIC = [
  'readsPerSecond',
  'writesPerSecond',
  'maxReadsPerSecond',
  'maxWritesPerSecond',
  'eventRetentionDays',
]
const LISTS = ['roleValues']
const NULLABLE = ['defaultTeamId']
const ORDER = ['defaultTeamId', 'groupPolicy', 'roleSchema', 'roleValues', ...NUMERIC]

/**
 * `key=value` words to a settings patch: integers for the rates, comma lists for roleValues,
 * `none` (or `null`) for an empty defaultTeamId; any other key goes as a string (the server names
 * keys it does not know).
 */
export function parseSettings(words) {
  const patch = {}
  for (const word of words) {
    const eq = word.indexOf('=')
    if (eq < 1) throw new UsageError(`expected key=value, got "${word}"`)
    const key = word.slice(0, eq).trim()
    const value = word.slice(eq + 1).trim()
    if (NUMERIC.includes(key)) {
      if (!/^\d+$/.test(value))
        throw new UsageError(`${key} must be a whole number, got "${value}"`)
      patch[key] = Number(value)
    } else if (LISTS.includes(key)) {
      patch[key] = value === '' ? [] : value.split(',').map((v) => v.trim())
    } else if (NULLABLE.includes(key) && ['none', 'null', ''].includes(value)) {
      patch[key] = null
    } else {
      patch[key] = value
    }
  }
  return patch
}

/** Settings as label/value lines, known keys first. */
export function settingsFields(settings) {
  const keys = [
    ...ORDER.filter((k) => k in settings),
    ...Object.keys(settings).filter((k) => !ORDER.includes(k)),
  ]
  return keys.map((k) => [k, settings[k]])
}

const printSettings = (settings, options) =>
  options.json ? printJson(settings) : printFields(settingsFields(settings))

export function register(program) {
  const settings = program.command('settings').description("an org's settings")

  withOrg(settings.command('get'))
    .description("show the org's settings")
    .action(
      action(async ({ options, client }) => {
        const api = client()
        printSettings(await api.get(orgPath(await orgFor(api, options), '/settings')), options)
      }),
    )

  withOrg(settings.command('set'))
    .description('change settings: key=value … (e.g. groupPolicy=link-only roleValues=a,b,c)')
    .argument('<key=value...>', `settings to change (${ORDER.join(', ')})`)
    .addHelpText(
      'after',
      '\nRates are integers, roleValues a comma list, defaultTeamId=none clears the default team.',
    )
    .action(
      action(async ({ options, args: [words], client }) => {
        const patch = parseSettings(words)
        const api = client()
        const org = await orgFor(api, options)
        printSettings(await api.patch(orgPath(org, '/settings'), patch), options)
      }),
    )
}
