// KPIs and chart series for the dashboard, the county page and the comparison. Everything is
// aggregated in SQL (count(*) filter, group by); JavaScript only reshapes the few result rows.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { counties, services, statuses } from '../../db/schema'
import { STALE_AFTER_DAYS } from '~/domain/kpi'
import { getDb, queryRows } from '~/utils/db.server'
import { countWhere, isApplicable, isOnline } from './sql.server'

export type SummaryFilter = {
  /** Themenfeld id; undefined means the whole catalogue. */
  themeId?: number
  /** Restrict to these counties (AGS); undefined means every member county. */
  countyAgs?: string[]
}

export type KpiCounts = {
  applicable: number
  online: number
  own: number
  efa: number
  pending: number
  notApplicable: number
  partiallyOnline: number
  inProgress: number
  /** Mean maturity (model 1.1) of the online rows that have one; null when none has. */
  meanMaturityOnline: number | null
  /** Online rows with end_to_end true. */
  endToEnd: number
  /** Interface status negotiating, in development or testing. */
  openNegotiations: number
  /** Applicable rows never confirmed or confirmed more than 180 days ago. */
  stale: number
}

export type CountyKpis = KpiCounts & { countyId: number; ags: string; name: string }

export type CountyKpiSummary = {
  counties: CountyKpis[]
  community: {
    countyCount: number
    /** Sums over all member counties. */
    total: KpiCounts
    /** Per-county mean of every count (one decimal); meanMaturityOnline is over all online rows. */
    average: KpiCounts
  }
}

// Rows in scope: the service is not retired and, when filtered, belongs to the Themenfeld.
function serviceScope(themeId: number | undefined): SQL {
  const theme = themeId === undefined ? sql`` : sql` and ${services.themeId} = ${themeId}`
  return sql`${statuses.serviceId} in (select ${services.id} from ${services} where ${services.retiredAt} is null${theme})`
}

function countyScope(countyAgs: string[] | undefined): SQL {
  return countyAgs ? and(eq(counties.isMember, true), inArray(counties.ags, countyAgs))! : eq(counties.isMember, true)
}

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value))

function kpiFields() {
  return {
    applicable: countWhere(isApplicable),
    online: countWhere(isOnline),
    own: countWhere(sql`${statuses.approach} = 'own'`),
    efa: countWhere(sql`${statuses.approach} = 'efa'`),
    pending: countWhere(sql`${statuses.approach} = 'pending'`),
    notApplicable: countWhere(sql`${statuses.approach} = 'not_applicable'`),
    partiallyOnline: countWhere(sql`${statuses.stage} = 'partially_online'`),
    inProgress: countWhere(sql`${statuses.stage} = 'in_progress'`),
    meanMaturityOnline: sql<number | null>`round((avg(${statuses.maturity}) filter (where ${isOnline} and ${statuses.maturityModel} = '1.1'))::numeric, 1)`.mapWith(
      nullableNumber,
    ),
    endToEnd: countWhere(sql`${isOnline} and ${statuses.endToEnd} = true`),
    openNegotiations: countWhere(
      sql`${isApplicable} and ${statuses.interfaceStatus} in ('negotiating', 'in_development', 'testing')`,
    ),
    stale: countWhere(
      sql`${isApplicable} and (${statuses.confirmedAt} is null or ${statuses.confirmedAt} < now() - ${sql.raw(`interval '${STALE_AFTER_DAYS} days'`)})`,
    ),
  }
}

const countKeys = [
  'applicable',
  'online',
  'own',
  'efa',
  'pending',
  'notApplicable',
  'partiallyOnline',
  'inProgress',
  'endToEnd',
  'openNegotiations',
  'stale',
] as const

/**
 * Per member county the KPI counts over its status rows (optionally one Themenfeld), plus the
 * community's totals and per-county average. Rates are meant over `applicable`.
 */
export async function getCountyKpis(filter: SummaryFilter = {}): Promise<CountyKpiSummary> {
  const db = await getDb()
  const joinOn = and(eq(statuses.countyId, counties.id), serviceScope(filter.themeId))
  const [rows, [totals]] = await Promise.all([
    db
      .select({ countyId: counties.id, ags: counties.ags, name: counties.name, ...kpiFields() })
      .from(counties)
      .leftJoin(statuses, joinOn)
      .where(countyScope(filter.countyAgs))
      .groupBy(counties.id)
      .orderBy(asc(counties.name), asc(counties.ags)),
    db
      .select({ countyCount: sql<number>`count(distinct ${counties.id})`.mapWith(Number), ...kpiFields() })
      .from(counties)
      .leftJoin(statuses, joinOn)
      .where(countyScope(filter.countyAgs)),
  ])
  const { countyCount, ...total } = totals
  // The average is the community total over the number of counties: every count is additive.
  const average = { ...total } as KpiCounts
  for (const key of countKeys) average[key] = countyCount ? Math.round((total[key] / countyCount) * 10) / 10 : 0
  return { counties: rows, community: { countyCount, total, average } }
}

export type ApproachStageSeries = {
  ags: string
  name: string
  ownOnline: number
  ownPartial: number
  ownWorking: number
  efaOnline: number
  efaPartial: number
  efaWorking: number
  pending: number
}

/** Per county the applicable rows split by approach and stage, for the stacked bar. */
export async function getApproachStageSeries(filter: SummaryFilter = {}): Promise<ApproachStageSeries[]> {
  const db = await getDb()
  const is = (approach: string, stages: string[]) =>
    countWhere(sql`${statuses.approach} = ${approach} and ${statuses.stage} in (${sql.join(stages.map((s) => sql`${s}`), sql`, `)})`)
  return db
    .select({
      ags: counties.ags,
      name: counties.name,
      ownOnline: is('own', ['online']),
      ownPartial: is('own', ['partially_online']),
      ownWorking: is('own', ['in_progress', 'planned']),
      efaOnline: is('efa', ['online']),
      efaPartial: is('efa', ['partially_online']),
      efaWorking: is('efa', ['in_progress', 'planned']),
      pending: countWhere(sql`${statuses.approach} = 'pending'`),
    })
    .from(counties)
    .leftJoin(statuses, and(eq(statuses.countyId, counties.id), serviceScope(filter.themeId)))
    .where(countyScope(filter.countyAgs))
    .groupBy(counties.id)
    .orderBy(asc(counties.name), asc(counties.ags))
}

export type MaturitySeries = {
  ags: string
  name: string
  /** Online rows per maturity level 0–4 (model 1.1). */
  levels: [number, number, number, number, number]
  /** Online rows without a maturity. */
  unknown: number
  /** Online rows rated in maturity model 2.0 (not comparable with 1.1). */
  otherModel: number
}

/** Per county how its online services spread over the maturity levels. */
export async function getMaturitySeries(filter: SummaryFilter = {}): Promise<MaturitySeries[]> {
  const db = await getDb()
  const level = (n: number) =>
    countWhere(sql`${isOnline} and ${statuses.maturityModel} = '1.1' and ${statuses.maturity} = ${n}`)
  const rows = await db
    .select({
      ags: counties.ags,
      name: counties.name,
      m0: level(0),
      m1: level(1),
      m2: level(2),
      m3: level(3),
      m4: level(4),
      unknown: countWhere(sql`${isOnline} and ${statuses.maturity} is null`),
      otherModel: countWhere(sql`${isOnline} and ${statuses.maturity} is not null and ${statuses.maturityModel} <> '1.1'`),
    })
    .from(counties)
    .leftJoin(statuses, and(eq(statuses.countyId, counties.id), serviceScope(filter.themeId)))
    .where(countyScope(filter.countyAgs))
    .groupBy(counties.id)
    .orderBy(asc(counties.name), asc(counties.ags))
  return rows.map(({ m0, m1, m2, m3, m4, ...rest }) => ({ ...rest, levels: [m0, m1, m2, m3, m4] }))
}

export type EndToEndSeries = { ags: string; name: string; online: number; endToEnd: number }

/** Per county how many of its online services reach the Fachverfahren end to end. */
export async function getEndToEndSeries(filter: SummaryFilter = {}): Promise<EndToEndSeries[]> {
  const db = await getDb()
  return db
    .select({
      ags: counties.ags,
      name: counties.name,
      online: countWhere(isOnline),
      endToEnd: countWhere(sql`${isOnline} and ${statuses.endToEnd} = true`),
    })
    .from(counties)
    .leftJoin(statuses, and(eq(statuses.countyId, counties.id), serviceScope(filter.themeId)))
    .where(countyScope(filter.countyAgs))
    .groupBy(counties.id)
    .orderBy(asc(counties.name), asc(counties.ags))
}

export type OnlineTrend = {
  /** „YYYY-MM“, every month from the first stage change to the current month. */
  months: string[]
  counties: { ags: string; name: string; values: number[] }[]
  /** Sum over the counties in scope. */
  community: number[]
}

/**
 * Number of online services per month, from the change history: a row counts as online from
 * the month of its change to stage online until the month of a later change away (the state at
 * the end of each month counts). Rows without any stage change in the history are not counted.
 * Months are calendar months in German time, so both engines agree whatever their TimeZone.
 */
export async function getOnlineTrend(filter: SummaryFilter = {}): Promise<OnlineTrend> {
  const db = await getDb()
  const theme = filter.themeId === undefined ? sql`` : sql` and s.theme_id = ${filter.themeId}`
  const agsFilter = filter.countyAgs
    ? sql` and c.ags in (${sql.join(filter.countyAgs.map((a) => sql`${a}`), sql`, `)})`
    : sql``
  // PostgreSQL 15 and PGlite alike: distinct on, lead() and generate_series over timestamps.
  const rows = await queryRows<{ month: string; ags: string | null; name: string | null; online: number | string }>(
    db,
    sql`
      with ev as (
        select sc.id, sc.status_id, sc.county_id, sc.changed_at,
               date_trunc('month', sc.changed_at at time zone 'Europe/Berlin') as m,
               coalesce(sc.changes -> 'stage' ->> 'to' = 'online', false) as is_online
        from status_changes sc
        join services s on s.id = sc.service_id
        join counties c on c.id = sc.county_id
        where sc.changes -> 'stage' is not null and s.retired_at is null and c.is_member${theme}${agsFilter}
      ),
      last_in_month as (
        select distinct on (status_id, m) status_id, county_id, m, is_online
        from ev
        order by status_id, m, changed_at desc, id desc
      ),
      spans as (
        select county_id, m as starts, lead(m) over (partition by status_id order by m) as ends, is_online
        from last_in_month
      ),
      months as (
        select generate_series(
          (select min(m) from ev),
          greatest((select max(m) from ev), date_trunc('month', now() at time zone 'Europe/Berlin')),
          interval '1 month'
        ) as m
      ),
      -- +1 in the month a row turns online, -1 in the month it turns away; a running sum per
      -- county gives the count at each month's end without joining every month to every span.
      deltas as (
        select county_id, m, sum(delta) as delta
        from (
          select county_id, starts as m, 1 as delta from spans where is_online
          union all
          select county_id, ends as m, -1 as delta from spans where is_online and ends is not null
        ) d
        group by county_id, m
      ),
      per_county as (
        select months.m, c.ags, c.name,
               sum(coalesce(deltas.delta, 0)) over (partition by c.id order by months.m) as online
        from months
        cross join counties c
        left join deltas on deltas.county_id = c.id and deltas.m = months.m
        where c.is_member${agsFilter}
      )
      select to_char(m, 'YYYY-MM') as month, ags, min(name) as name, sum(online) as online
      from per_county
      group by grouping sets ((m, ags), (m))
      order by m, ags nulls first
    `,
  )
  const months: string[] = []
  const community: number[] = []
  const byAgs = new Map<string, { ags: string; name: string; values: number[] }>()
  for (const row of rows) {
    const value = Number(row.online)
    if (row.ags === null) {
      months.push(row.month)
      community.push(value)
      continue
    }
    let county = byAgs.get(row.ags)
    if (!county) byAgs.set(row.ags, (county = { ags: row.ags, name: row.name ?? row.ags, values: [] }))
    county.values.push(value)
  }
  const list = [...byAgs.values()].sort((a, b) => a.name.localeCompare(b.name, 'de') || a.ags.localeCompare(b.ags))
  return { months, counties: list, community }
}
