// /admin/v1: every route is a definition (define.ts) in orgs.ts, catalogue.ts, extensions.ts,
// shards.ts, keys.ts, oauth-clients.ts, directory.ts, activity.ts, console.ts, webhooks.ts or
// security-events.ts; this mounts the public ones first, the others behind admin auth and its
// rate limit, and serves their OpenAPI document.
import { Hono } from 'hono'
import { adminAuth } from '../../auth/admin'
import type { AppEnv } from '../../env'
import { adminLimit } from '../admin-limit'
import { handler, honoPath } from './define'
import { directoryRoutes } from './directory'
import { keyRoutes } from './keys'
import { oauthClientRoutes } from './oauth-clients'
import { openApiDocument } from './openapi'
import { orgRoutes } from './orgs'
import { webhookRoutes } from './webhooks'
import { securityEventRoutes } from './security-events'
import { activityRoutes } from './activity'
import { consoleRoutes } from './console'
import { catalogueRoutes } from './catalogue'
import { extensionRoutes } from './extensions'
import { shardRoutes } from './shards'

export const ADMIN_ROUTES = [
  ...orgRoutes,
  ...catalogueRoutes,
  ...extensionRoutes,
  ...shardRoutes,
  ...keyRoutes,
  ...oauthClientRoutes,
  ...directoryRoutes,
  ...activityRoutes,
  ...consoleRoutes,
  ...webhookRoutes,
  ...securityEventRoutes,
]

let document: ReturnType<typeof openApiDocument> | undefined

function mount(app: Hono<AppEnv>, routes: typeof ADMIN_ROUTES) {
  for (const r of routes) app.on(r.method.toUpperCase(), honoPath(r.path), handler(r))
  return app
}

const isPublic = (r: (typeof ADMIN_ROUTES)[number]) => r.access === 'public'

export const adminRoutes = mount(
  mount(
    new Hono<AppEnv>()
      /** The contract, public: no secret is in it. */
      .get('/openapi.json', (c) => {
        document ??= openApiDocument(ADMIN_ROUTES, '/admin/v1')
        return c.json(document)
      }),
    ADMIN_ROUTES.filter(isPublic),
  )
    .use('*', adminAuth())
    .use('*', adminLimit()),
  ADMIN_ROUTES.filter((r) => !isPublic(r)),
)
