// Storage round trips per request, reported in `X-IO-Trips: kv=1;d1=1;do=0;do_d1=0` so the
// benchmark (and operators) can see what each request costs: KV reads and D1 batches made by the
// request's session (auth/session.ts) or the operator's reader (admin API), OrgWriter RPC calls,
// and D1 batches made inside the writer.
import type { MiddlewareHandler } from 'hono'
import type { Session } from '../auth/session'
import type { AppEnv } from '../env'

/** The writer's share, counted by the routes that call it (the session counts the rest). */
export interface WriterTrips {
  do: number
  doD1: number
}

declare module 'hono' {
  interface ContextVariableMap {
    io: WriterTrips
  }
}

export function ioTrips(): MiddlewareHandler<AppEnv> {
  return async function reportIoTrips(c, next) {
    const writer: WriterTrips = { do: 0, doD1: 0 }
    c.set('io', writer)
    await next()
    // Absent when auth refused the request before a session existed.
    const session: Session | undefined = c.get('session')
    const kv = session?.kvReads ?? 0
    const d1 = (session?.trips ?? 0) + (c.get('operatorReader')?.trips ?? 0)
    c.res.headers.set('X-IO-Trips', `kv=${kv};d1=${d1};do=${writer.do};do_d1=${writer.doD1}`)
  }
}
