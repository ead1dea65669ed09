// Builds the app once and starts the real production server on every engine available — PGlite
// always, PostgreSQL too when TEST_DATABASE_URL is set — for each worker slot
// (test/support/workers.ts), each with fresh data and the demo community. Tests reach them
// through ./support.ts.
import type { TestProject } from 'vitest/node'
import { buildOnce, startServers, type ServerEngine } from '../support/server'
import { TEST_WORKERS } from '../support/workers'

type Address = { engine: ServerEngine; baseURL: string }

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per worker slot, one server per engine. */
    securityServers: Address[][]
  }
}

export default async function setup(project: TestProject) {
  await buildOnce()
  const engines: ServerEngine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
  const slots = Array.from({ length: TEST_WORKERS }, () => engines)
  const servers = await startServers(slots.flat())
  const addresses = servers.map(({ engine, baseURL }) => ({ engine, baseURL }))
  project.provide(
    'securityServers',
    slots.map((_, i) => addresses.slice(i * engines.length, (i + 1) * engines.length)),
  )
  return async () => {
    await Promise.all(servers.map((s) => s.stop()))
    if (process.env.E2E_SERVER_LOG) for (const s of servers) console.log(`[${s.engine}]\n${s.log()}`)
  }
}
