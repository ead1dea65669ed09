// Maturity by the Reifegradmodell 2.0 (0–7), the main view since the model replaced 1.1 in 2025.
// Rows rated in model 1.1 keep their value and model; they are counted beside, never converted
// (the two scales measure different things). The counts come from summary_counts (migration
// 0011, kept by the summary triggers), read in the same pass as the dashboard's other counts
// (summary.server.ts): scanning every status row per request cost seconds at national scale
// (docs/decisions/038-maturity20-summary.md).
import { sql, type SQL } from 'drizzle-orm'
import type { summaryCounts, summaryCountyCounts } from '../../db/schema'

export type Maturity20Series = {
  ags: string
  name: string
  /** Online rows per level 0–7 of model 2.0. */
  levels: number[]
  /** Online rows rated in model 1.1 (kept as rated). */
  model11: number
  /** Online rows without a maturity. */
  unknown: number
}

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7] as const
type Level = (typeof LEVELS)[number]
type Maturity20Counts = Record<`m20Level${Level}`, number>

/** The sums of the model-2.0 level counters over the summary rows of `c` read, as m20Level0–7. */
export function maturity20Columns(c: typeof summaryCounts | typeof summaryCountyCounts) {
  const counters = [c.maturity20Level0, c.maturity20Level1, c.maturity20Level2, c.maturity20Level3, c.maturity20Level4, c.maturity20Level5, c.maturity20Level6, c.maturity20Level7]
  return Object.fromEntries(
    LEVELS.map((i) => [`m20Level${i}`, sql<number>`coalesce(sum(${counters[i]}), 0)`.mapWith(Number).as(`m20Level${i}`)]),
  ) as Record<keyof Maturity20Counts, SQL.Aliased<number>>
}

type CountsRow = Maturity20Counts & { ags: string; name: string; m0: number; m1: number; m2: number; m3: number; m4: number; maturityUnknown: number }

/** One county's series: model-1.1 rows are those rated 0–4 in 1.1 (the range its CHECK allows). */
export function toMaturity20(r: CountsRow): Maturity20Series {
  return {
    ags: r.ags,
    name: r.name,
    levels: LEVELS.map((i) => r[`m20Level${i}`]),
    model11: r.m0 + r.m1 + r.m2 + r.m3 + r.m4,
    unknown: r.maturityUnknown,
  }
}
