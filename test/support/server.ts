// The real production server for tests: build it, start it on a free port against a PGlite
// directory or a PostgreSQL database, wait until it answers, stop or kill it. Shared by the
// browser tests' global setup and the server-level tests (durability), so that there is one
// place that knows how the app is built and started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
export const SERVER_ENTRY = 'build/server/index.js'
/** How `npm start` runs the built app. */
const SERVER_COMMAND = [process.execPath, 'node_modules/@remix-run/serve/dist/cli.js', SERVER_ENTRY]

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolvePort(port))
    })
  })
}

/** The production build, as `npm run build` makes it. */
export function buildProduction() {
  // VITEST is set in a test process; the config would then leave out the Remix plugin. NODE_ENV
  // is 'test' there too, which would build React's development bundles: test what production serves.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  const build = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env: { ...env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`Build fehlgeschlagen:\n${build.stdout}\n${build.stderr}`)
}

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds unless a build newer than every source file is there (E2E_SKIP_BUILD: never). */
export function ensureProductionBuild() {
  if (process.env.E2E_SKIP_BUILD) return
  const entry = join(ROOT, SERVER_ENTRY)
  const sources = Math.max(
    ...['app', 'db', 'seeds'].map((d) => newestSource(join(ROOT, d))),
    ...['vite.config.ts', 'remix.config.js', 'package-lock.json'].map((f) => statSync(join(ROOT, f)).mtimeMs),
  )
  if (existsSync(entry) && statSync(entry).mtimeMs > sources) return
  buildProduction()
}

export type ServerOptions =
  | { engine: 'pglite'; dataDir: string; env?: Record<string, string> }
  | { engine: 'postgres'; databaseUrl: string; env?: Record<string, string> }

export type RunningServer = {
  baseURL: string
  child: ChildProcess
  /** Everything the server wrote to stdout and stderr. */
  log: () => string
  /** The exit code (or null after a signal) once it has stopped. */
  exited: Promise<number | null>
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/** Starts the built server; resolves once `readyPath` answers 2xx. */
export async function startServer(options: ServerOptions, readyPath = '/anmelden'): Promise<RunningServer> {
  const server = await launchServer(options)
  await waitForServer(server, readyPath)
  return server
}

/** Starts the built server without waiting for it (for a server that is expected to refuse). */
export async function launchServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort()
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  const child = spawn(SERVER_COMMAND[0], SERVER_COMMAND.slice(1), {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'true',
      ...(options.engine === 'pglite' ? { PGLITE_DIR: options.dataDir, DATABASE_URL: '' } : { DATABASE_URL: options.databaseUrl, PGLITE_DIR: '' }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)))
  const server: RunningServer = {
    baseURL: `http://127.0.0.1:${port}`,
    child,
    log: () => log,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  return server
}

async function waitForServer(server: RunningServer, path: string) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`Der Testserver ist beendet (Code ${server.child.exitCode}):\n${server.log()}`)
    try {
      const response = await fetch(`${server.baseURL}${path}`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await server.stop('SIGKILL')
  throw new Error(`Der Testserver antwortet nicht:\n${server.log()}`)
}
