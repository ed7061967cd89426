// Request bodies under /scim/v2: media type, size and JSON syntax, each a SCIM error
// (RFC 7644 §3.1, §3.12). A body is never silently read as `{}`.
import type { Context, MiddlewareHandler } from 'hono'
import { invalidSyntax, payloadTooLarge, unsupportedMediaType } from '../scim/errors'
import { readBounded, utf8 } from './bounded-read'

/** 1 MiB: advertised as bulk.maxPayloadSize too. */
export const MAX_BODY_BYTES = 1024 * 1024

/** IdPs send application/scim+json or application/json, with or without charset (IDP-COMPAT). */
const JSON_MEDIA_TYPES = ['application/scim+json', 'application/json']

/** Rejects a declared oversize body before anything else reads it (auth included). */
export function bodyLimit(options: { maxBytes: number }): MiddlewareHandler {
  return async function rejectOversizeBody(c, next) {
    const declared = c.req.header('Content-Length')
    if (declared !== undefined && Number(declared) > options.maxBytes) {
      throw payloadTooLarge(`The request body exceeds ${options.maxBytes} bytes.`)
    }
    await next()
  }
}

/** Reads and parses a JSON body; the result is `unknown`, for a zod schema to validate. */
export async function readJsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  if (!JSON_MEDIA_TYPES.includes(type)) {
    throw unsupportedMediaType(
      type
        ? `Content-Type ${type} is not supported; send application/scim+json.`
        : 'A request body needs Content-Type: application/scim+json.',
    )
  }
  const text = await readLimited(c.req.raw, maxBytes)
  if (text.trim() === '') throw invalidSyntax('The request body is empty.')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw invalidSyntax('The request body is not valid JSON.')
  }
  checkDepth(body)
  return body
}

/** Deepest nesting any SCIM message needs is about 4; this bounds every later recursion. */
export const MAX_JSON_DEPTH = 32

function checkDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_JSON_DEPTH) {
      throw invalidSyntax(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`)
    }
    for (const child of Object.values(value)) stack.push([child, depth + 1])
  }
}

/**
 * The body as text, refusing more than `maxBytes`. With a Content-Length (checked against the cap
 * by bodyLimit, and binding on the framing) it is read whole; without one it is streamed and cut
 * off at the cap.
 */
async function readLimited(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return ''
  const declared = req.headers.get('Content-Length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) <= maxBytes) {
    return req.text()
  }
  const bytes = await readBounded(req.body, maxBytes)
  if (!bytes) throw payloadTooLarge(`The request body exceeds ${maxBytes} bytes.`)
  const text = utf8(bytes)
  if (text === null) throw invalidSyntax('The request body is not valid UTF-8.')
  return text
}
