// Pure: no I/O. Validation failures as SCIM errors (RFC 7644 §3.12): invalidSyntax when the
// message structure is wrong, invalidValue when an attribute value is; never zod's own text.
import type { z } from 'zod'
import { invalidSyntax, invalidValue, type ScimError } from '../errors'
import { SEARCH_PARAMETERS } from './contexts'

/** Top-level keys of the request messages themselves (PatchOp, SearchRequest), not attributes. */
const ENVELOPE_KEYS = new Set<string>(['schemas', 'Operations', ...SEARCH_PARAMETERS])

/** `emails[0].primary`, `urn:…:enterprise:2.0:User:manager.value` (RFC 7644 §3.10 notation). */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment, i) => {
    if (typeof segment === 'number') return `${text}[${segment}]`
    if (i === 0) return String(segment)
    const separator = i === 1 && /^urn:/i.test(String(path[0])) ? ':' : '.'
    return text + separator + String(segment)
  }, '')
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean (true or false)',
  number: 'a number',
  int: 'an integer',
  object: 'a JSON object',
  array: 'a JSON array',
}

function describe(issue: z.core.$ZodIssue, name: string): string {
  switch (issue.code) {
    case 'invalid_type':
      // `input` is reported only when parsing with { reportInput: true } (see parseRequest).
      if ('input' in issue && issue.input === undefined) return `'${name}' is required`
      return `'${name}' must be ${EXPECTED[issue.expected] ?? `of type ${issue.expected}`}`
    case 'too_small':
    case 'invalid_format':
      return `'${name}' must be a non-empty string`
    case 'invalid_value':
      return `'${name}' must be one of: ${issue.values.map(String).join(', ')}`
    case 'custom':
      return `'${name}' ${issue.message}`
    default:
      return `'${name}' is not valid`
  }
}

/**
 * The first issue decides. Envelope keys, the body itself and the shape of an extension object are
 * structure (invalidSyntax); everything under a resource attribute is a value (invalidValue).
 */
export function zodErrorToScimError(error: z.ZodError): ScimError {
  const issue = error.issues[0]
  if (!issue) return invalidSyntax('The request body is not valid')
  const path = issue.path
  if (path.length === 0) {
    return invalidSyntax(
      issue.code === 'invalid_type'
        ? 'The request body must be a JSON object'
        : 'The request body is not valid',
    )
  }
  const head = String(path[0])
  const detail = describe(issue, formatIssuePath(path))
  const structural = ENVELOPE_KEYS.has(head) || (path.length === 1 && /^urn:/i.test(head))
  return structural ? invalidSyntax(detail) : invalidValue(detail)
}

/** Validates once at the boundary; throws a ScimError instead of a ZodError. */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body, { reportInput: true })
  if (!result.success) throw zodErrorToScimError(result.error)
  return result.data
}
