// Large communities: beyond LAND_GROUPING_THRESHOLD counties the dashboard's charts show one bar
// per Land (the sum of its counties) with a drill-down to that Land's counties, instead of
// hundreds of bars nobody can read. Pure: the grouping is tested without a database.
import { z } from 'zod'
import { compareGerman, plural } from './format'

/** More counties than this and the charts group by Land. */
export const LAND_GROUPING_THRESHOLD = 40

/** What a county without a Land in the register is filed under. */
export const NO_LAND = 'ohne Land'

type Named = { ags: string; name: string }

export type LandSummary = { land: string; countyCount: number }

/** The Lands of the given counties, with how many counties each has, by name. */
export function listLands(agsList: string[], lands: Record<string, string | null>): LandSummary[] {
  const counts = new Map<string, number>()
  for (const ags of agsList) {
    const land = lands[ags] ?? NO_LAND
    counts.set(land, (counts.get(land) ?? 0) + 1)
  }
  return [...counts].map(([land, countyCount]) => ({ land, countyCount })).sort((a, b) => compareGerman(a.land, b.land))
}

/** Adds numbers and number arrays field by field; other fields are taken from the first row. */
function addUp<R extends Named>(rows: R[]): R {
  const sum: Record<string, unknown> = { ...rows[0] }
  for (const row of rows.slice(1)) {
    for (const [key, value] of Object.entries(row)) {
      const acc = sum[key]
      if (typeof value === 'number' && typeof acc === 'number') sum[key] = acc + value
      else if (Array.isArray(value) && Array.isArray(acc)) sum[key] = acc.map((a: number, i: number) => a + (value[i] ?? 0))
    }
  }
  return sum as R
}

/**
 * One row per Land, each the sum of its counties' counts, named „Niedersachsen (45 Kreise)“.
 * Its `ags` is the Land's key `land:<name>`, so that no county's AGS can match it.
 */
export function groupByLand<R extends Named>(rows: R[], lands: Record<string, string | null>): R[] {
  const byLand = new Map<string, R[]>()
  for (const row of rows) {
    const land = lands[row.ags] ?? NO_LAND
    // Appended in place: copying the group per row was quadratic, 1.5 s at 10,800 Gemeinden.
    const group = byLand.get(land)
    if (group) group.push(row)
    else byLand.set(land, [row])
  }
  return [...byLand]
    .sort(([a], [b]) => compareGerman(a, b))
    .map(([land, group]) => ({ ...addUp(group), ags: landKey(land), name: `${land} (${plural(group.length, 'Kreis', 'Kreise')})` }))
}

export function landKey(land: string): string {
  return `land:${land}`
}

/** The counties of one Land (drill-down). */
export function rowsOfLand<R extends Named>(rows: R[], lands: Record<string, string | null>, land: string): R[] {
  return rows.filter((row) => (lands[row.ags] ?? NO_LAND) === land)
}

/** `?land=Niedersachsen`: the Land whose counties the charts show one by one. */
export const LandParam = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().trim().min(1).max(80, 'Ein Land wird mit seinem Namen angegeben, z. B. Niedersachsen.').optional(),
)

/** How the charts show the counties: each one, grouped by Land, or the counties of one Land. */
export type ChartScope = { mode: 'counties' } | { mode: 'lands'; lands: LandSummary[] } | { mode: 'land'; land: string; lands: LandSummary[] }

export function chartScope(agsList: string[], lands: Record<string, string | null>, land: string | undefined): ChartScope | null {
  const all = listLands(agsList, lands)
  if (land !== undefined) return all.some((l) => l.land === land) ? { mode: 'land', land, lands: all } : null
  return agsList.length > LAND_GROUPING_THRESHOLD ? { mode: 'lands', lands: all } : { mode: 'counties' }
}

/** The rows a chart draws in a scope: every county, one per Land, or one Land's counties. */
export function rowsInScope<R extends Named>(rows: R[], lands: Record<string, string | null>, scope: ChartScope): R[] {
  if (scope.mode === 'lands') return groupByLand(rows, lands)
  if (scope.mode === 'land') return rowsOfLand(rows, lands, scope.land)
  return rows
}

/** The chart row to highlight for a county: itself, or its Land's group row. */
export function highlightKey(ags: string | null, lands: Record<string, string | null>, scope: ChartScope): string | null {
  if (!ags) return null
  return scope.mode === 'lands' ? landKey(lands[ags] ?? NO_LAND) : ags
}
