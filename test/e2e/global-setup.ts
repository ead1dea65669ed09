// Builds the app once and starts one production server per worker slot, each on a fresh PGlite
// directory with the demo community, as a newcomer's `npm start` would (test/support/workers.ts).
import type { TestProject } from 'vitest/node'
import { buildOnce, startServers } from '../support/server'
import { TEST_WORKERS } from '../support/workers'

declare module 'vitest' {
  export interface ProvidedContext {
    /** One address per worker slot. */
    baseURLs: string[]
  }
}

export default async function setup(project: TestProject) {
  await buildOnce()
  const servers = await startServers(Array.from({ length: TEST_WORKERS }, () => 'pglite' as const))
  project.provide(
    'baseURLs',
    servers.map((s) => s.baseURL),
  )

  return async () => {
    await Promise.all(servers.map((s) => s.stop()))
    if (process.env.E2E_SERVER_LOG) for (const s of servers) console.log(s.log())
  }
}
