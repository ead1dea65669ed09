// The app server under test: server.mjs from the production build, as `npm start` runs it, with
// one or more worker processes (WEB_CONCURRENCY, node:cluster) on a free port of 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

const ROOT = process.cwd()
// Every server of a run signs sessions with the same secret (the cookies were issued once).
const SESSION_SECRET = randomBytes(24).toString('hex')

export type Server = {
  child: ChildProcess
  base: string
  log: string[]
  workers: number
  /** The process ids that answer requests: the workers (with one, the process itself). */
  workerPids: () => number[]
}

export type ServerOptions = { workers?: number; env?: Record<string, string>; /** Node options before server.mjs, e.g. --cpu-prof. */ nodeArgs?: string[] }

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('kein Port'))))
    })
  })
}

export async function startServer(databaseUrl: string, options: ServerOptions = {}): Promise<Server> {
  const workers = options.workers ?? 1
  const port = await freePort()
  const log: string[] = []
  const pids = new Set<number>()
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'false',
      SESSION_SECRET,
      // One process unless asked, so that its peak memory is the server's.
      WEB_CONCURRENCY: String(workers),
      // The load test sends thousands of requests a second with one token: count them (the
      // write is part of what an API request costs) but do not refuse them.
      API_RATE_LIMIT: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (chunk: Buffer) => {
    const text = chunk.toString()
    // Each worker says „OZG-Radar läuft auf … (Prozess <pid>)“ once it listens.
    for (const match of text.matchAll(/\(Prozess (\d+)\)/g)) pids.add(Number(match[1]))
    log.push(text)
    if (log.length > 50) log.shift()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const server: Server = { child, base: `http://127.0.0.1:${port}`, log, workers, workerPids: () => [...pids] }
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server beendet (Code ${child.exitCode}):\n${log.join('')}`)
    if (pids.size >= workers && (await answers(server.base))) return server
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`Server antwortet nicht:\n${log.join('')}`)
}

async function answers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/healthz`)
    await res.arrayBuffer()
    // Without /healthz in the build, any answer means the server listens.
    return res.status === 200 || res.status === 404
  } catch {
    return false // not listening yet
  }
}

/** Peak resident memory of a process in MB (VmHWM). */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1])
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

export async function stopServer(server: Server) {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
  await exited
  clearTimeout(timer)
}

/** For the perf scenarios that time single requests: request log lines only from warn up, no API limit. */
export const QUIET_UNLIMITED: Record<string, string> = { LOG_LEVEL: 'warn', API_RATE_LIMIT: '0' }
