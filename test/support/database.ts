// Database tests run on every engine available: PGlite in memory always, and the PostgreSQL
// server when TEST_DATABASE_URL is set, each in a fresh database that is dropped afterwards.
//
// Seeding the demo community costs 2–4 s and a new PGlite another 2–3 s, and most test files
// want the same starting state. So each state is built once per engine and copied per file: on
// PostgreSQL as a template database (`CREATE DATABASE … TEMPLATE`), on PGlite as a dumped data
// directory in the temp folder. Both are named by a hash of everything that shapes them
// (migrations, seeds, domain code), so a change builds a new one.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { afterAll, beforeAll, describe } from 'vitest'
import { openDatabase, useDatabase, type DatabaseHandle, type Engine } from '~/utils/db.server'
import { seedDatabase } from '../../seeds/seed.server'

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** The starting state of a test database: migrated only, with the catalogue, or the demo community. */
export type Start = 'empty' | 'catalogue' | 'demo'

async function seed(handle: DatabaseHandle, start: Start) {
  if (start !== 'empty') await seedDatabase(handle.db, { demo: start === 'demo' })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })
}

let shapeHash: string | undefined
function templateKey(start: Start): string {
  if (!shapeHash) {
    const hash = createHash('sha256')
    for (const dir of ['db', 'seeds', 'app/domain']) {
      for (const file of filesUnder(resolve(process.cwd(), dir))) hash.update(file).update(readFileSync(file))
    }
    shapeHash = hash.digest('hex').slice(0, 12)
  }
  return `${start}_${shapeHash}`
}

function adminConnection() {
  return postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} })
}

function databaseUrl(name: string) {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

/** Builds the template database for `start` once; parallel test files wait for the first. */
async function ensurePostgresTemplate(start: Start): Promise<string> {
  const name = `ozg_tpl_${templateKey(start)}`
  const admin = adminConnection()
  try {
    await admin`select pg_advisory_lock(hashtext(${name}))`
    const [found] = await admin`select 1 from pg_database where datname = ${name}`
    if (!found) {
      // Templates of older code shapes are of no use any more; the newest few stay, since
      // other checkouts on this machine (worktrees) may be testing with them right now.
      const old = await admin`
        select datname from pg_database where datname like ${`ozg_tpl_${start}_%`}
        order by oid desc offset 6`
      for (const { datname } of old) await admin.unsafe(`drop database if exists ${datname} with (force)`)
      const building = `${name}_build`
      await admin.unsafe(`drop database if exists ${building} with (force)`)
      await admin.unsafe(`create database ${building}`)
      const handle = await openDatabase({ engine: 'postgres', url: databaseUrl(building), max: 2 })
      await seed(handle, start)
      await handle.close()
      // Renamed only when complete, so a crash mid-seed never leaves a half-built template.
      await admin.unsafe(`alter database ${building} rename to ${name}`)
    }
    await admin`select pg_advisory_unlock(hashtext(${name}))`
  } finally {
    await admin.end()
  }
  return name
}

const pgliteDumps = new Map<Start, Promise<Blob>>()
/** A dumped PGlite data directory for `start`, shared by the test files through the temp folder. */
function pgliteTemplate(start: Start): Promise<Blob> {
  let dump = pgliteDumps.get(start)
  if (!dump) {
    dump = (async () => {
      const file = join(tmpdir(), `ozg-radar-pglite-${templateKey(start)}.tar`)
      if (existsSync(file)) return new Blob([readFileSync(file)])
      const handle = await openDatabase({ engine: 'pglite', dir: null })
      await seed(handle, start)
      const client = (handle.db as unknown as { $client: PGlite }).$client
      const blob = await client.dumpDataDir('none')
      await handle.close()
      // Written under a unique name and renamed: another worker never reads half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()))
      renameSync(partial, file)
      return blob
    })()
    pgliteDumps.set(start, dump)
  }
  return dump
}

export async function createTestDatabase(engine: Engine, start: Start = 'empty'): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openDatabase({ engine: 'pglite', dir: null, loadDataDir: await pgliteTemplate(start) })
  const template = await ensurePostgresTemplate(start)
  const name = `ozg_test_${randomBytes(6).toString('hex')}`
  const admin = adminConnection()
  await admin.unsafe(`create database ${name} template ${template}`)
  await admin.end()
  const handle = await openDatabase({ engine: 'postgres', url: databaseUrl(name), max: 4 })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const dropper = adminConnection()
      await dropper.unsafe(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/**
 * Runs `body` once per engine, with a fresh database opened before and closed after, and made
 * the current database for the models. The engine name is in every test's title, so the output
 * shows that the tests ran on both. `setup` is a starting state copied from a template, or a
 * function run on an empty migrated database.
 */
export function describeEachEngine(
  title: string,
  body: (ctx: { handle: () => DatabaseHandle; engine: Engine }) => void,
  setup?: Start | ((handle: DatabaseHandle) => Promise<void>),
) {
  for (const engine of engines) {
    describe(`${title} [${engine}]`, () => {
      let handle: DatabaseHandle
      beforeAll(async () => {
        handle = await createTestDatabase(engine, typeof setup === 'string' ? setup : 'empty')
        useDatabase(handle)
        if (typeof setup === 'function') await setup(handle)
      })
      afterAll(async () => {
        await handle?.close()
      })
      body({ handle: () => handle, engine })
    })
  }
}
