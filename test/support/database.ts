// Database tests run on every engine available: PGlite in memory always, and the PostgreSQL
// server when TEST_DATABASE_URL is set, each in a fresh database that is dropped afterwards.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe } from 'vitest'
import { openDatabase, useDatabase, type DatabaseHandle, type Engine } from '~/utils/db.server'

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export async function createTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openDatabase({ engine: 'pglite', dir: null })
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `ozg_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), max: 4 })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await dropper.unsafe(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/**
 * Runs `body` once per engine, with a fresh database opened before and closed after, and made
 * the current database for the models. The engine name is in every test's title, so the output
 * shows that the tests ran on both.
 */
export function describeEachEngine(title: string, body: (ctx: { handle: () => DatabaseHandle; engine: Engine }) => void, setup?: (handle: DatabaseHandle) => Promise<void>) {
  for (const engine of engines) {
    describe(`${title} [${engine}]`, () => {
      let handle: DatabaseHandle
      beforeAll(async () => {
        handle = await createTestDatabase(engine)
        useDatabase(handle)
        if (setup) await setup(handle)
      })
      afterAll(async () => {
        await handle?.close()
      })
      body({ handle: () => handle, engine })
    })
  }
}
