// Pure: builds a request body from a fixture, expanding `$generate` directives and placeholders.
//   {"$generate": {"count": 1000, "template": {"value": "u${i}"}}}           i = 1..count
//   {"$generate": {"each": "ids", "from": 0, "to": 500, "template": {"value": "${item}"}}}
// `each` walks a list variable (optionally the slice [from, to)); `${item}` is the element and
// `${i}` its 1-based position in the walk. Inside an array the generated elements are spliced in
// place, so one Operations list can mix generated and hand-written operations; anywhere else the
// directive becomes an array. Everything else goes through `substitute`.
import { getPath } from './paths'
import { substitute, type Scope } from './template'

interface GenerateSpec {
  count?: number
  each?: string
  from?: number
  to?: number
  template: unknown
}

function isDirective(value: unknown): value is { $generate: GenerateSpec } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    '$generate' in value
  )
}

function expand(spec: GenerateSpec, scope: Scope): unknown[] {
  let items: unknown[]
  if (spec.each !== undefined) {
    const list = getPath(scope, spec.each)
    if (!Array.isArray(list)) throw new Error(`$generate.each: ${spec.each} is not a list variable`)
    items = list.slice(spec.from ?? 0, spec.to ?? list.length)
  } else if (typeof spec.count === 'number') {
    items = Array.from({ length: spec.count }, (_, k) => k + 1)
  } else {
    throw new Error('$generate needs "count" or "each"')
  }
  return items.map((item, k) => build(spec.template, { ...scope, item, i: k + 1 }))
}

export function build(value: unknown, scope: Scope): unknown {
  if (isDirective(value)) return expand(value.$generate, scope)
  if (Array.isArray(value)) {
    return value.flatMap((element) =>
      isDirective(element) ? expand(element.$generate, scope) : [build(element, scope)],
    )
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      out[substitute(key, scope) as string] = build(v, scope)
    }
    return out
  }
  return substitute(value, scope)
}
