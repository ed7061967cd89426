// Credentials: SCIM tokens and org admin keys — minting, hashing, the KV record that maps a
// secret's hash to its org and token id, and the per-isolate cache of those records. A leaf:
// auth/ (the middleware) and do/ (minting inside the org writer) both import it; it imports
// only the pure core.
export * from './secrets'
export * from './token-record'
export { TokenCache, TOKEN_CACHE_TTL_MS } from './token-cache'
export { openCursor, openWebhookSecret, sealCursor, sealWebhookSecret } from './seal'
