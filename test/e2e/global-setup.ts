// Builds the app once and starts one production server on a free port with a fresh PGlite
// directory and the demo community, as a newcomer's `npm start` would.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startServer } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    // VITEST is set in this process; the config would then leave out the Remix plugin.
    // NODE_ENV is 'test' here too, which would build React's development bundles: test what
    // production serves.
    const { VITEST: _vitest, ...rest } = process.env
    const buildEnv = { ...rest, NODE_ENV: 'production' as const }
    const build = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'pipe', encoding: 'utf8', env: buildEnv })
    if (build.status !== 0) throw new Error(`Build fehlgeschlagen:\n${build.stdout}\n${build.stderr}`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ozg-radar-e2e-'))
  const server = await startServer({ PGLITE_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: 'true' })
  project.provide('baseURL', server.baseURL)

  return async () => {
    await server.stop()
    if (process.env.E2E_SERVER_LOG) console.log(server.log())
    rmSync(dataDir, { recursive: true, force: true })
  }
}
