// Test-only bindings injected by vitest.config.ts.
import type { D1Migration } from 'cloudflare:test'

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      ADMIN_API_KEY: string
      /** test/fixtures/saas-app: calls the Directory entrypoint over a service binding. */
      SAAS_APP: Fetcher
    }
  }
}
