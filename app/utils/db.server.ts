// The one module that opens the database: embedded PGlite (zero set-up) or PostgreSQL via
// postgres.js when DATABASE_URL is set. Everything else gets the instance from getDb().
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
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

// Both drivers share drizzle's PgDatabase API; we type them as one so models need no branches.
export type Db = PostgresJsDatabase<typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type Engine = 'pglite' | 'postgres'

export type DatabaseHandle = { db: Db; engine: Engine; close: () => Promise<void> }

const migrationsFolder = resolve(process.cwd(), 'db/migrations')
// Any constant works; it only has to be the same for every app server of one deployment.
const MIGRATION_LOCK = 4_206_301

export type OpenOptions =
  | { engine: 'postgres'; url: string; max?: number }
  | { engine: 'pglite'; dir: string | null } // null: in memory

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
    const client = new PGlite(options.dir ?? undefined)
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

// Two processes on one PGlite directory silently lose writes: refuse the second one.
function lockDirectory(dir: string): () => void {
  const lockFile = `${dir}.lock`
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim())
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Die Datenbank in ${dir} wird schon von Prozess ${pid} benutzt. ` +
          'Beenden Sie ihn oder setzen Sie PGLITE_DIR auf ein anderes Verzeichnis.',
      )
    }
    rmSync(lockFile, { force: true })
  }
  const fd = openSync(lockFile, 'wx')
  writeSync(fd, String(process.pid))
  closeSync(fd)
  return () => rmSync(lockFile, { force: true })
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

let current: Promise<DatabaseHandle> | undefined

// Tests and scripts hand in their own database; the app server opens one from the environment.
export function useDatabase(handle: DatabaseHandle) {
  current = Promise.resolve(handle)
}

export async function getDb(): Promise<Db> {
  current ??= openFromEnv()
  return (await current).db
}

export async function getEngine(): Promise<Engine> {
  current ??= openFromEnv()
  return (await current).engine
}

async function openFromEnv(): Promise<DatabaseHandle> {
  const config = env()
  const handle = config.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: config.DATABASE_URL })
    : await openDatabase({ engine: 'pglite', dir: join(config.PGLITE_DIR, 'pglite') })
  const { seedDatabase } = await import('../../seeds/seed.server')
  await seedDatabase(handle.db, { demo: config.demoData })
  // Background tasks start with the database until the server start calls startJobs() itself.
  // Not awaited: the tasks read the database through getDb(), which waits for this function.
  const jobs = import('../jobs/index.server')
  jobs.then((j) => j.startJobs()).catch((error) => console.error('Hintergrundaufgaben konnten nicht starten:', error))
  // Open pools and PGlite keep the process alive: close them so SIGTERM really stops the server.
  const stop = () => {
    jobs
      .then((j) => j.stopJobs())
      .catch(() => {})
      .finally(() => handle.close().finally(() => process.exit(0)))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  return handle
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

/** Whether this is the demo community: set when the database is seeded. */
export const isDemoMode = oncePerDatabase((db) =>
  queryRows<{ value: string }>(db, sql`select value from app_meta where key = 'demo'`).then(([row]) => row?.value === 'true'),
)
