// The admin API's OpenAPI 3.1 document is generated from the route definitions that also mount
// the routes (src/http/admin-api): every route Hono serves under /admin/v1 is in it, and it is a
// valid OpenAPI 3.1 document (checked with @seriousme/openapi-schema-validator).
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { ADMIN_ROUTES, adminRoutes } from '../../../src/http/admin-api'
import { openApiDocument } from '../../../src/http/admin-api/openapi'

const doc = openApiDocument(ADMIN_ROUTES, '/admin/v1') as unknown as {
  openapi: string
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

/** `/orgs/:orgId/users` → `/orgs/{orgId}/users` */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

describe('GET /admin/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
  })

  const served = adminRoutes.routes
    .filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')
    .map((r) => [r.method.toLowerCase(), openApiPath(r.path)] as const)

  it('the app serves every defined route', () => {
    expect(served.length).toBe(ADMIN_ROUTES.length)
  })

  it.each(served)('%s %s is documented', (method, path) => {
    expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined()
  })

  it('names the shapes clients code against', () => {
    for (const name of [
      'User',
      'Team',
      'TeamMember',
      'Event',
      'Org',
      'Settings',
      'Token',
      'Error',
    ]) {
      expect(doc.components.schemas, name).toHaveProperty(name)
    }
  })

  it('documents query parameters and bodies from the validating schemas', () => {
    const users = doc.paths['/orgs/{orgId}/users'].get as { parameters: { name: string }[] }
    expect(users.parameters.map((p) => p.name).sort()).toEqual(
      ['active', 'after', 'email', 'externalId', 'limit', 'orgId', 'q', 'role', 'teamId'].sort(),
    )
    const create = doc.paths['/orgs/{orgId}/teams'].post as { requestBody: unknown }
    expect(JSON.stringify(create.requestBody)).toContain('"name"')
  })
})
