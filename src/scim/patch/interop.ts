// Pure: no I/O. What the interop profile (draft-zollner-scim-interop-profile-02) refuses in a PATCH
// that the lenient profile tolerates for IdPs (docs/compat.md, profiles):
//   - an operation without `path` (Okta's `{"op":"replace","value":{"active":false}}`): 400 invalidSyntax;
//   - an add or replace whose value-filtered path names no sub-attribute (`emails[type eq "work"]`
//     instead of `emails[type eq "work"].value`): 400 invalidPath — a remove by filter keeps the
//     RFC's own form (§3.5.2.2, `members[value eq "…"]`);
//   - a value filter that matches more than one element: 400 invalidFilter.
import { invalidFilter, invalidPath, invalidSyntax } from '../errors'
import { listOf } from './elements'
import { isPlainObject, type JsonObject } from './json'
import type { Target } from './target'
import type { PatchOperation } from './types'
import { elementMatches } from './value-filter'

export function checkInteropOperation(op: PatchOperation): void {
  if (!op.path) {
    throw invalidSyntax(
      `"${op.op}" without a path is refused by this organization's interop profile.`,
    )
  }
}

export function checkInteropTarget(resource: JsonObject, op: PatchOperation, target: Target): void {
  if (target.kind !== 'attribute' || !target.filter) return
  const label = target.attribute.name
  if (op.op !== 'remove' && !op.path?.sub) {
    throw invalidPath(
      `"${label}[…]" must name a sub-attribute (e.g. ${label}[…].value) under this organization's interop profile.`,
    )
  }
  const container = target.urn === undefined ? resource : resource[target.urn]
  if (!isPlainObject(container)) return
  const filter = target.filter
  const matches = listOf(container, target.attribute).filter((e) =>
    elementMatches(filter, e, target.attribute),
  )
  if (matches.length > 1) {
    throw invalidFilter(
      `The filter on "${label}" matches ${matches.length} elements; the interop profile needs exactly one.`,
    )
  }
}
