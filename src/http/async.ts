// Asynchronous requests: `Prefer: respond-async` (RFC 7240) on POST /Bulk and on a group PATCH.
// The request is checked first (a malformed one, or a revoked credential, is answered at once);
// then 202 with no body, `Set-Txn` (the transaction id) and `Preference-Applied`, and the request
// runs on after the response. Its answer — status and body — becomes a `request.completed` event,
// delivered as the `misc:asyncresp` security event whose `txn` is the Set-Txn (RFC 9967).
import { writerOf } from '../do/client'
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { scimErrorBody, toScimError } from './errors'

/** Whether the client asked for an asynchronous answer. */
export const wantsAsync = (c: Context<AppEnv>) =>
  (c.req.header('Prefer') ?? '')
    .split(',')
    .some((p) => p.split(';')[0].trim().toLowerCase() === 'respond-async')

export async function respondAsync(
  c: Context<AppEnv>,
  method: string,
  path: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const session = c.get('session')
  await session.read() // the credential's D1 guard, before anything is promised
  const { orgId } = session.caller
  const txn = crypto.randomUUID()
  c.executionCtx.waitUntil(
    (async () => {
      let status: number
      let response: unknown = null
      try {
        const res = await run()
        status = res.status
        if (res.status !== 204) response = await res.json()
      } catch (error) {
        const scim = toScimError(error)
        status = scim.status
        response = scimErrorBody(scim)
      }
      // Recorded by the deployment itself, so a token revoked meanwhile cannot lose the outcome.
      const recorded = await (
        await writerOf(c.env, orgId)
      ).recordAsyncOutcome(orgId, { operator: true }, { txn, method, path, status, response })
      if (!recorded.ok) throw new Error(recorded.error.detail)
    })().catch((error: unknown) =>
      console.error(
        JSON.stringify({ msg: 'async request outcome not recorded', txn, error: String(error) }),
      ),
    ),
  )
  return new Response(null, {
    status: 202,
    headers: { 'Set-Txn': txn, 'Preference-Applied': 'respond-async' },
  })
}
