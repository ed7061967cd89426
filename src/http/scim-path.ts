// The path a request is routed by. Under /scim/v2 the endpoint names are matched in any case and
// a trailing slash is dropped: Microsoft's SCIM validator requests `/users`, `/groups` and
// `/Users/?filter=…` (IDP-COMPAT: Transport; test/integration/idp-compat/transport.test.ts).
// Resource ids, and everything outside /scim/v2, stay exactly as sent.
import { getPath } from 'hono/utils/url'
import { SCIM_PREFIX } from './errors'

/** The endpoints of RFC 7644 §3.2 (and /.search, §3.4.3; /Roles, scim/catalogue) in their canonical spelling. */
const ENDPOINTS = [
  'Users',
  'Groups',
  'Roles',
  'Schemas',
  'ResourceTypes',
  'ServiceProviderConfig',
  'Bulk',
  '.search',
]
const BY_FOLDED = new Map(ENDPOINTS.map((e) => [e.toLowerCase(), e]))

export function canonicalScimPath(path: string): string {
  if (!path.startsWith(`${SCIM_PREFIX}/`)) return path
  const segments = path
    .slice(SCIM_PREFIX.length + 1)
    .replace(/\/+$/, '')
    .split('/')
  segments[0] = BY_FOLDED.get(segments[0].toLowerCase()) ?? segments[0]
  return [SCIM_PREFIX, ...segments].join('/')
}

/** Hono's `getPath` option: the default path, then canonicalScimPath. */
export const routedPath = (request: Request) => canonicalScimPath(getPath(request))
