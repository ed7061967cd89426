// Pure apart from `$uuid`: `${…}` placeholders in fixture strings.
//   ${name} ${ids[0]} ${user.id}   a variable, read with the path language of paths.ts
//   ${$uuid}                       a fresh random UUID at each use (fix it once in sequence `vars`)
//   ${x|upper} ${x|lower} ${x|url} ${x|json}   transforms, applied left to right
// A string that is exactly one placeholder becomes the variable's raw value (number, array, …);
// anywhere else the value is stringified into the text. In regex contexts values are escaped.
import { getPath } from './paths'

export type Scope = Record<string, unknown>

const PLACEHOLDER = /\$\{([^}]+)\}/g

const TRANSFORMS: Record<string, (v: unknown) => unknown> = {
  upper: (v) => String(v).toUpperCase(),
  lower: (v) => String(v).toLowerCase(),
  url: (v) => encodeURIComponent(String(v)),
  json: (v) => JSON.stringify(v),
}

function resolve(expression: string, scope: Scope): unknown {
  const [head, ...transforms] = expression.split('|').map((s) => s.trim())
  let value: unknown
  if (head === '$uuid') value = crypto.randomUUID()
  else {
    value = getPath(scope, head)
    if (value === undefined) throw new Error(`unknown variable \${${head}}`)
  }
  for (const name of transforms) {
    const transform = TRANSFORMS[name]
    if (!transform) throw new Error(`unknown transform |${name} in \${${expression}}`)
    value = transform(value)
  }
  return value
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

export function substituteString(text: string, scope: Scope, regex = false): unknown {
  const whole = /^\$\{([^}]+)\}$/.exec(text)
  if (whole && !regex) return resolve(whole[1], scope)
  return text.replace(PLACEHOLDER, (_, expression: string) => {
    const value = resolve(expression, scope)
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    return regex ? escapeRegex(text) : text
  })
}

/** Deep substitution. Inside `$regex` matchers, placeholder values are regex-escaped. */
export function substitute(value: unknown, scope: Scope, regex = false): unknown {
  if (typeof value === 'string') return substituteString(value, scope, regex)
  if (Array.isArray(value)) return value.map((v) => substitute(v, scope, regex))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      out[substituteString(key, scope) as string] = substitute(v, scope, regex || key === '$regex')
    }
    return out
  }
  return value
}
