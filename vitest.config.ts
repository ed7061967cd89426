import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url))

// The pure protocol core runs in plain Node (fast, no runtime needed); everything that touches D1,
// KV, Durable Objects or the HTTP surface runs inside workerd; the CLI and the admin console (in
// headless Chromium) run in Node against the real Worker bundle.
export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts (`N passed, N failed`).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // The Worker logs one JSON line per request (src/http/request-log.ts); tests read them with a
    // spy where they matter, the console need not show thousands of them.
    onConsoleLog: (log) => !log.startsWith('{"msg":"request"'),
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ADMIN_API_KEY: 'test-operator-key-0123456789abcdef0123456789abcdef',
                // Webhooks (test/integration/webhooks): a loopback receiver, short retries.
                WEBHOOK_SECRETS_KEY: 'test-webhook-secrets-key-0123456789abcdef0123456789',
                SET_ISSUER: 'https://scim.test/scim/v2',
                WEBHOOK_ALLOW_LOCAL: 'true',
                WEBHOOK_TIMEOUT_MS: '1000',
                WEBHOOK_RETRY_DELAYS: '0,0',
                WEBHOOK_DISABLE_AFTER_SECONDS: '0',
                // OAuth clients' jwks_uri (test/integration/oauth): a loopback server, a short bound.
                JWKS_FETCH_TIMEOUT_MS: '1000',
                TEST_MIGRATIONS: await readD1Migrations(migrationsDir),
              },
              // The SaaS app's Worker, binding the `Directory` entrypoint (test/integration/directory).
              serviceBindings: { SAAS_APP: 'saas-app' },
              workers: [
                {
                  name: 'saas-app',
                  modules: true,
                  scriptPath: './test/fixtures/saas-app/worker.mjs',
                  compatibilityDate: '2026-11-01',
                  // The Worker under test runs as this project's runner (see the plugin's naming).
                  serviceBindings: {
                    DIRECTORY: { name: 'vitest-plugin-runner-workers', entrypoint: 'Directory' },
                  },
                },
              ],
            },
          })),
        ],
        test: {
          name: 'workers',
          // Generous: CI has 2 cores and these run real D1/DO; speed targets live in `npm run bench`.
          testTimeout: 60_000,
          include: ['test/integration/**/*.test.ts', 'test/conformance/**/*.test.ts'],
          setupFiles: ['./test/integration/apply-migrations.ts'],
          globalSetup: ['./test/fixtures/webhook-receiver.ts', './test/fixtures/jwks-server.ts'],
        },
      },
      {
        test: {
          name: 'cli',
          environment: 'node',
          include: ['test/cli/**/*.test.ts'],
          // Each file builds and starts the real Worker, then runs the CLI as child processes.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          // Each file starts the real Worker and headless Chromium (test/browser/harness.ts); one
          // file at a time keeps two browsers and two workerds off CI's 2 cores.
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
