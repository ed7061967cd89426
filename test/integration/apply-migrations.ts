// Setup file for the workers project: the real migrations, applied to the local D1 (idempotent).
import { applyD1Migrations, env } from 'cloudflare:test'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
