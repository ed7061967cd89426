// HTTP client for the admin API (/admin/v1): JSON in and out, server errors as ApiError.
export class ApiError extends Error {
  constructor(status, message) {
    super(message)
    this.status = status
  }
}

/** The server could not be reached (refused, DNS, timeout): no HTTP status to show. */
export class NetworkError extends Error {}

const REQUEST_TIMEOUT_MS = 30_000

/** A client for `${url}/admin/v1` with `key` as the bearer token. */
export function createClient({ url, key, fetchImpl = fetch }) {
  const origin = url.replace(/\/+$/, '')
  const base = `${origin}/admin/v1`

  async function request(method, path, { query, body, signal } = {}) {
    const target = new URL(base + path)
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') {
        target.searchParams.set(name, String(value))
      }
    }
    const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    let response
    try {
      response = await fetchImpl(target, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
    } catch (error) {
      if (signal?.aborted) throw error
      throw new NetworkError(`cannot reach ${origin}: ${describeFailure(error)}`)
    }
    const text = await response.text()
    let json
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const message =
        json?.error?.message ?? json?.detail ?? (text.trim().slice(0, 200) || response.statusText)
      throw new ApiError(response.status, message)
    }
    return json
  }

  return {
    origin,
    get: (path, query, options) => request('GET', path, { ...options, query }),
    post: (path, body) => request('POST', path, { body: body ?? {} }),
    patch: (path, body) => request('PATCH', path, { body }),
    put: (path, body) => request('PUT', path, { body }),
    delete: (path) => request('DELETE', path),
  }
}

/** The innermost reason of a failed fetch: ECONNREFUSED, ENOTFOUND, a timeout… */
function describeFailure(error) {
  if (error?.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
  let inner = error
  while (inner?.cause) inner = inner.cause
  return inner?.code ?? inner?.message ?? String(error)
}

/** `/orgs/{org}` with the id escaped. */
export const orgPath = (org, rest = '') => `/orgs/${encodeURIComponent(org)}${rest}`
