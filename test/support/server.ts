// The real production server for tests: build it once, start server.mjs on a free port as
// `npm start` would — on a fresh PGlite directory or PostgreSQL database with the demo community,
// or on data a test prepared — wait until it answers, stop it cleanly or kill it. The one place
// that knows how the app is built and started: the e2e and security global setups and the
// durability test all use it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import postgres from 'postgres'

const ROOT = resolve(import.meta.dirname, '../..')
const SERVER_ENTRY = 'build/server/index.js'

export type ServerEngine = 'pglite' | 'postgres'

/** Data a test prepared itself (kept when the server stops), and extra environment. */
export type ServerOptions =
  | { engine: 'pglite'; dataDir: string; env?: Record<string, string> }
  | { engine: 'postgres'; databaseUrl: string; env?: Record<string, string> }

export type RunningServer = {
  engine: ServerEngine
  baseURL: string
  /** Where PGlite keeps its files (PGLITE_DIR). */
  dataDir: string
  /** The PostgreSQL database the server uses, if any. */
  databaseUrl: string | null
  /** Hand it to the next server on the same data, and the sessions signed in before stay valid. */
  sessionSecret: string
  child: ChildProcess
  /** Everything the server wrote to stdout and stderr. */
  log: () => string
  /** The exit code (or null after a signal) once it has stopped. */
  exited: Promise<number | null>
  /**
   * SIGTERM (a clean stop) or SIGKILL (a crash); resolves with the exit code. Data the server
   * created for itself is removed unless `keepData`; data a test handed in is always kept.
   */
  stop: (options?: { keepData?: boolean; signal?: NodeJS.Signals }) => Promise<number | null>
}

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

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIsCurrent(): boolean {
  const entry = join(ROOT, SERVER_ENTRY)
  if (!existsSync(entry)) return false
  const sources = Math.max(
    ...['app', 'db', 'seeds', 'public'].filter((d) => existsSync(join(ROOT, d))).map((d) => newestSource(join(ROOT, d))),
    ...['vite.config.ts', 'remix.config.js', 'package-lock.json', 'server.mjs'].map((f) => statSync(join(ROOT, f)).mtimeMs),
  )
  return statSync(entry).mtimeMs > sources
}

// Several global setups and test files may ask in one process: the others wait for the first build.
const builds = globalThis as { ozgRadarBuild?: Promise<void> }

/**
 * `remix vite:build` in production mode, once per process, unless a build newer than every source
 * is there; E2E_SKIP_BUILD=1 uses build/ as it is.
 */
export function buildOnce(): Promise<void> {
  builds.ozgRadarBuild ??= new Promise<void>((resolveBuild, reject) => {
    if (process.env.E2E_SKIP_BUILD || buildIsCurrent()) return resolveBuild()
    // VITEST is set in a test process; the config would then leave out the Remix plugin. NODE_ENV
    // is 'test' there too, which would build React's development bundles: test what production serves.
    const { VITEST: _vitest, ...rest } = process.env
    const build = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env: { ...rest, NODE_ENV: 'production' } })
    if (build.status !== 0) reject(new Error(`Build fehlgeschlagen:\n${build.stdout}\n${build.stderr}`))
    else resolveBuild()
  })
  return builds.ozgRadarBuild
}

/** The environment of this process without vitest's variables, plus `extra`. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  // A directory nobody uses, should a server start without one of its own.
  const unused = join(tmpdir(), 'ozg-radar-unused')
  return {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PGLITE_DIR: unused,
    DATABASE_URL: '',
    PUBLIC_URL: '',
    TRUST_PROXY: '',
    WEB_CONCURRENCY: '',
    SMTP_URL: '',
    ...extra,
  }
}

/** Runs server.mjs until it exits by itself (a refused configuration): its exit code and output. */
export function runServerUntilExit(extra: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['server.mjs'], { cwd: ROOT, env: serverEnv({ SESSION_SECRET: randomBytes(24).toString('hex'), ...extra }), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Der Server lief weiter, statt die Konfiguration abzulehnen:\n${output}`))
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolveRun({ code, output })
    })
  })
}

/** A fresh, empty database on the PostgreSQL server at TEST_DATABASE_URL. */
export async function createServerDatabase() {
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `ozg_server_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await dropper.unsafe(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/**
 * Starts server.mjs without waiting for it (also for a server that is expected to refuse).
 * Given an engine, it gets fresh data of its own and the demo community; given options, it runs
 * on the data the test prepared.
 */
export async function launchServer(target: ServerEngine | ServerOptions, extra: Record<string, string> = {}): Promise<RunningServer> {
  const options = typeof target === 'string' ? null : target
  const engine = typeof target === 'string' ? target : target.engine
  const dataDir = options?.engine === 'pglite' ? options.dataDir : mkdtempSync(join(tmpdir(), 'ozg-radar-server-'))
  const database = options ? null : engine === 'postgres' ? await createServerDatabase() : null
  const databaseUrl = options?.engine === 'postgres' ? options.databaseUrl : (database?.url ?? null)
  const port = await freePort()
  // Production without demo data requires one.
  const sessionSecret = extra.SESSION_SECRET ?? options?.env?.SESSION_SECRET ?? randomBytes(24).toString('hex')
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: ROOT,
    env: serverEnv({
      SESSION_SECRET: sessionSecret,
      PORT: String(port),
      PGLITE_DIR: dataDir,
      DEMO_DATA: 'true',
      WEB_CONCURRENCY: '1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options?.env,
      ...extra,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)))
  const stop: RunningServer['stop'] = async ({ keepData = false, signal = 'SIGTERM' } = {}) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    const code = await exited
    if (!options && !keepData) {
      rmSync(dataDir, { recursive: true, force: true })
      await database?.drop()
    }
    return code
  }
  return { engine, baseURL: `http://127.0.0.1:${port}`, dataDir, databaseUrl, sessionSecret, child, log: () => log, exited, stop }
}

/** Starts server.mjs (see launchServer) and resolves once it serves pages. */
export async function startServer(target: ServerEngine | ServerOptions, extra: Record<string, string> = {}): Promise<RunningServer> {
  const server = await launchServer(target, extra)
  try {
    const deadline = Date.now() + 90_000
    for (;;) {
      if (server.child.exitCode !== null) throw new Error(`Der Testserver ist beendet (Code ${server.child.exitCode}):\n${server.log()}`)
      if (Date.now() > deadline) throw new Error(`Der Testserver antwortet nicht:\n${server.log()}`)
      // Its own line first: between freePort() and listen another process may take the port,
      // and an answer from that one must not count.
      const listening = server.log().includes('läuft auf')
      const ok =
        listening &&
        (await fetch(`${server.baseURL}/anmelden`).then(
          (response) => response.ok,
          () => false, // not listening yet
        ))
      if (ok) return server
      await new Promise((r) => setTimeout(r, 250))
    }
  } catch (error) {
    await server.stop({ signal: 'SIGKILL' })
    throw error
  }
}

/** Starts several servers at once (see startServer); if any fails, stops the others and throws. */
export async function startServers(targets: ServerEngine[]): Promise<RunningServer[]> {
  const started = await Promise.allSettled(targets.map((target) => startServer(target)))
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()))
    throw failed.reason
  }
  return servers
}
