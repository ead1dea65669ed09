// Builds the app once and starts one production server on a free port with a fresh PGlite
// directory and the demo community, as a newcomer's `npm start` would.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildProduction, startServer } from '../support/server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) buildProduction()
  const dataDir = mkdtempSync(join(tmpdir(), 'ozg-radar-e2e-'))
  const server = await startServer({ engine: 'pglite', dataDir })
  project.provide('baseURL', server.baseURL)

  return async () => {
    await server.stop('SIGTERM')
    if (process.env.E2E_SERVER_LOG) console.log(server.log())
    rmSync(dataDir, { recursive: true, force: true })
  }
}
