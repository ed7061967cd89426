// SCIM responses: always application/scim+json (RFC 7644 §3.1), Location on create, ETag when versioned.
import type { Context } from 'hono'

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

export function scimJson(
  c: Context,
  body: unknown,
  status = 200,
  headers?: Record<string, string>,
) {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, ...headers },
  })
  return res
}
