// Starting the production server for browser tests, in one place: the global setup starts the
// shared demo server with it, and journeys that need their own database (e.g. an empty
// PostgreSQL one) start a second. The command that serves the build is SERVER_COMMAND alone.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** How `npm start` serves the production build (node + arguments, from the repository root). */
export const SERVER_COMMAND = [process.execPath, 'node_modules/@remix-run/serve/dist/cli.js', 'build/server/index.js'] as const

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

export type TestServer = { baseURL: string; log: () => string; stop: () => Promise<void> }

/**
 * Starts the built app on a free port of 127.0.0.1 with the given environment on top of this
 * process's (vitest's own variables left out) and waits until it answers.
 */
export async function startServer(env: Record<string, string>): Promise<TestServer> {
  const port = await freePort()
  let log = ''
  const [command, ...args] = SERVER_COMMAND
  const child = spawn(command, args, {
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const baseURL = `http://127.0.0.1:${port}`
  try {
    await waitForServer(baseURL, child, () => log)
  } catch (error) {
    child.kill('SIGTERM')
    throw error
  }
  return {
    baseURL,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r).once('error', r))
      }
    },
  }
}
