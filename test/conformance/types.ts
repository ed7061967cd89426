// The IdP replay fixture format (test/fixtures/idp/<vendor>/*.json); documented in replay.test.ts.
// Types only: the loader (fixtures.ts) checks the shape once, at the boundary.

/** One recorded exchange, written from a vendor's public documentation. */
export interface ReplaySequence {
  /** Directory name under test/fixtures/idp/: okta, entra, google, onelogin, jumpcloud, pingone,
   * rippling — or rfc7644 for the RFC's own examples of what no replayed IdP sends (/Bulk). */
  vendor: string
  title: string
  /** Vendor document title and section the traffic is taken from. */
  source: string
  /** Why the sequence exists, and any place where the doc and this service disagree. */
  notes?: string
  /** Variables set before the first step; `${$uuid}` etc. are resolved once here. */
  vars?: Record<string, unknown>
  /** Headers added to every request of the sequence (a step's own headers win; null removes). */
  headers?: Record<string, string | null>
  /**
   * What the org admin set up in the app before connecting the IdP: the role catalogue and
   * entitlement types (admin API PUT …/roles, …/entitlements/{type}), written before step 1.
   */
  catalogue?: {
    roles?: CatalogueEntryInput[]
    entitlements?: Record<string, CatalogueEntryInput[]>
  }
  steps: ReplayStep[]
  /** Filled in by the loader. */
  file?: string
}

export interface CatalogueEntryInput {
  value: string
  displayName: string
  description?: string
}

export type ReplayStep = RequestStep | RepeatStep | ForEachStep

export type AuthMode = 'token' | 'none' | 'bogus'

export interface RequestStep {
  name: string
  /** Default `token`: `Authorization: Bearer <the org's SCIM token>`, unless the step sets it itself. */
  auth?: AuthMode
  request: ReplayRequest
  expect: ReplayExpect
}

/** The same request `repeat` times with `${i}` = 1..repeat, `concurrency` at a time. */
export interface RepeatStep extends RequestStep {
  repeat: number
  concurrency?: number
}

/** The request once per element of a list variable (or its slice [from, to)): `${item}`, `${i}`. */
export interface ForEachStep extends RequestStep {
  forEach: string
  from?: number
  to?: number
  concurrency?: number
}

export interface ReplayRequest {
  method: string
  /** Relative to /scim/v2, sent as written (the URL parser percent-encodes spaces and quotes). */
  path: string
  headers?: Record<string, string | null>
  /** JSON body; may contain `${var}` placeholders and `{"$generate": …}` directives. */
  body?: unknown
  /** A body sent byte for byte instead of `body` (malformed input, odd encodings). */
  rawBody?: string
}

export interface ReplayExpect {
  status: number | number[]
  /** Header name → regex (placeholders are regex-escaped) or `{"$absent": true}`. */
  headers?: Record<string, string | { $absent: true }>
  /** Partial deep match; `{"$absent": true}` at the top means "no body". */
  body?: unknown
  /** var → path in the response (`Resources[0].id`, `["urn:…:User"].role`, `header:ETag`). `x[]` collects. */
  capture?: Record<string, string>
}
