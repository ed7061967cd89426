// The token request's body: RFC 6749 §4.4.2 sends the parameters in the
// application/x-www-form-urlencoded format, UTF-8 (Appendix B). Anything else is invalid_request.
import { invalidRequest } from '../../model/oauth-error'
import { readBounded, utf8 } from '../bounded-read'

const FORM = 'application/x-www-form-urlencoded'
/** Room for a client assertion of MAX_ASSERTION_LENGTH and the other parameters, encoded. */
export const MAX_FORM_BYTES = 32 * 1024

/** The form's name/value pairs in order, repeats kept (model/token-request.ts refuses them). */
export async function readTokenForm(request: Request): Promise<[string, string][]> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  if (type !== FORM) throw invalidRequest(`the request body must be ${FORM}`)
  const bytes = request.body ? await readBounded(request.body, MAX_FORM_BYTES) : new Uint8Array()
  if (!bytes) throw invalidRequest(`the request body exceeds ${MAX_FORM_BYTES} bytes`)
  const text = utf8(bytes)
  if (text === null) throw invalidRequest('the request body is not UTF-8')
  return [...new URLSearchParams(text)]
}
