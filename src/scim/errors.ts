// Pure: no I/O. The one error type of the protocol core (RFC 7644 §3.12).
// Only src/http/errors.ts turns it into a wire body; the DO ships it across RPC as plain data.

/** RFC 7644 §3.12 Table 9, the detail error keywords. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  /** RFC 9865 §2.3 cursor pagination errors. */
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount'

/** What crosses a Durable Object RPC boundary: class instances do not survive structured clone. */
export interface ScimErrorData {
  status: number
  scimType?: ScimType
  detail: string
  /** 429 only: whole seconds for the Retry-After header. */
  retryAfter?: number
}

export class ScimError extends Error {
  readonly status: number
  readonly scimType?: ScimType
  readonly detail: string
  readonly retryAfter?: number

  constructor(status: number, detail: string, scimType?: ScimType, retryAfter?: number) {
    super(detail)
    this.name = 'ScimError'
    this.status = status
    this.detail = detail
    this.scimType = scimType
    this.retryAfter = retryAfter
  }

  toData(): ScimErrorData {
    return {
      status: this.status,
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    }
  }

  static fromData(data: ScimErrorData): ScimError {
    return new ScimError(data.status, data.detail, data.scimType, data.retryAfter)
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter')
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax')
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath')
export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue')
export const noTarget = (detail: string) => new ScimError(400, detail, 'noTarget')
export const mutability = (detail: string) => new ScimError(400, detail, 'mutability')
export const tooMany = (detail: string) => new ScimError(400, detail, 'tooMany')
export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness')
export const conflict = (detail: string) => new ScimError(409, detail)
export const invalidCursor = (detail: string) => new ScimError(400, detail, 'invalidCursor')
export const expiredCursor = (detail: string) => new ScimError(400, detail, 'expiredCursor')
export const badRequest = (detail: string) => new ScimError(400, detail)
export const unauthorized = (detail: string) => new ScimError(401, detail)
export const forbidden = (detail: string) => new ScimError(403, detail)
export const notFound = (detail: string) => new ScimError(404, detail)
export const methodNotAllowed = (detail: string) => new ScimError(405, detail)
export const preconditionFailed = (detail: string) => new ScimError(412, detail)
export const payloadTooLarge = (detail: string) => new ScimError(413, detail)
export const unsupportedMediaType = (detail: string) => new ScimError(415, detail)
export const tooManyRequests = (detail: string, retryAfter: number) =>
  new ScimError(429, detail, undefined, retryAfter)
export const internalError = (detail: string) => new ScimError(500, detail)
export const unavailable = (detail: string) => new ScimError(503, detail)
