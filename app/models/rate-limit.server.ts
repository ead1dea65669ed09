// Counters shared by every app process (decision record 012): the login throttle and the API's
// per-token limit count here, in PostgreSQL, never in process memory.
import { sql } from 'drizzle-orm'
import type { Bucket } from '~/domain/rate-limit'
import { getDb, queryRows, type Db } from '~/utils/db.server'

export type Consumed = {
  allowed: boolean
  /** Seconds until every exceeded bucket has room again; 0 when allowed. */
  retryAfterSeconds: number
  /** Hands the counted hit back, e.g. when a login succeeded: only failures should count. */
  refund: () => Promise<void>
}

type Row = { key: string; hits: number; started: string; retry_after: number }

/**
 * Counts one hit against every bucket and says whether all of them still had room — checked and
 * incremented in ONE statement, so parallel requests each see their own count and no more than
 * `limit` get through, in any number of processes. A refused hit is handed back at once, so that
 * hammering a closed bucket does not fill the others.
 */
export async function consumeRateLimit(buckets: Bucket[], db?: Db): Promise<Consumed> {
  if (buckets.length === 0) return { allowed: true, retryAfterSeconds: 0, refund: async () => {} }
  db ??= await getDb()
  // One order for every statement: two requests lock their rows in the same order, no deadlock.
  const sorted = [...new Map(buckets.map((b) => [b.key, b])).values()].sort((a, b) => (a.key < b.key ? -1 : 1))
  const values = sql.join(
    sorted.map((b) => sql`(${b.key}, ${b.windowSeconds}::integer, now(), 1)`),
    sql`, `,
  )
  const rows = await queryRows<Row>(
    db,
    sql`insert into rate_limits as r (key, window_seconds, window_started_at, hits) values ${values}
        on conflict (key) do update set
          window_seconds = excluded.window_seconds,
          hits = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then 1 else r.hits + 1 end,
          window_started_at = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then now() else r.window_started_at end
        returning key, hits, window_started_at::text as started,
          ceil(extract(epoch from (window_started_at + make_interval(secs => window_seconds) - now())))::integer as retry_after`,
  )
  const limits = new Map(sorted.map((b) => [b.key, b.limit]))
  const exceeded = rows.filter((r) => Number(r.hits) > limits.get(r.key)!)
  const refund = () => refundRateLimit(db, rows)
  if (exceeded.length === 0) return { allowed: true, retryAfterSeconds: 0, refund }
  await refund()
  return { allowed: false, retryAfterSeconds: Math.max(1, ...exceeded.map((r) => Number(r.retry_after))), refund: async () => {} }
}

// Only the window the hit was counted in: a window that restarted meanwhile keeps its count.
// One statement per key, each committed on its own, so no refund holds one row while waiting
// for another that a consuming statement holds.
async function refundRateLimit(db: Db, rows: Row[]) {
  for (const row of rows) {
    await db.execute(
      sql`update rate_limits set hits = greatest(hits - 1, 0) where key = ${row.key} and window_started_at = ${row.started}::timestamptz`,
    )
  }
}

/** Empties buckets, e.g. an account's failures from the address it has just signed in from. */
export async function clearRateLimit(keys: string[], db?: Db) {
  if (keys.length === 0) return
  db ??= await getDb()
  await db.execute(sql`delete from rate_limits where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`)
}

/** Removes counters whose window has run out; they would restart at the next hit anyway. */
export async function sweepRateLimits(db?: Db) {
  db ??= await getDb()
  await db.execute(sql`delete from rate_limits where window_started_at + make_interval(secs => window_seconds) < now()`)
}
