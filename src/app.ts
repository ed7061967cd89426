// createApp(): middleware, routes, and the one error handler. No business logic here.
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { bearerAuth } from './auth/bearer'
import type { AppEnv } from './env'
import { bodyLimit, MAX_BODY_BYTES } from './http/body'
import { activityLog } from './http/activity'
import { ioTrips } from './http/io-trips'
import { bulkRoutes } from './http/routes/bulk'
import { securityEventKeys } from './http/security-events'
import { readLimit } from './http/read-limit'
import { pageHeaders, requestLog, securityHeaders } from './http/request-log'
import { SCIM_PREFIX, onError, onNotFound } from './http/errors'
import { routedPath } from './http/scim-path'
import { consolePage } from './http/console'
import { adminRoutes } from './http/admin-api'
import { oauthRoutes } from './http/oauth'
import { discoveryRoutes } from './http/routes/discovery'
import { resourceRoutes } from './http/routes/resources'
import { searchRoutes } from './http/routes/search'
import { catalogueRoutes } from './http/routes/catalogue'

export function createApp() {
  const scim = new Hono<AppEnv>()
    .use('*', bodyLimit({ maxBytes: MAX_BODY_BYTES }))
    .use('*', ioTrips())
    .use('*', activityLog())
    .use('*', bearerAuth({ kind: 'scim' }))
    .use('*', readLimit())
    .route('/', discoveryRoutes)
    .route('/', searchRoutes)
    .route('/', bulkRoutes)
    .route('/Users', resourceRoutes('User'))
    .route('/Groups', resourceRoutes('Group'))
    .route('/', catalogueRoutes)

  const app = new Hono<AppEnv>({ getPath: routedPath })
    .use('*', requestId())
    .use('*', securityHeaders())
    .use('*', requestLog())
    .get('/healthz', (c) => c.json({ ok: true }))
    .route('/', securityEventKeys)
    .route('/', oauthRoutes)
    .route(SCIM_PREFIX, scim)
    .use('/admin/v1/*', pageHeaders())
    .use('/admin/v1/*', ioTrips())
    .use('/admin/v1/*', bodyLimit({ maxBytes: MAX_BODY_BYTES }))
    .route('/admin/v1', adminRoutes)
    .route('/admin', consolePage)

  app.onError(onError)
  app.notFound(onNotFound)
  return app
}
