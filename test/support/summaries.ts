// The summary tables (summary_counts, summary_online_trend, summary_community_trend) are kept
// current by triggers; after any write they must equal a rebuild from scratch.
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { getDb, queryRows, type Db } from '~/utils/db.server'

type Row = Record<string, unknown>
const nonZero = (row: Row, keys: string[]) => Object.entries(row).some(([k, v]) => !keys.includes(k) && Number(v) !== 0)

export async function readSummaries(db: Db) {
  const counts = await queryRows<Row>(db, sql`select * from summary_counts order by county_id, theme_id`)
  const trend = await queryRows<Row>(db, sql`select county_id, theme_id, to_char(month, 'YYYY-MM') as month, delta, events from summary_online_trend order by county_id, theme_id, month`)
  const community = await queryRows<Row>(db, sql`select theme_id, to_char(month, 'YYYY-MM') as month, delta, events from summary_community_trend order by theme_id, month`)
  // A summary row whose counts all went back to zero means the same as no row.
  return {
    counts: counts.filter((r) => nonZero(r, ['county_id', 'theme_id'])).map((r) => JSON.stringify(r)),
    trend: trend.filter((r) => nonZero(r, ['county_id', 'theme_id', 'month'])).map((r) => JSON.stringify(r)),
    community: community.filter((r) => nonZero(r, ['theme_id', 'month'])).map((r) => JSON.stringify(r)),
  }
}

class Rollback extends Error {}

/** The incrementally maintained tables equal a rebuild from scratch (computed and rolled back). */
export async function expectSummariesExact(options: { expectTrend?: boolean } = {}) {
  const db = await getDb()
  const kept = await readSummaries(db)
  let rebuilt: Awaited<ReturnType<typeof readSummaries>> | undefined
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`select summary_rebuild()`)
      rebuilt = await readSummaries(tx as unknown as Db)
      throw new Rollback()
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error
    })
  expect(kept.counts.length).toBeGreaterThan(0)
  if (options.expectTrend ?? true) expect(kept.trend.length).toBeGreaterThan(0)
  expect(kept.counts).toEqual(rebuilt!.counts)
  expect(kept.trend).toEqual(rebuilt!.trend)
  expect(kept.community).toEqual(rebuilt!.community)
}
