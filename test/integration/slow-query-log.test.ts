// The slow-query log (SLOW_QUERY_MS) on both drivers, under drizzle as the app uses them: a
// statement over the threshold leaves one warn line with its text and the request's user id —
// never its parameters — in and outside transactions; a fast one leaves none, and with the
// threshold 0 nothing is wrapped at all.
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { noteRequestUser, withRequestFacts } from '~/utils/request-log.server'
import { logSlowPglite, logSlowPostgres } from '~/utils/slow-query.server'

type Client = {
  run: (statement: ReturnType<typeof sql>) => Promise<unknown>
  inTransaction: (statement: ReturnType<typeof sql>) => Promise<unknown>
  close: () => Promise<void>
}

function pgliteClient(thresholdMs: number): Client {
  const client = new PGlite()
  logSlowPglite(client, thresholdMs)
  const db = drizzlePglite(client)
  return {
    run: (statement) => db.execute(statement),
    inTransaction: (statement) => db.transaction((tx) => tx.execute(statement)),
    close: () => client.close(),
  }
}

function postgresClient(thresholdMs: number): Client {
  const client = postgres(process.env.TEST_DATABASE_URL!, { max: 2, onnotice: () => {} })
  logSlowPostgres(client, thresholdMs)
  const db = drizzlePostgres(client)
  return {
    run: (statement) => db.execute(statement),
    inTransaction: (statement) => db.transaction((tx) => tx.execute(statement)),
    close: () => client.end({ timeout: 5 }),
  }
}

const makers = { pglite: pgliteClient, postgres: postgresClient }
const engines = (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as (keyof typeof makers)[]

function slowLines(spy: ReturnType<typeof vi.spyOn>) {
  return spy.mock.calls
    .map((args: unknown[]) => String(args[0]))
    .filter((line: string) => line.includes('"slow-query"'))
    .map((line: string) => JSON.parse(line) as Record<string, unknown>)
}

describe.each(engines)('slow-query log [%s]', (engine) => {
  let logged: Client
  let unwrapped: Client
  let spy: ReturnType<typeof vi.spyOn>
  beforeAll(async () => {
    logged = makers[engine](40)
    unwrapped = makers[engine](0)
    // Starting a client runs statements of its own (PGlite's type catalogue): not under test.
    await logged.run(sql`select 1`)
    await unwrapped.run(sql`select 1`)
  })
  afterAll(async () => {
    await logged?.close()
    await unwrapped?.close()
  })
  afterEach(() => spy?.mockRestore())

  it('logs a statement over the threshold with its text and the user id, not its parameters', async () => {
    spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    const rows = await withRequestFacts({ userId: null }, async () => {
      noteRequestUser(42)
      return logged.run(sql`select pg_sleep(0.08), ${'geheim@kreis.de'}::text as mail`)
    })
    expect(JSON.stringify(rows)).toContain('geheim@kreis.de')
    const lines = slowLines(spy)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'warn', scope: 'slow-query', userId: 42 })
    expect(String(lines[0].statement)).toContain('pg_sleep(0.08)')
    expect(Number(lines[0].durationMs)).toBeGreaterThan(40)
    expect(JSON.stringify(lines[0])).not.toContain('geheim@kreis.de')
  })

  it('logs slow statements inside a transaction, and none for fast ones', async () => {
    spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    await logged.run(sql`select 1`)
    await logged.inTransaction(sql`select pg_sleep(0.08)`)
    const lines = slowLines(spy)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ userId: null })
    expect(String(lines[0].statement)).toContain('pg_sleep')
  })

  it('logs nothing with the threshold 0', async () => {
    spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    await unwrapped.run(sql`select pg_sleep(0.08)`)
    await unwrapped.inTransaction(sql`select pg_sleep(0.08)`)
    expect(slowLines(spy)).toHaveLength(0)
  })
})
