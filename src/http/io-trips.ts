// Storage round trips per request, reported in `X-IO-Trips: kv=1;d1=1;do=0;do_d1=0` so the
// benchmark (and operators) can see what each request costs: KV reads, D1 batches made by the
// request itself, OrgWriter RPC calls, and D1 batches made inside the writer for it.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'

export interface IoTrips {
  kv: number
  d1: number
  do: number
  doD1: number
}

export const newIoTrips = (): IoTrips => ({ kv: 0, d1: 0, do: 0, doD1: 0 })

export const formatIoTrips = (t: IoTrips) => `kv=${t.kv};d1=${t.d1};do=${t.do};do_d1=${t.doD1}`

export function ioTrips(): MiddlewareHandler<AppEnv> {
  return async function reportIoTrips(c, next) {
    const trips = newIoTrips()
    c.set('io', trips)
    await next()
    c.res.headers.set('X-IO-Trips', formatIoTrips(trips))
  }
}
