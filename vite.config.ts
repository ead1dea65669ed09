/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'
import { TEST_WORKERS } from './test/support/workers'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { port: 3000 },
  ssr: { external: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2', 'exceljs'] },
  // The Remix plugin would try to build the app inside every test run.
  plugins: [!process.env.VITEST && remix(remixConfig), tsconfigPaths()],
  test: {
    // One pool for every project: unit, database and browser files run side by side
    // (test/support/workers.ts says why three).
    maxWorkers: TEST_WORKERS,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'app/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // 60 s was exceeded by single journeys on a slower machine of the same kind while
          // three files shared two busy cores (the matrix's keyboard test, a matrix link).
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One app server per worker slot (test/support/workers.ts); each file opens its own browser.
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'security',
          include: ['test/security/**/*.test.ts'],
          environment: 'node',
          // As the browser tests: single tests passed 60 s on a slower machine under load.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // The built server per engine and worker slot (test/support/workers.ts).
          globalSetup: ['test/security/global-setup.ts'],
        },
      },
    ],
  },
})
