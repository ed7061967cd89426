// What OrgWriter RPC methods return: plain data, because class instances (ScimError) do not
// survive structured clone across the Durable Object boundary.
import type { D1Rows } from '../repo/db'
import type { ScimErrorData } from '../scim/errors'

/**
 * `trips`: D1 round trips the writer made for this call (X-IO-Trips); `rows`: the D1 rows they
 * read and wrote (X-D1-Rows).
 */
export type RpcResult<T> = ({ ok: true; value: T } | { ok: false; error: ScimErrorData }) & {
  trips?: number
  rows?: D1Rows
  /** Which of the writer's D1 batches committed the write (writes sharing one count it once). */
  batch?: number
}

export const ok = <T>(value: T): RpcResult<T> => ({ ok: true, value })
export const fail = (error: ScimErrorData): RpcResult<never> => ({ ok: false, error })
