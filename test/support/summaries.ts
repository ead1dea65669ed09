// The summary tables (summary_counts, summary_online_trend, summary_community_trend) are kept
// current by triggers; after any write they must equal a rebuild from scratch.
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { getMaturity20Series } from '~/models/summary.server'
import { onlineSql, statusAlias } from '~/models/sql.server'
import { getDb, queryRows, type Db } from '~/utils/db.server'

type Row = Record<string, unknown>
const nonZero = (row: Row, keys: string[]) => Object.entries(row).some(([k, v]) => !keys.includes(k) && Number(v) !== 0)

export async function readSummaries(db: Db) {
  const counts = await queryRows<Row>(db, sql`select * from summary_counts order by county_id, theme_id`)
  const trend = await queryRows<Row>(db, sql`select county_id, theme_id, to_char(month, 'YYYY-MM') as month, delta, events from summary_online_trend order by county_id, theme_id, month`)
  const community = await queryRows<Row>(db, sql`select theme_id, to_char(month, 'YYYY-MM') as month, delta, events from summary_community_trend order by theme_id, month`)
  const countyCounts = await queryRows<Row>(db, sql`select * from summary_county_counts order by county_id`)
  // A summary row whose counts all went back to zero means the same as no row.
  return {
    counts: counts.filter((r) => nonZero(r, ['county_id', 'theme_id'])).map((r) => JSON.stringify(r)),
    trend: trend.filter((r) => nonZero(r, ['county_id', 'theme_id', 'month'])).map((r) => JSON.stringify(r)),
    community: community.filter((r) => nonZero(r, ['theme_id', 'month'])).map((r) => JSON.stringify(r)),
    countyCounts: countyCounts.filter((r) => nonZero(r, ['county_id'])).map(numbers),
  }
}

const numbers = (row: Row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))

/** summary_county_counts must hold per county the sums of its summary_counts rows (migration 0012). */
async function countySums(db: Db) {
  const columns = await queryRows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns where table_name = 'summary_county_counts' and column_name <> 'county_id' order by ordinal_position`,
  )
  const sums = sql.raw(columns.map((c) => `sum(${c.name}) as ${c.name}`).join(', '))
  const rows = await queryRows<Row>(db, sql`select county_id, ${sums} from summary_counts group by county_id order by county_id`)
  return rows.map(numbers).filter((r) => nonZero(r, ['county_id']))
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
  expect(kept.countyCounts).toEqual(rebuilt!.countyCounts)
  expect(kept.countyCounts).toEqual(await countySums(db))
  await expectMaturity20Live()
}

/**
 * The oracle for the model-2.0 series: the live query over every status row that the dashboard ran
 * before the summaries counted the levels (migration 0011). Only the tests keep it.
 */
export async function liveMaturity20(themeId?: number) {
  const db = await getDb()
  const theme = themeId === undefined ? sql`` : sql` and sv.theme_id = ${themeId}`
  const levels = sql.raw(
    Array.from({ length: 8 }, (_, i) => `count(s.id) filter (where s.maturity_model = '2.0' and s.maturity = ${i}) as l${i}`).join(', '),
  )
  const rows = await queryRows<Row>(
    db,
    sql`select c.ags, c.name, ${levels},
        count(s.id) filter (where s.maturity_model = '1.1' and s.maturity is not null) as model11,
        count(s.id) filter (where s.maturity is null) as unknown
      from counties c
      left join statuses s on s.county_id = c.id and ${onlineSql(statusAlias('s'))}
        and s.service_id in (select sv.id from services sv where sv.retired_at is null${theme})
      where c.is_member
      group by c.id order by c.name, c.ags`,
  )
  return rows.map((r) => ({
    ags: String(r.ags),
    name: String(r.name),
    levels: Array.from({ length: 8 }, (_, i) => Number(r[`l${i}`])),
    model11: Number(r.model11),
    unknown: Number(r.unknown),
  }))
}

/** The series read from the summaries equals the live count, over all Themenfelder and per Themenfeld. */
export async function expectMaturity20Live() {
  const db = await getDb()
  const themes = await queryRows<{ id: number }>(db, sql`select id from themes order by id`)
  for (const themeId of [undefined, ...themes.map((t) => Number(t.id))]) {
    expect(await getMaturity20Series({ themeId }), `Themenfeld ${themeId ?? 'alle'}`).toEqual(await liveMaturity20(themeId))
  }
}
