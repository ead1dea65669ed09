// Builds the app once and starts one production server per worker slot, each on a fresh PGlite
// directory with the demo community, as a newcomer's `npm start` would (test/support/workers.ts).
import type { TestProject } from 'vitest/node'
import { buildOnce, startServer, type RunningServer } from '../support/server'
import { TEST_WORKERS } from '../support/workers'

declare module 'vitest' {
  export interface ProvidedContext {
    /** One address per worker slot. */
    baseURLs: string[]
  }
}

export default async function setup(project: TestProject) {
  await buildOnce()
  const started = await Promise.allSettled(Array.from({ length: TEST_WORKERS }, () => startServer('pglite')))
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()))
    throw failed.reason
  }
  project.provide(
    'baseURLs',
    servers.map((s) => s.baseURL),
  )

  return async () => {
    await Promise.all(servers.map((s: RunningServer) => s.stop()))
    if (process.env.E2E_SERVER_LOG) for (const s of servers) console.log(s.log())
  }
}
