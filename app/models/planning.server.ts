// Planning and money: overdue target dates, cost totals and the forecast per county. Aggregated
// in SQL over member counties and services still in the catalogue.
import { sql } from 'drizzle-orm'
import { FORECAST_MONTHS, forecastOnlineShare, type Forecast } from '~/domain/planning'
import { todayIso } from '~/domain/status'
import { getDb, queryRows } from '~/utils/db.server'
import { getOnlineTrend } from './summary.server'
import { applicableSql, onlineSql, statusAlias } from './sql.server'

const inScope = sql`s.county_id in (select id from counties where is_member)
  and s.service_id in (select id from services where retired_at is null)`

export type OverdueRow = { ags: string; county: string; ozgId: string; service: string; targetDate: string; approach: string; stage: string }

/** Applicable rows not online whose target date has passed, oldest first. */
export async function listOverdueTargets(options: { today?: string; limit?: number } = {}) {
  const db = await getDb()
  const today = options.today ?? todayIso()
  const notOnline = sql`not ${onlineSql(statusAlias('s'))}`
  const where = sql`${inScope} and ${applicableSql(statusAlias('s'))} and ${notOnline} and s.target_date < ${today}::date`
  const [[{ total }], rows, perCounty] = await Promise.all([
    queryRows<{ total: number | string }>(db, sql`select count(*) as total from statuses s where ${where}`),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags, c.name as county, sv.ozg_id, sv.name as service, to_char(s.target_date, 'YYYY-MM-DD') as target_date, s.approach, s.stage
        from statuses s join counties c on c.id = s.county_id join services sv on sv.id = s.service_id
        where ${where}
        order by s.target_date, c.name, sv.ozg_id
        limit ${options.limit ?? 200}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags, c.name, count(*) as overdue from statuses s join counties c on c.id = s.county_id
        where ${where} group by c.ags, c.name order by c.name`,
    ),
  ])
  return {
    total: Number(total),
    rows: rows.map(
      (r): OverdueRow => ({
        ags: String(r.ags),
        county: String(r.county),
        ozgId: String(r.ozg_id),
        service: String(r.service),
        targetDate: String(r.target_date),
        approach: String(r.approach),
        stage: String(r.stage),
      }),
    ),
    perCounty: perCounty.map((r) => ({ ags: String(r.ags), name: String(r.name), overdue: Number(r.overdue) })),
  }
}

export type CostTotal = { key: string; label: string; rows: number; oneOff: number; annual: number }

/** One-off and annual costs of applicable rows, per county, funding source and Themenfeld. */
export async function getCostTotals() {
  const db = await getDb()
  const base = sql`from statuses s where ${inScope} and s.approach <> 'not_applicable' and (s.cost_one_off is not null or s.cost_annual is not null)`
  const sums = sql`count(*) as rows, coalesce(sum(s.cost_one_off), 0) as one_off, coalesce(sum(s.cost_annual), 0) as annual`
  const [byCounty, byFunding, byTheme] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags as key, c.name as label, x.rows, x.one_off, x.annual from counties c
        join (select s.county_id, ${sums} ${base} group by s.county_id) x on x.county_id = c.id order by c.name`,
    ),
    queryRows<Record<string, unknown>>(db, sql`select coalesce(s.funding, '') as key, ${sums} ${base} group by s.funding order by 1`),
    queryRows<Record<string, unknown>>(
      db,
      sql`select t.id::text as key, t.name as label, x.rows, x.one_off, x.annual from themes t
        join (select sv.theme_id, ${sums} from statuses s join services sv on sv.id = s.service_id
          where ${inScope} and s.approach <> 'not_applicable' and (s.cost_one_off is not null or s.cost_annual is not null)
          group by sv.theme_id) x on x.theme_id = t.id order by t.name`,
    ),
  ])
  const map = (r: Record<string, unknown>): CostTotal => ({
    key: String(r.key),
    label: String(r.label ?? r.key),
    rows: Number(r.rows),
    oneOff: Number(r.one_off),
    annual: Number(r.annual),
  })
  const county = byCounty.map(map)
  const total = county.reduce((t, c) => ({ ...t, rows: t.rows + c.rows, oneOff: t.oneOff + c.oneOff, annual: t.annual + c.annual }), { key: '', label: 'Summe', rows: 0, oneOff: 0, annual: 0 })
  return { byCounty: county, byFunding: byFunding.map(map), byTheme: byTheme.map(map), total }
}

export type CountyForecast = { ags: string; name: string; applicable: number; online: number; monthly: number[]; forecast: Forecast }

/** Per member county: today's figures, the monthly online counts of the last 12 months, the forecast. */
export async function getForecasts(): Promise<{ months: string[]; counties: CountyForecast[] }> {
  const db = await getDb()
  const [trend, current] = await Promise.all([
    getOnlineTrend(),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags, c.name,
          count(s.id) filter (where ${applicableSql(statusAlias('s'))}) as applicable,
          count(s.id) filter (where ${onlineSql(statusAlias('s'))}) as online
        from counties c
        left join statuses s on s.county_id = c.id and s.service_id in (select id from services where retired_at is null)
        where c.is_member group by c.id order by c.name, c.ags`,
    ),
  ])
  const currentMonth = todayIso().slice(0, 7)
  // The trend runs up to the current month; a community without history has no months.
  const months = trend.months.slice(-FORECAST_MONTHS)
  const byAgs = new Map(trend.counties.map((c) => [c.ags, c.values.slice(-FORECAST_MONTHS)]))
  return {
    months,
    counties: current.map((r) => {
      const applicable = Number(r.applicable)
      const online = Number(r.online)
      const monthly = byAgs.get(String(r.ags)) ?? []
      return { ags: String(r.ags), name: String(r.name), applicable, online, monthly, forecast: forecastOnlineShare({ applicable, onlineNow: online, monthly, currentMonth }) }
    }),
  }
}
