import { defineConfig } from 'drizzle-kit'

// Generates the numbered SQL migrations that `wrangler d1 migrations apply` and the tests apply.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/repo/schema.ts',
  out: './migrations',
})
