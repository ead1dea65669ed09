// The baselines measured in the runner's own process: the SQL behind a page, called directly
// through the same model functions its loader uses (what the data costs, without HTTP and Remix).
import { percentile, round } from './stats'

export type RawResult = { status: 'ok' | 'fehlt' | 'fehler'; note?: string; p50?: number; p95?: number; runs?: number }

async function timeSequential(runs: number, task: () => Promise<unknown>): Promise<RawResult> {
  try {
    for (let i = 0; i < 3; i++) await task()
    const times: number[] = []
    // At most `runs` calls and ~15 s, but at least five.
    const started = performance.now()
    for (let i = 0; i < runs && (i < 5 || performance.now() - started < 15_000); i++) {
      const t0 = performance.now()
      await task()
      times.push(performance.now() - t0)
    }
    return { status: 'ok', p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), runs: times.length }
  } catch (error) {
    return { status: 'fehler', note: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Exactly the dashboard loader's database work (app/routes/_index/route.tsx) for the coordinator
 * the pages are requested as (no home county, so no county trend line, all Themenfelder), without
 * the session lookup: listThemes, then the reads it runs together.
 */
export async function rawDashboardWork(): Promise<void> {
  const { listThemes } = await import('../../app/models/service.server')
  const { getCountySummary, getOnlineTrend } = await import('../../app/models/summary.server')
  const { getCountyLands, getStandingAtLastMeeting } = await import('../../app/models/standing.server')
  await listThemes()
  const scope = { themeId: undefined }
  await Promise.all([getCountySummary(scope), getOnlineTrend(scope, []), getStandingAtLastMeeting(scope), getCountyLands()])
}

export async function rawDashboard(runs: number): Promise<RawResult> {
  try {
    await import('../../app/models/standing.server')
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
  return timeSequential(runs, rawDashboardWork)
}

// MATRIX_CELLS_PER_PAGE of app/routes/matrix/route.tsx (not exported there): the page size the
// loader asks for.
const MATRIX_CELLS_PER_PAGE = 32_000

/** The matrix loader's database work (app/routes/matrix/route.tsx) for `/matrix?themenfeld=2`, page 1. */
export async function rawMatrixTheme(runs: number): Promise<RawResult> {
  try {
    const { getMatrixRows } = await import('../../app/models/matrix.server')
    const { listThemes } = await import('../../app/models/service.server')
    const { listVendorFilterOptions } = await import('../../app/models/vendor.server')
    return timeSequential(runs, async () => {
      await Promise.all([listThemes(), listVendorFilterOptions()])
      await getMatrixRows({ themeId: 2, differing: false, interfaceFilter: {}, cellsPerPage: MATRIX_CELLS_PER_PAGE })
    })
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
}

/** The API summary loader's database work (app/routes/api.v1.summary.ts), for all Themenfelder, without the token lookup. */
export async function rawApiSummary(runs: number): Promise<RawResult> {
  try {
    const { getCountyKpis } = await import('../../app/models/summary.server')
    const { getStaleAfterDays } = await import('../../app/models/settings.server')
    return timeSequential(runs, () => Promise.all([getCountyKpis({ themeId: undefined }), getStaleAfterDays()]))
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
}
