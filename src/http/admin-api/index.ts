// /admin/v1: every route is a definition (define.ts) in orgs.ts, keys.ts, directory.ts or
// webhooks.ts; this mounts them behind admin auth and its rate limit, and serves their OpenAPI
// document.
import { Hono } from 'hono'
import { adminAuth } from '../../auth/admin'
import type { AppEnv } from '../../env'
import { adminLimit } from '../admin-limit'
import { handler, honoPath } from './define'
import { directoryRoutes } from './directory'
import { keyRoutes } from './keys'
import { openApiDocument } from './openapi'
import { orgRoutes } from './orgs'
import { webhookRoutes } from './webhooks'
import { activityRoutes } from './activity'

export const ADMIN_ROUTES = [
  ...orgRoutes,
  ...keyRoutes,
  ...directoryRoutes,
  ...activityRoutes,
  ...webhookRoutes,
]

let document: ReturnType<typeof openApiDocument> | undefined

function mount(app: Hono<AppEnv>) {
  for (const r of ADMIN_ROUTES) app.on(r.method.toUpperCase(), honoPath(r.path), handler(r))
  return app
}

export const adminRoutes = mount(
  new Hono<AppEnv>()
    /** The contract, public: no secret is in it. */
    .get('/openapi.json', (c) => {
      document ??= openApiDocument(ADMIN_ROUTES, '/admin/v1')
      return c.json(document)
    })
    .use('*', adminAuth())
    .use('*', adminLimit()),
)
