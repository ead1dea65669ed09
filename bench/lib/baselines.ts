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

export async function rawDashboard(runs: number): Promise<RawResult> {
  let models
  try {
    models = {
      summary: await import('../../app/models/summary.server'),
      service: await import('../../app/models/service.server'),
    }
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
  const { getCountySummary, getOnlineTrend } = models.summary
  // Exactly the loader's database work (app/routes/_index.tsx) for the coordinator the pages are
  // requested as (no home county, so no county trend line), without the session lookup.
  return timeSequential(runs, async () => {
    await models.service.listThemes()
    const scope = { themeId: undefined }
    await Promise.all([getCountySummary(scope), getOnlineTrend(scope, [])])
  })
}

export async function rawMatrixTheme(runs: number): Promise<RawResult> {
  try {
    const { getMatrix } = await import('../../app/models/matrix.server')
    const { listThemes } = await import('../../app/models/service.server')
    return timeSequential(runs, async () => {
      await listThemes()
      await getMatrix({ themeId: 2 })
    })
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
}

/** The API summary's SQL: the function /api/v1/summary calls, for all Themenfelder. */
export async function rawApiSummary(runs: number): Promise<RawResult> {
  try {
    const { getCountyKpis } = await import('../../app/models/summary.server')
    return timeSequential(runs, () => getCountyKpis({ themeId: undefined }))
  } catch (error) {
    return { status: 'fehlt', note: String(error) }
  }
}
