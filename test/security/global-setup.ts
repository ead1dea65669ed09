// Builds the app once and starts the real production server on every engine available: PGlite
// always, PostgreSQL too when TEST_DATABASE_URL is set, each with fresh data and the demo
// community. Tests reach them through ./support.ts.
import type { TestProject } from 'vitest/node'
import { buildOnce, startServer, type RunningServer, type ServerEngine } from '../support/server'

declare module 'vitest' {
  export interface ProvidedContext {
    securityServers: { engine: ServerEngine; baseURL: string }[]
  }
}

export default async function setup(project: TestProject) {
  await buildOnce()
  const engines: ServerEngine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
  const servers: RunningServer[] = []
  try {
    for (const engine of engines) servers.push(await startServer(engine))
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()))
    throw error
  }
  project.provide(
    'securityServers',
    servers.map(({ engine, baseURL }) => ({ engine, baseURL })),
  )
  return async () => {
    await Promise.all(servers.map((s) => s.stop()))
    if (process.env.E2E_SERVER_LOG) for (const s of servers) console.log(`[${s.engine}]\n${s.log()}`)
  }
}
