// Absolute URLs for `meta.location` and `Location`: the origin the client used plus /scim/v2.
import type { Context } from 'hono'
import { SCIM_PREFIX } from './errors'

export function scimBaseUrl(c: Context): string {
  return new URL(c.req.url).origin + SCIM_PREFIX
}
