// `events list|tail`: the org's change feed (an outbox ordered by seq).
import { orgPath } from '../client.mjs'
import { action, nonNegativeInt, orgFor, positiveInt, withOrg } from '../context.mjs'
import { printJson, printTable } from '../table.mjs'
import { EVENT_COLUMNS, eventsOf, matchesTypes, typeList } from './event-view.mjs'
import { tail } from './events-tail.mjs'

export function register(program) {
  const events = program.command('events').description("the org's change feed")

  withOrg(events.command('list'))
    .description('list events after a seq, oldest first')
    .option('--after <seq>', 'only events after this seq (default 0)', nonNegativeInt)
    .option('--limit <n>', 'events per page (max 1000)', positiveInt)
    .option('--types <a,b>', 'only these event types')
    .option('--all', 'follow next to the end of the feed')
    .action(
      action(async ({ options, client }) => {
        const api = client()
        const org = await orgFor(api, options)
        const types = typeList(options.types)
        const data = []
        let after = options.after ?? 0
        let next = after
        for (;;) {
          const query = { after, limit: options.limit, types: types.join(',') }
          const page = await api.get(orgPath(org, '/events'), query)
          const items = eventsOf(page)
          data.push(...items.filter(matchesTypes(types)))
          const last = items.length > 0 ? items[items.length - 1].seq : after
          next = Math.max(Number(page?.next ?? last), last)
          if (!options.all || items.length === 0 || next <= after) break
          after = next
        }
        if (options.json) return printJson({ data, next })
        printTable(EVENT_COLUMNS, data, { empty: '(no events)' })
        console.error(`(next: --after ${next})`)
      }),
    )

  withOrg(events.command('tail'))
    .description('print new events as they happen (Ctrl-C to stop)')
    .option('--interval <ms>', 'poll interval', positiveInt, 2000)
    .option('--types <a,b>', 'only these event types')
    .option('--after <seq>', 'start after this seq (default: the end of the feed)', nonNegativeInt)
    .option('--from-start', 'start at seq 0')
    .option('--max <n>', 'exit after printing n events', positiveInt)
    .option('--timeout <ms>', 'exit after this long', positiveInt)
    .action(
      action(async ({ options, client }) => {
        const api = client()
        await tail(api, await orgFor(api, options), options)
      }),
    )
}
