// What OrgWriter RPC methods return: plain data, because class instances (ScimError) do not
// survive structured clone across the Durable Object boundary.
import type { ScimErrorData } from '../scim/errors'

/** `trips`: D1 round trips the writer made for this call (reported in X-IO-Trips). */
export type RpcResult<T> = ({ ok: true; value: T } | { ok: false; error: ScimErrorData }) & {
  trips?: number
}

export const ok = <T>(value: T): RpcResult<T> => ({ ok: true, value })
export const fail = (error: ScimErrorData): RpcResult<never> => ({ ok: false, error })
