// Pure: no I/O. The membership attribute each resource type derives from membership rows — a
// User's `groups` (RFC 7643 §4.1.2, readOnly) and a Group's `members` (§4.2) — rendered with
// `$ref` and `type`, and whether a response will show it at all (so it is never loaded for nothing).
import {
  projectResource,
  renderResource,
  resourceLocation,
  type ProjectionOptions,
  type RenderInput,
} from './resource'
import { groupResourceSchema, type ResourceSchema } from './schema'

type Json = Record<string, unknown>

/** One membership as stored: the other side's id and its display name. */
export interface Link {
  value: string
  display: string
}

const GROUP_SCHEMA = groupResourceSchema()

/** The attribute a resource type derives from membership rows. */
export const linkAttribute = (kind: ResourceSchema['name']) =>
  kind === 'User' ? 'groups' : 'members'

/** Whether the response will show the membership attribute (§3.4.2.5 attributes/excluded). */
export function wantsLinks(kind: ResourceSchema['name'], projection: ProjectionOptions): boolean {
  const name = linkAttribute(kind).toLowerCase()
  const mentions = (list: readonly string[]) =>
    list.some((a) => {
      const last = a.toLowerCase().split(':').pop() ?? ''
      return last === name || last.startsWith(`${name}.`)
    })
  const attributes = projection.attributes ?? []
  if (attributes.length > 0) return mentions(attributes)
  return !mentions(projection.excludedAttributes ?? [])
}

/**
 * The full representation with its membership attribute (when loaded and not empty), projected.
 * A user's groups are `direct` (no nesting here); a group's members are `User`s.
 */
export function renderWithLinks(
  input: RenderInput,
  links: readonly Link[] | undefined,
  projection: ProjectionOptions,
): Json {
  const schema = input.resourceSchema
  const resource = renderResource(input)
  if (!links || links.length === 0) return projectResource(resource, schema, projection)
  const isUser = schema.name === 'User'
  const target = isUser ? GROUP_SCHEMA : { ...schema, endpoint: '/Users' as const }
  const rendered = links.map((l) => ({
    value: l.value,
    display: l.display,
    $ref: resourceLocation(input.baseUrl, target, l.value),
    type: isUser ? 'direct' : 'User',
  }))
  const { meta, ...rest } = resource
  return projectResource(
    { ...rest, [linkAttribute(schema.name)]: rendered, meta },
    schema,
    projection,
  )
}
