// Stored resources to responses: full representation (RFC 7643 §3), derived `groups`/`members`
// with `$ref`, projection (RFC 7644 §3.4.2.5) and the ETag header (§3.14).
import type { StoredResource } from '../repo/resources'
import { formatEtag } from '../scim/etag'
import { projectResource, renderResource, resourceLocation } from '../scim/resource'
import { groupResourceSchema, type ResourceSchema } from '../scim/schema'
import type { Projection } from './query'

type Json = Record<string, unknown>

const GROUP_SCHEMA = groupResourceSchema()

/** The attribute a resource type derives from membership rows. */
export const linkAttribute = (kind: 'User' | 'Group') => (kind === 'User' ? 'groups' : 'members')

/** Whether the response will show the membership attribute (else never load it). */
export function wantsLinks(kind: 'User' | 'Group', projection: Projection): boolean {
  const name = linkAttribute(kind).toLowerCase()
  const mentions = (list: string[]) =>
    list.some((a) => {
      const last = a.toLowerCase().split(':').pop() ?? ''
      return last === name || last.startsWith(`${name}.`)
    })
  if (projection.attributes.length > 0) return mentions(projection.attributes)
  return !mentions(projection.excludedAttributes)
}

export function renderStored(
  stored: StoredResource,
  schema: ResourceSchema,
  baseUrl: string,
  projection: Projection,
): Json {
  const resource = renderResource({
    resourceSchema: schema,
    id: stored.id,
    data: stored.data,
    created: stored.createdAt,
    lastModified: stored.updatedAt,
    version: stored.version,
    baseUrl,
  })
  if (stored.links && stored.links.length > 0) {
    const isUser = schema.name === 'User'
    const target = isUser ? GROUP_SCHEMA : { ...schema, endpoint: '/Users' as const }
    const links = stored.links.map((l) => ({
      value: l.value,
      display: l.display,
      $ref: resourceLocation(baseUrl, target, l.value),
      type: isUser ? 'direct' : 'User',
    }))
    const { meta, ...rest } = resource
    return projectResource(
      { ...rest, [linkAttribute(schema.name)]: links, meta },
      schema,
      projection,
    )
  }
  return projectResource(resource, schema, projection)
}

export const etagOf = (stored: StoredResource) => formatEtag(stored.version)
