// Storage round trips per request, reported in `X-IO-Trips: kv=1;d1=1;do=0;do_d1=0` so the
// benchmark (and operators) can see what each request costs: KV reads and D1 batches made by the
// request's session (auth/session.ts) or the operator's reader (admin API), OrgWriter RPC calls,
// and D1 batches made inside the writer.
//
// `X-D1-Rows: read=3;written=0` is what D1 bills for the request: rows read and written by every
// batch the request made (metered in repo/db.ts) plus what the writer reports for its calls.
import type { MiddlewareHandler } from 'hono'
import type { Session } from '../auth/session'
import type { AppEnv } from '../env'
import { meterRows, type D1Rows } from '../repo/db'

/** The writer's share, counted by the routes that call it (the session counts the rest). */
export interface WriterTrips {
  do: number
  doD1: number
  /** D1 rows the writer read and wrote for this request. */
  rows: D1Rows
}

declare module 'hono' {
  interface ContextVariableMap {
    io: WriterTrips
  }
}

export function ioTrips(): MiddlewareHandler<AppEnv> {
  return async function reportIoTrips(c, next) {
    const writer: WriterTrips = { do: 0, doD1: 0, rows: { read: 0, written: 0 } }
    const rows: D1Rows = { read: 0, written: 0 }
    c.set('io', writer)
    await meterRows(rows, next)
    // Absent when auth refused the request before a session existed.
    const session: Session | undefined = c.get('session')
    const kv = session?.kvReads ?? 0
    const d1 = (session?.trips ?? 0) + (c.get('operatorReader')?.trips ?? 0)
    c.res.headers.set('X-IO-Trips', `kv=${kv};d1=${d1};do=${writer.do};do_d1=${writer.doD1}`)
    const read = rows.read + writer.rows.read
    c.res.headers.set('X-D1-Rows', `read=${read};written=${rows.written + writer.rows.written}`)
  }
}
