// Pure: partial deep matching of a response against a fixture's expectation.
//   primitive        strict equality
//   object           every expected key must match (extra keys in the response are fine)
//   array            same length, element i matches element i (use $contains for "some element")
//   matcher object   an object whose keys are all matcher names; every matcher must hold:
//     $type     "string" | "number" | "integer" | "boolean" | "object" | "array" | "null"
//     $absent   true: missing or null (RFC 7643 §2.5: null is "unassigned")
//     $present  true: neither missing nor null
//     $length   n: array or string length
//     $contains [p…]: an array in which each pattern p matches at least one element
//     $regex    "…": a string matching the regex
//     $eqi      "…": a string equal ignoring case
//     $exact    v: deep equality, no partial matching
//     $ne       v: not deeply equal
//     $gte/$lte n: number bounds
//     $not      m: m does not match
// "$ref" is a SCIM attribute, not a matcher, and is compared like any other key.

export interface Mismatch {
  path: string
  message: string
}

const MATCHERS = new Set([
  '$type',
  '$absent',
  '$present',
  '$length',
  '$contains',
  '$regex',
  '$eqi',
  '$exact',
  '$ne',
  '$gte',
  '$lte',
  '$not',
])

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export function isMatcher(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false
  const keys = Object.keys(v)
  return keys.length > 0 && keys.every((k) => MATCHERS.has(k))
}

export function show(v: unknown, max = 160): string {
  if (v === undefined) return 'undefined (missing)'
  const text = JSON.stringify(v)
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'undefined'
}

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

function checkMatcher(name: string, arg: unknown, actual: unknown, path: string): Mismatch[] {
  const fail = (message: string) => [{ path, message }]
  switch (name) {
    case '$type': {
      const ok = arg === 'integer' ? Number.isInteger(actual) : typeOf(actual) === arg
      return ok ? [] : fail(`expected type ${arg}, got ${show(actual)}`)
    }
    case '$absent':
      return (actual === undefined || actual === null) === Boolean(arg)
        ? []
        : fail(arg ? `expected absent, got ${show(actual)}` : 'expected present, got nothing')
    case '$present':
      return (actual !== undefined && actual !== null) === Boolean(arg)
        ? []
        : fail(arg ? 'expected a value, got nothing' : `expected absent, got ${show(actual)}`)
    case '$length': {
      const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined
      return length === arg ? [] : fail(`expected length ${arg}, got ${length ?? show(actual)}`)
    }
    case '$contains': {
      if (!Array.isArray(actual)) return fail(`expected an array, got ${show(actual)}`)
      const patterns = Array.isArray(arg) ? arg : [arg]
      return patterns.flatMap((pattern) =>
        actual.some((element) => match(pattern, element).length === 0)
          ? []
          : fail(`no element matches ${show(pattern)} among ${actual.length}: ${show(actual)}`),
      )
    }
    case '$regex':
      return typeof actual === 'string' && new RegExp(String(arg)).test(actual)
        ? []
        : fail(`expected /${arg}/, got ${show(actual)}`)
    case '$eqi':
      return typeof actual === 'string' && actual.toLowerCase() === String(arg).toLowerCase()
        ? []
        : fail(`expected ${show(arg)} ignoring case, got ${show(actual)}`)
    case '$exact':
      return canonical(actual) === canonical(arg)
        ? []
        : fail(`expected exactly ${show(arg)}, got ${show(actual)}`)
    case '$ne':
      return canonical(actual) !== canonical(arg) ? [] : fail(`expected anything but ${show(arg)}`)
    case '$gte':
      return typeof actual === 'number' && actual >= Number(arg)
        ? []
        : fail(`expected a number >= ${arg}, got ${show(actual)}`)
    case '$lte':
      return typeof actual === 'number' && actual <= Number(arg)
        ? []
        : fail(`expected a number <= ${arg}, got ${show(actual)}`)
    case '$not':
      return match(arg, actual, path).length > 0
        ? []
        : fail(`expected NOT ${show(arg)}, got ${show(actual)}`)
    default:
      throw new Error(`unknown matcher ${name}`)
  }
}

const join = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? path
        ? `${path}.${key}`
        : key
      : `${path}[${JSON.stringify(key)}]`

export function match(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (isMatcher(expected)) {
    return Object.entries(expected).flatMap(([name, arg]) => checkMatcher(name, arg, actual, path))
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array, got ${show(actual)}` }]
    if (actual.length !== expected.length) {
      return [
        {
          path,
          message: `expected ${expected.length} element(s), got ${actual.length}: ${show(actual)}`,
        },
      ]
    }
    return expected.flatMap((e, i) => match(e, actual[i], join(path, i)))
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path, message: `expected an object, got ${show(actual)}` }]
    return Object.entries(expected).flatMap(([key, e]) => match(e, actual[key], join(path, key)))
  }
  return Object.is(expected, actual)
    ? []
    : [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }]
}
