// The embedded default (issue 15, item 6): server.mjs on a fresh PGlite directory with the demo
// community, its resident memory once the seed is done and it idles; then a restart on the same
// data and how long until its first page answers.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './server'
import { round } from './stats'

export type PgliteResult = {
  status: 'ok' | 'fehler'
  note?: string
  /** Seconds from the start on an empty directory until the seeded server answers. */
  seedSeconds?: number
  /** VmRSS of the server 5 s after it answered, in MB. */
  idleRssMb?: number
  peakRssMb?: number
  /** Seconds from a restart on the seeded directory until the sign-in page answered 200. */
  restartFirstPageSeconds?: number
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return Math.round(kb / 1024)
}

/** Starts server.mjs on `dir` and resolves, once /anmelden answers 200, with the seconds it took. */
async function start(dir: string, secret: string, timeoutMs: number) {
  const listen = await freePort()
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(listen), PGLITE_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'true', WEB_CONCURRENCY: '', SESSION_SECRET: secret },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  child.stderr!.on('data', (chunk) => (errors = (errors + chunk).slice(-2000)))
  const t0 = performance.now()
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`PGlite-Server beendet (${child.exitCode}): ${errors}`)
    const ok = await fetch(`http://127.0.0.1:${listen}/anmelden`).then(
      async (res) => (await res.arrayBuffer(), res.status === 200),
      () => false,
    )
    if (ok) return { pid: child.pid!, seconds: (performance.now() - t0) / 1000, stop }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop()
  throw new Error(`PGlite-Server antwortet nicht binnen ${timeoutMs / 1000} s: ${errors}`)
}

export async function measurePglite(): Promise<PgliteResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-bench-pglite-'))
  const secret = randomBytes(24).toString('hex')
  try {
    const first = await start(dir, secret, 300_000)
    await new Promise((r) => setTimeout(r, 5000))
    const idleRssMb = memoryMb(first.pid, 'VmRSS')
    const peakRssMb = memoryMb(first.pid, 'VmHWM')
    await first.stop()
    const second = await start(dir, secret, 120_000)
    await second.stop()
    return { status: 'ok', seedSeconds: round(first.seconds), idleRssMb, peakRssMb, restartFirstPageSeconds: round(second.seconds, 2) }
  } catch (error) {
    return { status: 'fehler', note: error instanceof Error ? error.message : String(error) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
