// The one module that opens the database: embedded PGlite (zero set-up) or PostgreSQL via
// postgres.js when DATABASE_URL is set. Everything else gets the instance from getDb().
import { randomUUID } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from '../../db/schema'
import { env } from './env.server'
import { logSlowPglite, logSlowPostgres } from './slow-query.server'

// Both drivers share drizzle's PgDatabase API; we type them as one so models need no branches.
export type Db = PostgresJsDatabase<typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type Engine = 'pglite' | 'postgres'

export type DatabaseHandle = { db: Db; engine: Engine; close: () => Promise<void> }

const migrationsFolder = resolve(process.cwd(), 'db/migrations')
// Any constant works; it only has to be the same for every app server of one deployment.
const MIGRATION_LOCK = 4_206_301

// slowQueryMs: statements slower than this are logged (the app's database: SLOW_QUERY_MS); 0 or none: not.
export type OpenOptions =
  | { engine: 'postgres'; url: string; max?: number; slowQueryMs?: number }
  // dir null: in memory; loadDataDir: start from a dumped data directory (tests' seeded template)
  | { engine: 'pglite'; dir: string | null; loadDataDir?: Blob; slowQueryMs?: number }

// PGlite's default shared_buffers (128 MB) sit inside its WebAssembly memory, which never
// shrinks: 16 MB hold the hot pages of a community; the rest is read from the operating
// system's file cache (docs/decisions/031-pglite-memory.md).
const PGLITE_CONF = ['shared_buffers = 16MB']

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.engine === 'postgres') {
    // Migrate on a dedicated connection holding an advisory lock, so that several app servers
    // starting together do not race each other.
    const migrator = postgres(options.url, { max: 1, onnotice: () => {} })
    try {
      await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`
      await migratePostgres(drizzlePostgres(migrator), { migrationsFolder })
      await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`
    } finally {
      await migrator.end()
    }
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} })
    logSlowPostgres(client, options.slowQueryMs ?? 0)
    const db = drizzlePostgres(client, { schema })
    return { db, engine: 'postgres', close: () => client.end({ timeout: 5 }) }
  }

  let releaseLock = () => {}
  if (options.dir) {
    const dir = resolve(options.dir)
    mkdirSync(dirname(dir), { recursive: true })
    releaseLock = lockDirectory(dir)
  }
  try {
    // PGlite ignores the options argument when the first one is undefined: pass one object.
    const client = new PGlite({ dataDir: options.dir ?? undefined, loadDataDir: options.loadDataDir, postgresqlconf: PGLITE_CONF })
    logSlowPglite(client, options.slowQueryMs ?? 0)
    const db = drizzlePglite(client, { schema }) as unknown as Db
    await migratePglite(db as never, { migrationsFolder })
    return {
      db,
      engine: 'pglite',
      close: async () => {
        await client.close()
        releaseLock()
      },
    }
  } catch (error) {
    releaseLock()
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Two processes on one PGlite directory silently lose writes: a lock file next to the directory
// admits one. It records who holds it — pid, the process's start time (so a pid the kernel has
// since given to another program is recognised), host and a random instance id — and its mtime
// is a heartbeat. A lock is stale, and is taken over, only when its holder is provably gone:
// the pid is not alive, or it is alive but started at another time (pid reused). Where the
// start time cannot be read (no /proc, another host on a shared volume, a lock of an older
// version), a heartbeat older than LOCK_STALE_MS counts as gone instead.
const HEARTBEAT_MS = 5_000
const LOCK_STALE_MS = 30_000

type LockRecord = { pid: number; startTime: string | null; host: string; instance: string }

export class DatabaseLockedError extends Error {
  constructor(
    message: string,
    readonly holderPid: number,
  ) {
    super(message)
    this.name = 'DatabaseLockedError'
  }
}

/** The process's start time in clock ticks since boot (/proc/<pid>/stat, field 22), if readable. */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function readLock(lockFile: string): LockRecord | null {
  let text: string
  try {
    text = readFileSync(lockFile, 'utf8').trim()
  } catch {
    return null
  }
  try {
    const record = JSON.parse(text) as Partial<LockRecord>
    if (typeof record.pid === 'number') return { pid: record.pid, startTime: record.startTime ?? null, host: record.host ?? '', instance: record.instance ?? '' }
  } catch {
    // A lock written by an older version holds only the pid.
  }
  const pid = Number(text)
  return Number.isInteger(pid) && pid > 0 ? { pid, startTime: null, host: '', instance: '' } : { pid: 0, startTime: null, host: '', instance: '' }
}

/** Whether the recorded holder may still be using the directory. */
function isHeld(lockFile: string, lock: LockRecord): boolean {
  const sameHost = lock.host === '' || lock.host === hostname()
  if (sameHost && lock.pid > 0 && !isAlive(lock.pid)) return false
  const startNow = sameHost && lock.pid > 0 ? processStartTime(lock.pid) : null
  if (lock.startTime !== null && startNow !== null) return startNow === lock.startTime
  try {
    return Date.now() - statSync(lockFile).mtimeMs < LOCK_STALE_MS
  } catch {
    return false
  }
}

function lockedMessage(dir: string, lock: LockRecord) {
  return (
    `Die Datenbank in ${dir} wird schon von einem anderen OZG-Radar-Server benutzt (Prozess ${lock.pid}` +
    `${lock.host && lock.host !== hostname() ? ` auf ${lock.host}` : ''}). Zwei Server auf einem Verzeichnis verlieren Daten. ` +
    'Beenden Sie den anderen Server oder setzen Sie PGLITE_DIR auf ein anderes Verzeichnis.'
  )
}

function lockDirectory(dir: string): () => void {
  const lockFile = `${dir}.lock`
  const me: LockRecord = { pid: process.pid, startTime: processStartTime(process.pid), host: hostname(), instance: randomUUID() }
  const existing = readLock(lockFile)
  if (existing) {
    if (isHeld(lockFile, existing)) throw new DatabaseLockedError(lockedMessage(dir, existing), existing.pid)
    rmSync(lockFile, { force: true })
  }
  try {
    const fd = openSync(lockFile, 'wx')
    writeSync(fd, JSON.stringify(me))
    closeSync(fd)
  } catch (error) {
    // Another server created it between our check and now.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const winner = readLock(lockFile)
    throw new DatabaseLockedError(lockedMessage(dir, winner ?? { pid: 0, startTime: null, host: '', instance: '' }), winner?.pid ?? 0)
  }
  // Two servers that found the same stale lock at the same moment: the later one removed the
  // earlier one's fresh lock. Read back: whoever's lock is not there gives way.
  const check = readLock(lockFile)
  if (check?.instance !== me.instance) throw new DatabaseLockedError(lockedMessage(dir, check ?? me), check?.pid ?? 0)

  const heartbeat = setInterval(() => {
    try {
      const now = readLock(lockFile)
      if (now === null) {
        // Deleted by hand: we still hold the directory, so write the lock again.
        writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' })
      } else if (now.instance !== me.instance) {
        // Someone took the directory over while this server runs: stop before writes are lost.
        console.error(`${lockedMessage(dir, now)} Dieser Server (Prozess ${process.pid}) beendet sich.`)
        process.exit(1)
      } else {
        const t = new Date()
        utimesSync(lockFile, t, t)
      }
    } catch (error) {
      // A full or read-only disk: the next beat tries again; a stale heartbeat alone never lets
      // another server on this host take over while this process lives.
      console.error('Die Sperrdatei der Datenbank lässt sich nicht aktualisieren:', error)
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()
  return () => {
    clearInterval(heartbeat)
    if (readLock(lockFile)?.instance === me.instance) rmSync(lockFile, { force: true })
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// db.execute() returns { rows } on PGlite and an array on postgres.js.
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] }
  return Array.isArray(result) ? result : result.rows
}

const CONVERT = { number: 'Number(raw.%s)', string: 'String(raw.%s)', boolean: 'raw.%s === true' } as const

/**
 * Converts a plain row of queryRows into an object of fixed shape: one object literal compiled
 * once from the (constant, checked) column names. Assigning many keys in a loop was 4–6× slower
 * (megamorphic keyed access): 9 % of /api/v1/summary's server time at 400 counties.
 */
export function rowReader<T>(columns: Record<string, keyof typeof CONVERT>): (raw: Record<string, unknown>) => T {
  const fields = Object.entries(columns).map(([key, kind]) => {
    if (!/^[A-Za-z]\w*$/.test(key)) throw new Error(`not a column name: ${key}`)
    return `${key}: ${CONVERT[kind].replace('%s', key)}`
  })
  return new Function('raw', `return { ${fields.join(', ')} }`) as (raw: Record<string, unknown>) => T
}

let current: Promise<DatabaseHandle> | undefined
/** The handle once open; null while opening or after a failure. */
let opened: DatabaseHandle | null = null
let lastFailure: unknown = null

// Tests and scripts hand in their own database; the app server opens one from the environment.
export function useDatabase(handle: DatabaseHandle) {
  current = Promise.resolve(handle)
  opened = handle
  lastFailure = null
}

function openCurrent(): Promise<DatabaseHandle> {
  if (!current) {
    const opening = openFromEnv()
    current = opening
    opening.then(
      (handle) => {
        opened = handle
        lastFailure = null
      },
      (error) => {
        // Not cached: the next request tries again (e.g. once the other server on this PGlite
        // directory has stopped) instead of failing forever. Logged once per kind of failure.
        if (current === opening) current = undefined
        if (describeFailure(error) !== (lastFailure === null ? null : describeFailure(lastFailure))) console.error(describeFailure(error), error instanceof DatabaseLockedError ? '' : error)
        lastFailure = error
      },
    )
  }
  return current
}

export async function getDb(): Promise<Db> {
  return (await openCurrent()).db
}

export async function getEngine(): Promise<Engine> {
  return (await openCurrent()).engine
}

/**
 * Opens the app's database now — for the server to call once at start, before it listens.
 * Migrates and seeds as the first request otherwise would. A database that cannot be opened (the
 * PGlite directory is locked by another server, PostgreSQL unreachable, a migration fails) ends
 * the process with a German message and status 1: a server without its database must not run
 * and answer every page with 500.
 */
export async function openAppDatabase(): Promise<DatabaseHandle> {
  try {
    return await openCurrent()
  } catch {
    // openCurrent() has logged the cause just above.
    console.error('OZG-Radar startet nicht: Ohne seine Datenbank kann der Server nicht arbeiten.')
    process.exit(1)
  }
}

function describeFailure(error: unknown) {
  if (error instanceof DatabaseLockedError) return error.message
  return 'Die Datenbank lässt sich nicht öffnen. Prüfen Sie DATABASE_URL bzw. PGLITE_DIR; die Ursache steht unten.'
}

export type DatabaseHealth = { ok: true } | { ok: false; reason: string }

/**
 * For /healthz: whether the database is open and answers a query within `timeoutMs`. Starts the
 * opening if nothing has yet (remix-serve opens lazily), but never waits for it.
 */
export async function checkDatabaseHealth(timeoutMs = 5_000): Promise<DatabaseHealth> {
  openCurrent().catch(() => {}) // outcome read from `opened` / `lastFailure`
  if (!opened) {
    // The cause is in the server log; the probe's answer stays free of paths and pids.
    return { ok: false, reason: lastFailure ? 'Die Datenbank ist nicht verfügbar.' : 'Die Datenbank wird geöffnet.' }
  }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `Die Datenbank antwortet nicht innerhalb von ${timeoutMs / 1000} s.` }), timeoutMs)
  })
  const query = queryRows<{ ok: number }>(opened.db, sql`select 1 as ok`).then(
    ([row]): DatabaseHealth => (Number(row?.ok) === 1 ? { ok: true } : { ok: false, reason: 'Die Datenbank antwortet unerwartet.' }),
    (error: unknown): DatabaseHealth => {
      console.error('Die Gesundheitsprüfung der Datenbank ist fehlgeschlagen:', error)
      return { ok: false, reason: 'Die Datenbank meldet einen Fehler.' }
    },
  )
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}

type Seeder = (db: Db, options: { demo: boolean }) => Promise<void>
let seeder: Seeder | undefined

/**
 * The app's start (app/entry.server.tsx) says how an empty database is filled — the catalogue,
 * and the demo community in demo mode — before anything opens it. Opening a database does not
 * know the seeds: tests and scripts open databases that stay as they are.
 */
export function seedOnOpen(seed: Seeder) {
  seeder = seed
}

async function openFromEnv(): Promise<DatabaseHandle> {
  const config = env()
  const handle = config.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: config.DATABASE_URL, slowQueryMs: config.SLOW_QUERY_MS })
    : await openDatabase({ engine: 'pglite', dir: join(config.PGLITE_DIR, 'pglite'), slowQueryMs: config.SLOW_QUERY_MS })
  try {
    await seeder?.(handle.db, { demo: config.demoData })
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  // Open pools and PGlite keep the process alive: close them so SIGTERM really stops the
  // process. Our HTTP server (server.mjs) handles the signals itself (it stops listening first,
  // then calls closeDatabase); this covers hosts that do not, such as the dev server.
  if (process.listenerCount('SIGTERM') === 0) {
    const stop = () => {
      handle.close().finally(() => process.exit(0))
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }
  return handle
}

/** Closes the database opened from the environment, if it was opened. */
export async function closeDatabase(): Promise<void> {
  const opened = current
  current = undefined
  if (opened) await (await opened.catch(() => null))?.close()
}

/**
 * Remembers what `load` reads from a database for as long as that database handle lives: for
 * data the seed writes once and nothing changes afterwards. A failed read, or a value `keep`
 * refuses (a database not seeded yet), is read again next time.
 */
export function oncePerDatabase<T>(load: (db: Db) => PromiseLike<T>, keep: (value: T) => boolean = () => true): (db: Db) => Promise<T> {
  const results = new WeakMap<Db, Promise<T>>()
  return (db) => {
    let result = results.get(db)
    if (!result) {
      // Promise.resolve settles a query builder once (it runs again on every then()).
      result = Promise.resolve(load(db))
      results.set(db, result)
      result.then(
        (value) => keep(value) || results.delete(db),
        () => results.delete(db),
      )
    }
    return result
  }
}

