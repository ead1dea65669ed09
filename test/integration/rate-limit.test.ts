// The shared counter itself: one statement checks and counts, so parallel hits from several
// connection pools (as from several app processes) never get past a limit.
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../support/database'
import type { Bucket } from '~/domain/rate-limit'
import { consumeRateLimit } from '~/models/rate-limit.server'
import { openDatabase, queryRows, type DatabaseHandle, type Db } from '~/utils/db.server'

describeEachEngine('rate-limit counters', ({ handle, engine }) => {
  // On PostgreSQL a second pool on the same database plays a second app process.
  let second: DatabaseHandle | null = null
  beforeAll(async () => {
    if (engine !== 'postgres') return
    const [{ name }] = await queryRows<{ name: string }>(handle().db, sql`select current_database() as name`)
    const url = new URL(process.env.TEST_DATABASE_URL!)
    url.pathname = `/${name}`
    second = await openDatabase({ engine: 'postgres', url: url.toString(), max: 4 })
  })
  afterAll(async () => {
    await second?.close()
  })
  const processes = (): Db[] => [handle().db, second?.db ?? handle().db]

  it('lets exactly the limit through of 60 parallel hits from two processes', async () => {
    const bucket: Bucket = { key: 'test:parallel', limit: 10, windowSeconds: 600 }
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => consumeRateLimit([bucket], processes()[i % 2])))
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
    const refused = results.filter((r) => !r.allowed)
    expect(refused).toHaveLength(50)
    for (const r of refused) {
      expect(r.retryAfterSeconds).toBeGreaterThan(0)
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(600)
    }
  })

  it('refuses when any bucket is full and then leaves the other buckets as they were', async () => {
    const small: Bucket = { key: 'test:small', limit: 1, windowSeconds: 600 }
    const large: Bucket = { key: 'test:large', limit: 100, windowSeconds: 600 }
    expect((await consumeRateLimit([small, large])).allowed).toBe(true)
    for (let i = 0; i < 5; i++) expect((await consumeRateLimit([large, small])).allowed).toBe(false)
    const rows = await queryRows<{ key: string; hits: number }>(handle().db, sql`select key, hits from rate_limits where key like 'test:%' and key <> 'test:parallel' order by key`)
    expect(rows.map((r) => [r.key, Number(r.hits)])).toEqual([
      ['test:large', 1],
      ['test:small', 1],
    ])
  })

  it('hands an allowed hit back on refund and restarts a window that has run out', async () => {
    const bucket: Bucket = { key: 'test:refund', limit: 2, windowSeconds: 600 }
    const first = await consumeRateLimit([bucket])
    await consumeRateLimit([bucket])
    await first.refund()
    expect((await consumeRateLimit([bucket])).allowed).toBe(true)
    expect((await consumeRateLimit([bucket])).allowed).toBe(false)
    await handle().db.execute(sql`update rate_limits set window_started_at = now() - interval '601 seconds' where key = 'test:refund'`)
    expect((await consumeRateLimit([bucket])).allowed).toBe(true)
  })
})
