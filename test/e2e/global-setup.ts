// Builds the app once and starts one production server on a free port with a fresh PGlite
// directory and the demo community, as a newcomer's `npm start` would.
import type { TestProject } from 'vitest/node'
import { buildOnce, startServer } from '../support/server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject) {
  await buildOnce()
  const server = await startServer('pglite')
  project.provide('baseURL', server.baseURL)

  return async () => {
    await server.stop()
    if (process.env.E2E_SERVER_LOG) console.log(server.log())
  }
}
