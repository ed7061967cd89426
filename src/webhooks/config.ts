// Webhook settings from the Worker's environment (wrangler.toml documents each). Read per use:
// they are a handful of string reads.
import type { Bindings } from '../env'
import { parseRetryDelays } from '../model/webhook-policy'

export interface WebhookConfig {
  /** Endpoints may be http://127.0.0.1 or localhost (local development and tests only). */
  allowLocal: boolean
  /** Per-attempt timeout; no answer by then is a failed attempt. */
  timeoutMs: number
  /** Seconds to wait after each failed attempt; its length + 1 is the attempts of a round. */
  retryDelays: number[]
  /** An endpoint that has failed everything for this long is disabled. */
  disableAfterMs: number
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_DISABLE_AFTER_SECONDS = 3 * 24 * 3600

function whole(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`)
  return value
}

export function webhookConfig(env: Bindings): WebhookConfig {
  return {
    allowLocal: env.WEBHOOK_ALLOW_LOCAL === 'true',
    timeoutMs: whole(env.WEBHOOK_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 'WEBHOOK_TIMEOUT_MS'),
    retryDelays: parseRetryDelays(env.WEBHOOK_RETRY_DELAYS),
    disableAfterMs:
      whole(
        env.WEBHOOK_DISABLE_AFTER_SECONDS,
        DEFAULT_DISABLE_AFTER_SECONDS,
        'WEBHOOK_DISABLE_AFTER_SECONDS',
      ) * 1000,
  }
}
