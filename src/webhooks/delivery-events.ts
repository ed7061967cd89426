// Deliveries live in the control database; the events they carry live in each org's shard. The
// delivery rows are read first, then each org's events by seq, one round trip per org (routed and
// probed like any org read, so an org that moved is read where it is now).
import type { Bindings } from '../env'
import { OrgRoute } from '../placement/route'
import { database } from '../repo/db'
import { selectEventsBySeq } from '../repo/events'
import { GuardedReader } from '../repo/guarded-reader'
import type { AttemptRow } from '../repo/webhook-deliveries'

export async function withEvents(env: Bindings, rows: AttemptRow[]): Promise<AttemptRow[]> {
  const byOrg = new Map<string, number[]>()
  for (const row of rows) {
    if (row.orgId === null || row.eventSeq === null || row.payload !== null) continue
    byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row.eventSeq])
  }
  const found = new Map<string, Awaited<ReturnType<typeof eventsOf>>[number]>()
  await Promise.all(
    [...byOrg].map(async ([orgId, seqs]) => {
      for (const event of await eventsOf(env, orgId, seqs))
        found.set(`${orgId}\n${event.seq}`, event)
    }),
  )
  return rows.map((row) => {
    const event = found.get(`${row.orgId}\n${row.eventSeq}`)
    if (!event) return row
    return {
      ...row,
      eventCreatedAt: event.createdAt,
      eventActor: event.actor,
      eventTokenId: event.tokenId,
      eventData: event.data,
      eventPrevious: event.previous,
    }
  })
}

async function eventsOf(env: Bindings, orgId: string, seqs: number[]) {
  const reader = new GuardedReader(database(env.DB), {
    now: new Date().toISOString(),
    route: new OrgRoute(env, orgId),
  })
  const [events] = await reader.read(selectEventsBySeq(reader.db, orgId, [...new Set(seqs)]))
  return events
}
