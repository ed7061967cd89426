// Stored resources to responses (scim/links.ts renders and projects) and the ETag header (§3.14).
import type { StoredResource } from '../repo/resources'
import { formatEtag } from '../scim/etag'
import { renderWithLinks } from '../scim/links'
import type { ProjectionOptions } from '../scim/resource'
import type { ResourceSchema } from '../scim/schema'

export function renderStored(
  stored: StoredResource,
  schema: ResourceSchema,
  baseUrl: string,
  projection: ProjectionOptions,
) {
  const input = {
    resourceSchema: schema,
    id: stored.id,
    data: stored.data,
    created: stored.createdAt,
    lastModified: stored.updatedAt,
    version: stored.version,
    baseUrl,
  }
  return renderWithLinks(input, stored.links, projection)
}

export const etagOf = (stored: StoredResource) => formatEtag(stored.version)
