// Setup file for the workers project: the real migrations, applied to every local shard database
// (idempotent): DB (also the control database), SHARD_2 and SHARD_EU (wrangler.toml SHARDS).
import { applyD1Migrations, env } from 'cloudflare:test'

for (const db of [env.DB, env.SHARD_2, env.SHARD_EU])
  await applyD1Migrations(db, env.TEST_MIGRATIONS)
