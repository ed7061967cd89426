// Pure: no I/O, no clock (`now` in ms is a parameter). A token bucket: `ratePerSecond` tokens
// refill continuously up to `capacity`; each request takes one. Used per org for SCIM writes (in
// the OrgWriter, exact) and reads (per isolate, approximate).

export interface BucketState {
  tokens: number
  updatedAt: number
}

export interface BucketLimits {
  ratePerSecond: number
  /** Burst size: how many requests may arrive at once after a quiet period. */
  capacity: number
}

/** Per-org defaults: well above what any IdP sync sends (≥ 50 req/s sustained), so only floods hit them. */
export const DEFAULT_RATES = { readsPerSecond: 500, writesPerSecond: 200 } as const

/** Where a new org's ceilings start: at the defaults (an org admin may lower, not raise). */
export const DEFAULT_CEILINGS = {
  maxReadsPerSecond: DEFAULT_RATES.readsPerSecond,
  maxWritesPerSecond: DEFAULT_RATES.writesPerSecond,
} as const

/** Bursts up to two seconds' worth, and never fewer than 100 (IdPs open parallel connections). */
export const limitsFor = (ratePerSecond: number): BucketLimits => ({
  ratePerSecond,
  capacity: Math.max(100, ratePerSecond * 2),
})

export type TakeResult =
  { ok: true; state: BucketState } | { ok: false; state: BucketState; retryAfterSeconds: number }

export function take(
  state: BucketState | undefined,
  limits: BucketLimits,
  now: number,
): TakeResult {
  const previous = state ?? { tokens: limits.capacity, updatedAt: now }
  const elapsed = Math.max(0, now - previous.updatedAt) / 1000
  const tokens = Math.min(limits.capacity, previous.tokens + elapsed * limits.ratePerSecond)
  if (tokens >= 1) return { ok: true, state: { tokens: tokens - 1, updatedAt: now } }
  const wait = (1 - tokens) / limits.ratePerSecond
  // Retry-After is whole seconds (RFC 9110 §10.2.3); Okta honours an integer value.
  return {
    ok: false,
    state: { tokens, updatedAt: now },
    retryAfterSeconds: Math.max(1, Math.ceil(wait)),
  }
}
