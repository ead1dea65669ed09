// Builds the app once per test run and starts the real production server (server.mjs) on a free
// port, as `npm start` would: on a fresh PGlite directory or a fresh PostgreSQL database, with the
// demo community. Used by the global setups of the e2e and security projects.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'

export type ServerEngine = 'pglite' | 'postgres'
export type RunningServer = {
  engine: ServerEngine
  baseURL: string
  /** Where PGlite keeps its files (a fresh temporary directory). */
  dataDir: string
  /** The server's PostgreSQL database (engine 'postgres' only), for tests that check it directly. */
  databaseUrl?: string
  sessionSecret: string
  log: () => string
  /** SIGTERM, then removes the data (unless kept); resolves with the server's exit code. */
  stop: (options?: { keepData?: boolean }) => Promise<number | null>
}

/** The data of a stopped server (`stop({ keepData: true })`) that the next one starts on; with
 *  its session secret, the sessions signed in before stay valid. */
export type KeptData = { dataDir: string; databaseUrl?: string; sessionSecret?: string }

// Both projects' global setups run in one vitest process: the second waits for the first build.
const builds = globalThis as { ozgRadarBuild?: Promise<void> }

/** `remix vite:build` in production mode, once per process; E2E_SKIP_BUILD=1 uses build/ as it is. */
export function buildOnce(): Promise<void> {
  builds.ozgRadarBuild ??= new Promise<void>((resolve, reject) => {
    if (process.env.E2E_SKIP_BUILD) return resolve()
    // VITEST is set in this process; the config would then leave out the Remix plugin.
    // NODE_ENV is 'test' here too, which would build React's development bundles: test what
    // production serves.
    const { VITEST: _vitest, ...rest } = process.env
    const build = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'pipe', encoding: 'utf8', env: { ...rest, NODE_ENV: 'production' } })
    if (build.status !== 0) reject(new Error(`Build fehlgeschlagen:\n${build.stdout}\n${build.stderr}`))
    else resolve()
  })
  return builds.ozgRadarBuild
}

export function freePort(): Promise<number> {
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
    // Production without demo data requires one.
    SESSION_SECRET: randomBytes(24).toString('hex'),
    ...extra,
  }
}

/** Runs server.mjs until it exits by itself (a refused configuration): its exit code and output. */
export function runServerUntilExit(extra: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server.mjs'], { env: serverEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Der Server lief weiter, statt die Konfiguration abzulehnen:\n${output}`))
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

async function createDatabase(adminUrl: string) {
  const name = `ozg_server_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return existingDatabase(adminUrl, url.toString())
}

function existingDatabase(adminUrl: string, databaseUrl: string) {
  const name = new URL(databaseUrl).pathname.slice(1)
  return {
    url: databaseUrl,
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await dropper.unsafe(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/**
 * Starts server.mjs on a free port with the demo community: on a fresh PGlite directory, or on a
 * fresh database of the PostgreSQL server at TEST_DATABASE_URL; or on the data a stopped server
 * kept (`kept`). Resolves once it serves pages.
 */
export async function startServer(engine: ServerEngine, extra: Record<string, string> = {}, kept?: KeptData): Promise<RunningServer> {
  const dataDir = kept?.dataDir ?? mkdtempSync(join(tmpdir(), 'ozg-radar-server-'))
  const adminUrl = process.env.TEST_DATABASE_URL!
  const database = engine !== 'postgres' ? null : kept?.databaseUrl ? existingDatabase(adminUrl, kept.databaseUrl) : await createDatabase(adminUrl)
  const port = await freePort()
  const sessionSecret = kept?.sessionSecret ?? randomBytes(24).toString('hex')
  const child = spawn(process.execPath, ['server.mjs'], {
    env: serverEnv({ PORT: String(port), PGLITE_DIR: dataDir, DEMO_DATA: 'true', WEB_CONCURRENCY: '1', SESSION_SECRET: sessionSecret, ...(database ? { DATABASE_URL: database.url } : {}), ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const baseURL = `http://127.0.0.1:${port}`
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async (options: { keepData?: boolean } = {}) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const code = await exited
    if (!options.keepData) {
      rmSync(dataDir, { recursive: true, force: true })
      await database?.drop()
    }
    return code
  }
  try {
    const deadline = Date.now() + 90_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Der Testserver ist beendet (Code ${child.exitCode}):\n${log}`)
      if (Date.now() > deadline) throw new Error(`Der Testserver antwortet nicht:\n${log}`)
      const ok = await fetch(`${baseURL}/anmelden`).then(
        (response) => response.ok,
        () => false, // not listening yet
      )
      if (ok) break
      await new Promise((r) => setTimeout(r, 250))
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { engine, baseURL, dataDir, databaseUrl: database?.url, sessionSecret, log: () => log, stop }
}
