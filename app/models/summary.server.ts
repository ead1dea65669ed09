// KPIs and chart series for the dashboard, the county page, the comparison and the API. They are
// read from the summary tables (db/schema.ts, migration 0001), which triggers keep current.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { counties, services, statuses, summaryCounts, summaryCountyCounts, summaryMeta } from '../../db/schema'
import { getDb, queryRows, rowReader, type Db } from '~/utils/db.server'
import { maturity20Columns, toMaturity20, type Maturity20Series } from './maturity.server'
import { isApplicable, staleAfterDaysSql } from './sql.server'
import { compareGerman } from '~/domain/format'

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
  /** Applicable rows never confirmed or not within the stale period (app/domain/rules.ts). */
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

// The counts come from summary_counts (kept current by triggers in every write's transaction,
// migration 0001): per member county the one Themenfeld filtered, or for all Themenfelder the
// county's sums in summary_county_counts (migration 0012, one row per county, decision 039).
// "Stale" is summary_counts.stale (rows confirmed before the stale cutoff) plus the rows whose
// stale period ran out since that cutoff, counted live in the same statement.
// `keys` picks the counts read (the API's KPIs need half of them: half the values to parse).
async function loadCounts<K extends CountKey>(filter: SummaryFilter, keys: readonly K[]) {
  const db = await getDb()
  const lapsed = lapsedRows(db, filter)
  const columns = countColumns(sql`coalesce(max(${lapsed.rows}), 0)`, summaryOf(filter))
  const query = db
    .select({
      countyId: sql<number>`${counties.id}`.as('countyId'),
      ags: sql<string>`${counties.ags}`.as('ags'),
      name: sql<string>`${counties.name}`.as('name'),
      ...(Object.fromEntries(keys.map((k) => [k, columns[k]])) as Record<K, SQL.Aliased<number>>),
      cutoffDue: columns.cutoffDue,
    })
    .from(counties)
    .leftJoin(summaryOf(filter), summaryJoin(filter))
    .leftJoin(lapsed, eq(lapsed.countyId, counties.id))
    .where(countyScope(filter.countyAgs))
    .groupBy(counties.id)
    .orderBy(asc(counties.name), asc(counties.ags))
  // Read as plain rows: drizzle's mapping of 30 columns per county cost five times the query
  // itself at 400 counties (docs/decisions/029-per-request-cost.md).
  const rows = (await queryRows<Record<string, unknown>>(db, query.getSQL())).map(readerOf(keys))
  await advanceStaleCutoff(db, rows[0]?.cutoffDue)
  return rows
}

type CountColumn = keyof ReturnType<typeof countColumns>
type CountKey = Exclude<CountColumn, 'cutoffDue'>
type CountRow<K extends CountKey = CountKey> = { countyId: number; ags: string; name: string; cutoffDue: boolean } & Record<K, number>

const COUNT_COLUMNS = Object.keys(countColumns(sql``, summaryCounts)).filter((k): k is CountKey => k !== 'cutoffDue')
const readers = new Map<readonly CountKey[], (raw: Record<string, unknown>) => CountRow>()
/** The row reader of one (module-constant) list of counts, compiled on first use. */
function readerOf<K extends CountKey>(keys: readonly K[]): (raw: Record<string, unknown>) => CountRow<K> {
  let read = readers.get(keys)
  if (!read) readers.set(keys, (read = rowReader<CountRow>({ countyId: 'number', ags: 'string', name: 'string', cutoffDue: 'boolean', ...Object.fromEntries(keys.map((k) => [k, 'number'])) })))
  return read
}

// Once a day a reader moves the cutoff, so the rows counted live stay one day's worth.
async function advanceStaleCutoff(db: Db, due: boolean | undefined) {
  if (due) await queryRows(db, sql`select summary_advance_stale_cutoff()`)
}

/** The summary table the filter reads: one row per county for all Themenfelder, else per Themenfeld. */
function summaryOf(filter: SummaryFilter): CounterTable {
  return filter.themeId === undefined ? summaryCountyCounts : summaryCounts
}

function summaryJoin(filter: SummaryFilter) {
  return filter.themeId === undefined ? eq(summaryCountyCounts.countyId, counties.id) : and(eq(summaryCounts.countyId, counties.id), eq(summaryCounts.themeId, filter.themeId))
}

/** Status rows that are applicable and whose stale period ran out since the stale cutoff. */
function lapsedWhere(filter: SummaryFilter): SQL {
  const theme = filter.themeId === undefined ? sql`` : sql` and ${services.themeId} = ${filter.themeId}`
  return sql`${isApplicable} and ${statuses.confirmedAt} >= (select ${summaryMeta.staleCutoff} from ${summaryMeta})
    and ${statuses.confirmedAt} < now() - make_interval(days => ${staleAfterDaysSql})
    and ${statuses.serviceId} in (select ${services.id} from ${services} where ${services.retiredAt} is null${theme})`
}

/** Per county the count of its lapsed rows. */
function lapsedRows(db: Db, filter: SummaryFilter) {
  return db
    .select({ countyId: statuses.countyId, rows: sql<number>`count(*)`.as('rows') })
    .from(statuses)
    .where(lapsedWhere(filter))
    .groupBy(statuses.countyId)
    .as('lapsed')
}

/**
 * The community's totals over every member county in one aggregate — what the county page
 * compares with — without reading and summing a row per county (10,800 at national scale).
 */
async function loadCommunityTotals(filter: SummaryFilter) {
  const db = await getDb()
  const lapsed = sql`(select count(*) from ${statuses} where ${lapsedWhere(filter)}
    and ${statuses.countyId} in (select ${counties.id} from ${counties} where ${counties.isMember}))`
  const [row] = await db
    .select({ countyCount: sql<number>`count(distinct ${counties.id})`.mapWith(Number), ...countColumns(lapsed, summaryOf(filter)) })
    .from(counties)
    .leftJoin(summaryOf(filter), summaryJoin(filter))
    .where(eq(counties.isMember, true))
  await advanceStaleCutoff(db, row?.cutoffDue)
  return row
}

/**
 * One county's KPIs beside the community's totals and per-county average — the same figures as
 * `getCountyKpis`, whose list of every county the county page does not need.
 */
export async function getCountyKpisOf(countyAgs: string, filter: Omit<SummaryFilter, 'countyAgs'> = {}) {
  const [own, totals] = await Promise.all([loadCounts({ ...filter, countyAgs: [countyAgs] }, KPI_COLUMNS), loadCommunityTotals(filter)])
  const { community } = toKpis([])
  if (totals && totals.countyCount > 0) {
    const summed = toKpis([{ ...totals, countyId: 0, ags: '', name: '' }]).community.total
    community.countyCount = totals.countyCount
    community.total = summed
    community.average = { ...summed }
    for (const key of countKeys) community.average[key] = Math.round((summed[key] / totals.countyCount) * 10) / 10
  }
  return { county: toKpis(own).counties[0] ?? null, community }
}

type CounterTable = typeof summaryCounts | typeof summaryCountyCounts

/** The sums of the summary table `c` over the joined rows; `lapsed` adds the live part of "stale". */
function countColumns(lapsed: SQL, c: CounterTable) {
  const total = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number)
  return {
    applicable: total(c.applicable).as('applicable'),
    online: total(c.online).as('online'),
    own: total(c.own).as('own'),
    efa: total(c.efa).as('efa'),
    pending: total(c.pending).as('pending'),
    notApplicable: total(c.notApplicable).as('notApplicable'),
    partiallyOnline: total(c.partiallyOnline).as('partiallyOnline'),
    inProgress: total(c.inProgress).as('inProgress'),
    endToEnd: total(c.endToEnd).as('endToEnd'),
    openNegotiations: total(c.openNegotiations).as('openNegotiations'),
    ownOnline: total(c.ownOnline).as('ownOnline'),
    ownPartial: total(c.ownPartial).as('ownPartial'),
    ownWorking: total(c.ownWorking).as('ownWorking'),
    efaOnline: total(c.efaOnline).as('efaOnline'),
    efaPartial: total(c.efaPartial).as('efaPartial'),
    efaWorking: total(c.efaWorking).as('efaWorking'),
    m0: total(c.maturity0).as('m0'),
    m1: total(c.maturity1).as('m1'),
    m2: total(c.maturity2).as('m2'),
    m3: total(c.maturity3).as('m3'),
    m4: total(c.maturity4).as('m4'),
    maturitySum: total(c.maturitySum).as('maturitySum'),
    maturityUnknown: total(c.maturityUnknown).as('maturityUnknown'),
    maturityOtherModel: total(c.maturityOtherModel).as('maturityOtherModel'),
    ...maturity20Columns(c),
    stale: sql<number>`coalesce(sum(${c.stale}), 0) + ${lapsed}`.mapWith(Number).as('stale'),
    cutoffDue: sql<boolean>`(select ${summaryMeta.staleCutoff} < now() - make_interval(days => ${staleAfterDaysSql} + 1) from ${summaryMeta})`.as('cutoffDue'),
  }
}

function countyScope(countyAgs: string[] | undefined): SQL {
  return countyAgs ? and(eq(counties.isMember, true), inArray(counties.ags, countyAgs))! : eq(counties.isMember, true)
}

/** Mean of the model-1.1 maturities to one decimal (integer arithmetic: rounds like SQL numeric). */
function meanMaturity(sum: number, count: number) {
  return count ? Math.round((sum * 10) / count) / 10 : null
}

const countKeys = [
  'applicable', 'online', 'own', 'efa', 'pending', 'notApplicable', 'partiallyOnline', 'inProgress', 'endToEnd', 'openNegotiations', 'stale',
] as const
const KPI_COLUMNS = [...countKeys, 'm0', 'm1', 'm2', 'm3', 'm4', 'maturitySum'] as const
type KpiRow = CountRow<(typeof KPI_COLUMNS)[number]>

/**
 * Per member county the KPI counts over its status rows (optionally one Themenfeld), plus the
 * community's totals and per-county average. Rates are meant over `applicable`.
 */
export async function getCountyKpis(filter: SummaryFilter = {}): Promise<CountyKpiSummary> {
  return toKpis(await loadCounts(filter, KPI_COLUMNS))
}

/** The dashboard's four views of the counts, from one read. */
export async function getCountySummary(filter: SummaryFilter = {}) {
  const rows = await loadCounts(filter, COUNT_COLUMNS)
  return { kpis: toKpis(rows), stages: rows.map(toStages), maturity: rows.map(toMaturity), maturity20: rows.map(toMaturity20) }
}

/** Per county its online rows by maturity level of model 2.0, beside those rated in 1.1 and those unrated. */
export async function getMaturity20Series(filter: SummaryFilter = {}): Promise<Maturity20Series[]> {
  return (await loadCounts(filter, COUNT_COLUMNS)).map(toMaturity20)
}

function toKpis(rows: KpiRow[]): CountyKpiSummary {
  const total = Object.fromEntries(countKeys.map((k) => [k, 0])) as Record<(typeof countKeys)[number], number>
  let maturitySum = 0
  let maturityCount = 0
  const list = rows.map((r) => {
    const rated = r.m0 + r.m1 + r.m2 + r.m3 + r.m4
    const kpis: CountyKpis = {
      countyId: r.countyId,
      ags: r.ags,
      name: r.name,
      applicable: r.applicable,
      online: r.online,
      own: r.own,
      efa: r.efa,
      pending: r.pending,
      notApplicable: r.notApplicable,
      partiallyOnline: r.partiallyOnline,
      inProgress: r.inProgress,
      meanMaturityOnline: meanMaturity(r.maturitySum, rated),
      endToEnd: r.endToEnd,
      openNegotiations: r.openNegotiations,
      stale: r.stale,
    }
    for (const key of countKeys) total[key] += kpis[key]
    maturitySum += r.maturitySum
    maturityCount += rated
    return kpis
  })
  const countyCount = list.length
  const totals: KpiCounts = { ...total, meanMaturityOnline: meanMaturity(maturitySum, maturityCount) }
  // The average is the community total over the number of counties: every count is additive.
  const average = { ...totals }
  for (const key of countKeys) average[key] = countyCount ? Math.round((total[key] / countyCount) * 10) / 10 : 0
  return { counties: list, community: { countyCount, total: totals, average } }
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
  return (await loadCounts(filter, COUNT_COLUMNS)).map(toStages)
}

function toStages(r: CountRow): ApproachStageSeries {
  const { ags, name, ownOnline, ownPartial, ownWorking, efaOnline, efaPartial, efaWorking, pending } = r
  return { ags, name, ownOnline, ownPartial, ownWorking, efaOnline, efaPartial, efaWorking, pending }
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
  return (await loadCounts(filter, COUNT_COLUMNS)).map(toMaturity)
}

function toMaturity(r: CountRow): MaturitySeries {
  return { ags: r.ags, name: r.name, levels: [r.m0, r.m1, r.m2, r.m3, r.m4], unknown: r.maturityUnknown, otherModel: r.maturityOtherModel }
}

export type EndToEndSeries = { ags: string; name: string; online: number; endToEnd: number }

/** Per county how many of its online services reach the Fachverfahren end to end. */
export async function getEndToEndSeries(filter: SummaryFilter = {}): Promise<EndToEndSeries[]> {
  return (await loadCounts(filter, COUNT_COLUMNS)).map((r) => ({ ags: r.ags, name: r.name, online: r.online, endToEnd: r.endToEnd }))
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
 * Read from the trend summaries (net change per Themenfeld and month); `seriesFor`
 * limits the per-county series returned (the community sum is always over every county in scope).
 */
export async function getOnlineTrend(filter: SummaryFilter = {}, seriesFor?: string[]): Promise<OnlineTrend> {
  const db = await getDb()
  const theme = filter.themeId === undefined ? sql`` : sql` and st.theme_id = ${filter.themeId}`
  const inList = (ags: string[]) => sql.join(ags.map((a) => sql`${a}`), sql`, `)
  const agsFilter = filter.countyAgs ? sql` and c.ags in (${inList(filter.countyAgs)})` : sql``
  const wanted = seriesFor ? (seriesFor.length ? sql` and c.ags in (${inList(seriesFor)})` : sql` and false`) : sql``
  // The whole community's line comes from summary_community_trend; a chosen set of counties is
  // summed from their rows.
  const communityMonths = filter.countyAgs
    ? sql`select st.month, sum(st.delta) as delta, sum(st.events) as events
          from summary_online_trend st join counties c on c.id = st.county_id
          where c.is_member${theme}${agsFilter} group by st.month`
    : sql`select st.month, sum(st.delta) as delta, sum(st.events) as events
          from summary_community_trend st where true${theme} group by st.month`
  const rows = await queryRows<{ month: string; ags: string | null; name: string | null; online: number | string }>(
    db,
    sql`
      with community_months as (${communityMonths}),
      months as (
        select generate_series(
          min(month) filter (where events > 0),
          greatest(max(month) filter (where events > 0), date_trunc('month', now() at time zone 'Europe/Berlin')::date),
          interval '1 month'
        )::date as m
        from community_months
      ),
      community as (
        select months.m, null::text as ags, null::text as name,
               sum(coalesce(cm.delta, 0)) over (order by months.m) as online
        from months left join community_months cm on cm.month = months.m
      ),
      wanted as (select c.id, c.ags, c.name from counties c where c.is_member${agsFilter}${wanted}),
      county_months as (
        select st.county_id, st.month, sum(st.delta) as delta
        from summary_online_trend st
        where st.county_id in (select id from wanted)${theme}
        group by st.county_id, st.month
      ),
      per_county as (
        select months.m, w.ags, w.name,
               sum(coalesce(cm.delta, 0)) over (partition by w.id order by months.m) as online
        from months
        cross join wanted w
        left join county_months cm on cm.county_id = w.id and cm.month = months.m
      )
      select to_char(m, 'YYYY-MM') as month, ags, name, online
      from (select * from community union all select * from per_county) x
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
  const list = [...byAgs.values()].sort((a, b) => compareGerman(a.name, b.name) || a.ags.localeCompare(b.ags))
  return { months, counties: list, community }
}
