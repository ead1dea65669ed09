// The embedded database admits one server per directory (issue 10): a second one is refused with
// a German message; a lock left by a server that is gone is taken over, also when its pid now
// belongs to another program. PGlite only: PostgreSQL needs no lock file.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loader as healthz } from '~/routes/healthz'
import { DatabaseLockedError, openDatabase, useDatabase, type DatabaseHandle } from '~/utils/db.server'

let root: string
let bystander: ChildProcess
const opened: DatabaseHandle[] = []

/** Field 22 of /proc/<pid>/stat: when the process started. */
function startTimeOf(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
}

function freshDir(name: string) {
  mkdirSync(join(root, name))
  return join(root, name, 'pglite')
}

async function open(dir: string) {
  const handle = await openDatabase({ engine: 'pglite', dir })
  opened.push(handle)
  return handle
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ozg-lock-'))
  // Some other program that happens to run with a pid a lock file may name.
  bystander = spawn('sleep', ['600'], { stdio: 'ignore' })
})

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close().catch(() => {})
})

afterAll(() => {
  bystander.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

describe('the PGlite directory lock', () => {
  it('refuses a second server on the same directory in German, and admits it once the first has closed', async () => {
    const dir = freshDir('zweiter')
    const first = await open(dir)
    const error = await openDatabase({ engine: 'pglite', dir }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DatabaseLockedError)
    expect((error as Error).message).toMatch(new RegExp(`wird schon von einem anderen OZG-Radar-Server benutzt \\(Prozess ${process.pid}\\).*PGLITE_DIR`))
    await first.close()
    opened.splice(opened.indexOf(first), 1)
    const second = await open(dir)
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid })
    await second.close()
    opened.pop()
    // Closing removes the lock file.
    expect(() => readFileSync(`${dir}.lock`)).toThrow()
  })

  it('refuses while another live process holds the lock it wrote (same pid, same start time)', async () => {
    const dir = freshDir('belegt')
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: bystander.pid, startTime: startTimeOf(bystander.pid!), host: hostname(), instance: 'anderer-server' }))
    await expect(openDatabase({ engine: 'pglite', dir })).rejects.toThrow(`Prozess ${bystander.pid}`)
    // The holder's lock is left alone.
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).instance).toBe('anderer-server')
  })

  it('takes over a stale lock whose pid now belongs to another program', async () => {
    const dir = freshDir('pid-wiederverwendet')
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: bystander.pid, startTime: '1', host: hostname(), instance: 'alter-server' }))
    await open(dir)
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() })
  })

  it('takes over a lock whose process is gone', async () => {
    const dir = freshDir('beendet')
    const gone = spawn('true')
    await new Promise((resolve) => gone.once('exit', resolve))
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: gone.pid, startTime: '1', host: hostname(), instance: 'weg' }))
    await open(dir)
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid)
  })

  it('judges a lock without a start time (older version, other host) by its heartbeat', async () => {
    const dir = freshDir('alt')
    // A fresh lock of the older format, naming a live process: held.
    writeFileSync(`${dir}.lock`, String(bystander.pid))
    await expect(openDatabase({ engine: 'pglite', dir })).rejects.toBeInstanceOf(DatabaseLockedError)
    // Its heartbeat long stopped: stale.
    const longAgo = new Date(Date.now() - 10 * 60_000)
    utimesSync(`${dir}.lock`, longAgo, longAgo)
    await open(dir)
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid)
  })
})

describe('/healthz', () => {
  it('answers 200 when the database answers a query and 503 when it does not', async () => {
    const handle = await openDatabase({ engine: 'pglite', dir: null })
    useDatabase(handle)
    const ok = await healthz()
    expect(ok.status).toBe(200)
    await handle.close()
    const down = await healthz()
    expect(down.status).toBe(503)
    expect(await down.text()).toMatch(/^Die Datenbank/)
  })
})
