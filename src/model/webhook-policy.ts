// Pure: no I/O. The rules webhook delivery follows: which URLs an endpoint may have, and when a
// failed delivery is tried again.

/** Longest endpoint URL accepted. */
export const MAX_URL_LENGTH = 2048

/**
 * Why `text` cannot be an endpoint URL, or null when it can. In production only `https:` to a
 * public name or address: private, loopback, link-local and other special-purpose addresses
 * (RFC 6890) and names that only resolve inside a network (`localhost`, `.local`, `.internal`,
 * single labels) are refused, so an operator key cannot aim deliveries at the platform's own
 * network. With `allowLocal` (local development and tests) `http:` or `https:` to a loopback
 * address or `localhost` is accepted too, and nothing else more.
 */
export function webhookUrlProblem(text: string, allowLocal: boolean): string | null {
  if (text.length > MAX_URL_LENGTH) return `url is longer than ${MAX_URL_LENGTH} characters`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'url is not an absolute URL'
  }
  if (url.username || url.password) return 'url must not carry credentials'
  if (url.hash) return 'url must not have a fragment'
  const host = url.hostname.toLowerCase()
  if (allowLocal && isLoopback(host)) {
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? null
      : 'url must be http: or https:'
  }
  if (url.protocol !== 'https:') return 'url must be https:'
  if (isLoopback(host) || isInternalName(host) || isSpecialAddress(host)) {
    return 'url must name a public host (private, loopback and link-local targets are refused)'
  }
  return null
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true
  const v4 = ipv4(host)
  return v4 !== null && v4[0] === 127
}

function isInternalName(host: string): boolean {
  if (ipv4(host) !== null || host.startsWith('[')) return false
  return (
    !host.includes('.') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    host.endsWith('.lan') ||
    host.endsWith('.home.arpa')
  )
}

/** The four octets of a dotted IPv4 address (URL has already normalized other notations). */
function ipv4(host: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return match ? match.slice(1).map(Number) : null
}

/** IPv4 special-purpose blocks (RFC 6890 and successors) and the IPv6 ones that matter here. */
function isSpecialAddress(host: string): boolean {
  const v4 = ipv4(host)
  if (v4) return isSpecialV4(v4)
  if (!host.startsWith('[')) return false
  const v6 = host.slice(1, -1)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6)
  if (mapped) return isSpecialV4(ipv4(mapped[1]) ?? [0, 0, 0, 0])
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(v6)) return true // mapped, hex form
  return (
    v6 === '::' ||
    v6 === '::1' ||
    /^f[cd][0-9a-f]{0,2}:/.test(v6) || // fc00::/7 unique local
    /^fe[89ab][0-9a-f]?:/.test(v6) || // fe80::/10 link-local
    /^ff[0-9a-f]{0,2}:/.test(v6) || // multicast
    v6.startsWith('64:ff9b:') || // NAT64
    v6.startsWith('2001:db8:') // documentation
  )
}

function isSpecialV4([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) || // shared address space (CGNAT)
    (a === 169 && b === 254) || // link-local (cloud metadata lives here)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  )
}

/**
 * Seconds to wait after each failed attempt: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h,
 * then 12 h five times — 15 attempts over about 3 days and 4 hours. 12 h is the longest delay a
 * Cloudflare Queue message may be given.
 */
export const DEFAULT_RETRY_DELAYS = [
  5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 43200, 43200, 43200, 43200,
] as const
export const MAX_RETRY_DELAY = 43200

/** A delay list from configuration (`WEBHOOK_RETRY_DELAYS`, comma-separated seconds). */
export function parseRetryDelays(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_RETRY_DELAYS]
  const delays = text.split(',').map((part) => Number(part.trim()))
  if (delays.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_RETRY_DELAY)) {
    throw new Error(`WEBHOOK_RETRY_DELAYS must be whole seconds from 0 to ${MAX_RETRY_DELAY}`)
  }
  return delays
}

/**
 * The wait before the next attempt after `failed` failed attempts in this round, or null when the
 * round is over (the delivery has failed). ±10% jitter (`random` in [0, 1)) spreads retries of
 * many deliveries that failed together.
 */
export function retryDelay(failed: number, delays: readonly number[], random: number) {
  if (failed < 1 || failed > delays.length) return null
  const base = delays[failed - 1]
  return Math.min(MAX_RETRY_DELAY, Math.round(base * (0.9 + 0.2 * random)))
}
