// Builds the app once and starts one production server on a free port with a fresh PGlite
// directory and the demo community, as a newcomer's `npm start` would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function waitForServer(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Der Testserver ist beendet (Code ${child.exitCode}):\n${output()}`)
    try {
      const response = await fetch(`${url}/anmelden`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Der Testserver antwortet nicht:\n${output()}`)
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
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, ['node_modules/@remix-run/serve/dist/cli.js', 'build/server/index.js'], {
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DIR: dataDir,
      DATABASE_URL: '',
      DEMO_DATA: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const baseURL = `http://127.0.0.1:${port}`
  await waitForServer(baseURL, child, () => log)
  project.provide('baseURL', baseURL)

  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r).once('error', r))
    if (process.env.E2E_SERVER_LOG) console.log(log)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
