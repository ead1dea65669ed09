// The production server for the perf scenarios (bench/profile.ts, bench/national.ts): one
// process on a free local port with a benchmark database, answered once /healthz is 200.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('kein Port'))))
    })
  })
}

export type BenchServer = { child: ChildProcess; base: string; exited: Promise<unknown> }

/** Starts `node [nodeArgs] server.mjs` in production mode on `databaseUrl` and waits until it answers. */
export async function startBenchServer(databaseUrl: string, nodeArgs: string[] = []): Promise<BenchServer> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeArgs, 'server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'false',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      WEB_CONCURRENCY: '1',
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise((done) => child.once('exit', done))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 200))
  }
  return { child, base, exited }
}
