// The properties themselves, one per request family, shared by the fuzz tests and the
// regression tables of the counterexamples they found. `after` reads the org's digest again;
// it is called only for refused requests.
import {
  assertAdminError,
  assertScimError,
  assertUnchanged,
  parseJson,
  PropertyFailure,
  type Exchange,
} from './harness'

/** RFC 7644 §3.4.2.2: a filter the server cannot honour, or a bad literal in it. */
export const FILTER_ERRORS = ['invalidFilter', 'invalidValue', 'tooMany']

/** RFC 7644 §3.5.2 and §3.12: the error keywords a PATCH may answer with. */
export const PATCH_ERRORS = [
  'invalidSyntax',
  'invalidPath',
  'invalidValue',
  'noTarget',
  'mutability',
  'invalidFilter',
  'uniqueness',
]

/** A filtered list answers a 200 ListResponse, or a 400 filter error; nothing else. */
export function assertFilterAnswer(ex: Exchange): void {
  if (ex.status === 200) {
    const body = parseJson(ex.text) as { totalResults?: unknown } | undefined
    if (!Number.isInteger(body?.totalResults)) {
      throw new PropertyFailure('200 without a ListResponse', ex)
    }
    return
  }
  if (ex.status !== 400) throw new PropertyFailure('status is neither 200 nor 400', ex)
  assertScimError(ex, { scimTypes: FILTER_ERRORS })
}

/**
 * A PATCH succeeds (200 with the user; 204, or 200 on request, for a group) or is refused with a
 * PATCH error (409 only for uniqueness, 413 for an oversize body); a refusal changes nothing.
 */
export async function assertPatchAnswer(
  ex: Exchange,
  kind: 'User' | 'Group',
  before: string,
  after: () => Promise<string>,
): Promise<void> {
  if (ex.status < 300) {
    const ok = kind === 'User' ? ex.status === 200 : ex.status === 204 || ex.status === 200
    if (!ok) throw new PropertyFailure(`unexpected success status for a ${kind}`, ex)
    return
  }
  if (![400, 409, 413].includes(ex.status)) throw new PropertyFailure('unexpected status', ex)
  if (ex.status === 409 && !ex.text.includes('"uniqueness"')) {
    throw new PropertyFailure('409 without scimType uniqueness', ex)
  }
  assertScimError(ex, { scimTypes: PATCH_ERRORS })
  assertUnchanged(before, await after(), ex)
}

/** A SCIM write or search: success, or a 400/409/413 SCIM error that changed nothing. */
export async function assertScimWriteAnswer(
  ex: Exchange,
  before: string,
  after: () => Promise<string>,
): Promise<void> {
  if (ex.status < 300) return
  if (![400, 409, 413].includes(ex.status)) throw new PropertyFailure('unexpected status', ex)
  assertScimError(ex)
  assertUnchanged(before, await after(), ex)
}

/** An admin write: success, or a 400/404/409/413 admin JSON error that changed nothing. */
export async function assertAdminWriteAnswer(
  ex: Exchange,
  before: string,
  after: () => Promise<string>,
): Promise<void> {
  if (ex.status < 300) return
  if (![400, 404, 409, 413].includes(ex.status)) throw new PropertyFailure('unexpected status', ex)
  assertAdminError(ex)
  assertUnchanged(before, await after(), ex)
}

/**
 * Any header mix under /scim/v2: never a 5xx; a success is SCIM JSON (or empty); a well-formed
 * bearer GET without conditions answers 200 whatever Content-Type or Accept say (IDP-COMPAT:
 * Okta sends a Content-Type on GET); every 4xx is a SCIM error, a 401 names Bearer, and a
 * refusal changes nothing.
 */
export async function assertHeaderAnswer(
  ex: Exchange,
  expectOk: boolean,
  before: string,
  after: () => Promise<string>,
): Promise<void> {
  if (expectOk && ex.status !== 200)
    throw new PropertyFailure('a bearer GET did not answer 200', ex)
  if (ex.status < 400) {
    if (ex.text !== '' && !/^application\/scim\+json/i.test(ex.contentType ?? '')) {
      throw new PropertyFailure('success is not SCIM JSON', ex)
    }
    return
  }
  assertScimError(ex)
  if (ex.status === 401 && !/^Bearer/i.test(ex.wwwAuthenticate ?? '')) {
    throw new PropertyFailure('401 without WWW-Authenticate: Bearer', ex)
  }
  assertUnchanged(before, await after(), ex)
}
