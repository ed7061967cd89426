// The OpenAPI 3.1 document of /admin/v1, generated (by @asteasolutions/zod-to-openapi) from the
// route definitions: the same zod schemas validate the requests and describe them here.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import type { AdminRoute } from './define'
import { pathParams } from './define'
import { errorBody } from './schemas'

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } })

const ACCESS: Record<AdminRoute['access'], string> = {
  operator: 'Operator key only.',
  org: "The operator key, or an admin key of this org (another org's key: 403).",
  any: 'Any admin credential.',
  public: 'No credential: the request carries its own proof.',
}

export function openApiDocument(
  routes: readonly AdminRoute<unknown, unknown>[],
  serverUrl: string,
) {
  const registry = new OpenAPIRegistry()
  registry.registerComponent('securitySchemes', 'adminKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator key (ADMIN_API_KEY) or an org admin key (`scimadm_…`).',
  })
  registry.registerComponent('securitySchemes', 'consoleSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'scimedge_session',
    description:
      'A console session (from a portal link). Unsafe methods also need the X-CSRF-Token header from GET /me.',
  })
  for (const r of routes) {
    const names = pathParams(r.path)
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      description: ACCESS[r.access],
      security: r.access === 'public' ? [] : [{ adminKey: [] }, { consoleSession: [] }],
      request: {
        ...(names.length > 0
          ? { params: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) }
          : {}),
        ...(r.query ? { query: r.query as z.ZodObject } : {}),
        ...(r.body ? { body: { required: true, ...json(r.body) } } : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(r.answers).map(([status, a]) => [
            status,
            { description: a.description, ...(a.schema ? json(a.schema) : {}) },
          ]),
        ),
        400: { description: 'The request is not valid', ...json(errorBody) },
        401: { description: 'No valid credential', ...json(errorBody) },
        ...(r.access === 'any' || r.access === 'public'
          ? {}
          : { 403: { description: 'Not yours', ...json(errorBody) } }),
        429: { description: 'Too many requests (Retry-After)', ...json(errorBody) },
      },
    })
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'scim-edge admin API',
      version: '1',
      description:
        'Orgs, credentials, settings, the directory and its events. JSON in and out; errors are {"error":{"status","message"}}.',
    },
    servers: [{ url: serverUrl }],
  })
}
