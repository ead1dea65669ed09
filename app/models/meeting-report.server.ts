// The report of one meeting: what changed in the period and what is still open, per county and
// for the community. Aggregates are SQL; lists are capped for the page and complete in the exports.
import { sql, type SQL } from 'drizzle-orm'
import type { CountyReportRow, MeetingReport, ReportCounts, RowRef } from '~/domain/meeting-report'
import { getDb, queryRows, type Db } from '~/utils/db.server'
import { addDays, berlinMidnight, getReportPeriod, type MeetingRef } from './meeting-period.server'
import { applicableSql, onlineSql, openInterfaceSql, openNegotiationSql, staleSql, statusAlias } from './sql.server'

export const LIST_LIMIT = 100
/** Rows per county (changes) and per vendor (negotiations) before „alle N anzeigen“. */
export const GROUP_LIMIT = 5
/** One group shown in full: a county's changes or a vendor's negotiations (vendor 0: none). */
export type ReportExpand = { ags?: string; vendorId?: number }

const COUNT_KEYS: (keyof ReportCounts)[] = [
  'changedRows',
  'newlyOnline',
  'approachChanges',
  'newNegotiations',
  'openNegotiations',
  'awaitingEfa',
  'fundingUnclear',
  'stale',
  'applicable',
  'online',
]

const iso = (value: unknown) => new Date(value as string).toISOString()
type Row = Record<string, unknown>

/** The period's bounds and the SQL pieces every query of the report shares. */
function reportScope(period: { from: string; to: string }, limit: number | null, expand: ReportExpand) {
  const since = berlinMidnight(period.from).toISOString()
  const until = berlinMidnight(addDays(period.to, 1)).toISOString()
  // Changes within the period, on services still in the catalogue, of member counties.
  const windowed = sql`
    select sc.*, s.approach as cur_approach, s.stage as cur_stage, s.interface_status as cur_interface
    from status_changes sc
    join statuses s on s.id = sc.status_id
    join services sv on sv.id = sc.service_id and sv.retired_at is null
    join counties c on c.id = sc.county_id and c.is_member
    where sc.changed_at >= ${since}::timestamptz and sc.changed_at < ${until}::timestamptz`
  const current = { ...statusAlias('w'), approach: sql.raw('w.cur_approach'), stage: sql.raw('w.cur_stage'), interfaceStatus: sql.raw('w.cur_interface') }
  return {
    s: statusAlias('s'),
    windowed,
    becameOnline: sql`(w.changes->'stage'->>'to' = 'online' and ${onlineSql(current)})`,
    becameNegotiation: sql`(${openInterfaceSql(sql`w.changes->'interfaceStatus'->>'to'`)}
    and not ${openInterfaceSql(sql`coalesce(w.changes->'interfaceStatus'->>'from', '')`)} and ${openInterfaceSql(current.interfaceStatus)})`,
    cap: limit === null ? sql`` : sql` limit ${limit}`,
    // Changes per county and negotiations per vendor show their first GROUP_LIMIT rows on the
    // page; "alle N anzeigen" expands one group.
    groupCap: (key: SQL, expanded: SQL) => (limit === null ? sql`true` : sql`(rn <= ${GROUP_LIMIT} or ${key} = ${expanded})`),
    expand,
  }
}
type Scope = ReturnType<typeof reportScope>

/** Per county: what changed in the period, and the stock today. */
function countQueries(db: Db, { s, windowed, becameOnline, becameNegotiation }: Scope) {
  return Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select w.county_id,
          count(distinct w.status_id) as changed_rows,
          count(distinct w.status_id) filter (where ${becameOnline}) as newly_online,
          count(*) filter (where w.changes->'approach' is not null) as approach_changes,
          count(distinct w.status_id) filter (where ${becameNegotiation}) as new_negotiations
        from w group by w.county_id`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.id as county_id, c.ags, c.name,
          count(s.id) filter (where ${applicableSql(s)}) as applicable,
          count(s.id) filter (where ${onlineSql(s)}) as online,
          count(s.id) filter (where ${openNegotiationSql(s)}) as open_negotiations,
          count(s.id) filter (where s.approach = 'pending' and s.pending_plan = 'awaiting_efa') as awaiting_efa,
          count(s.id) filter (where ${applicableSql(s)} and s.funding = 'unclear') as funding_unclear,
          count(s.id) filter (where ${staleSql(s)}) as stale
        from counties c
        left join statuses s on s.county_id = c.id
          and s.service_id in (select id from services where retired_at is null)
        where c.is_member
        group by c.id order by c.name, c.ags`,
    ),
  ])
}

/** The lists of the report, each capped for the page. */
function listQueries(db: Db, { windowed, becameOnline, cap }: Scope) {
  return Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.approach, os.name as online_service, max(w.changed_at) as changed_at
        from w join statuses s on s.id = w.status_id
        join counties c on c.id = s.county_id join services sv on sv.id = s.service_id
        left join online_services os on os.id = s.online_service_id
        where ${becameOnline}
        group by c.ags, c.name, sv.ozg_id, sv.name, s.approach, os.name
        order by c.name, sv.ozg_id${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed})
        select c.ags, c.name as county, sv.ozg_id, sv.name as service, w.changed_at,
          w.changes->'approach'->>'from' as from_code, w.changes->'approach'->>'to' as to_code
        from w join counties c on c.id = w.county_id join services sv on sv.id = w.service_id
        where w.changes->'approach' is not null
        order by c.name, sv.ozg_id, w.changed_at${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select sv.ozg_id, sv.name as service, count(*) as county_count, string_agg(c.name, ', ' order by c.name) as counties
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        where s.approach = 'pending' and s.pending_plan = 'awaiting_efa'
        group by sv.ozg_id, sv.name
        order by count(*) desc, sv.ozg_id${cap}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.approach, s.stage
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        where s.approach <> 'not_applicable' and s.funding = 'unclear'
        order by c.name, sv.ozg_id${cap}`,
    ),
  ])
}

/** The lists shown per group (vendor, county), each group capped for the page. */
function groupQueries(db: Db, { s, windowed, becameNegotiation, groupCap, expand }: Scope) {
  return Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        fresh as (select distinct w.status_id from w where ${becameNegotiation}),
        ranked as (
          select c.ags, c.name as county, sv.ozg_id, sv.name as service, s.interface_status,
            fv.name as fachverfahren, v.name as vendor, coalesce(v.id, 0) as vendor_id, (fresh.status_id is not null) as is_new,
            row_number() over (partition by coalesce(v.id, 0) order by (fresh.status_id is null), c.name, sv.ozg_id) as rn
          from statuses s
          join counties c on c.id = s.county_id and c.is_member
          join services sv on sv.id = s.service_id and sv.retired_at is null
          left join fachverfahren fv on fv.id = s.fachverfahren_id
          left join vendors v on v.id = fv.vendor_id
          left join fresh on fresh.status_id = s.id
          where ${openNegotiationSql(s)}
        )
        select * from ranked where ${groupCap(sql`vendor_id`, sql`${expand.vendorId ?? -1}::int`)}
        order by vendor is null, vendor, rn`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        grouped as (
          select c.ags, c.name as county, sv.ozg_id, sv.name as service, count(distinct w.id) as change_count,
            max(w.changed_at) as last_changed_at,
            array(select distinct k from w w2, jsonb_object_keys(w2.changes) k where w2.status_id = w.status_id order by k) as fields
          from w join counties c on c.id = w.county_id join services sv on sv.id = w.service_id
          group by w.status_id, c.ags, c.name, sv.ozg_id, sv.name
        ),
        ranked as (select g.*, row_number() over (partition by g.ags order by g.last_changed_at desc, g.ozg_id) as rn from grouped g)
        select * from ranked where ${groupCap(sql`ags`, sql`${expand.ags ?? ''}::text`)}
        order by county, ags, rn`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with w as (${windowed}),
        fresh as (select distinct w.status_id from w where ${becameNegotiation})
        select coalesce(v.id, 0) as vendor_id, v.name as vendor, count(*) as open, count(fresh.status_id) as new
        from statuses s
        join counties c on c.id = s.county_id and c.is_member
        join services sv on sv.id = s.service_id and sv.retired_at is null
        left join fachverfahren fv on fv.id = s.fachverfahren_id
        left join vendors v on v.id = fv.vendor_id
        left join fresh on fresh.status_id = s.id
        where ${openNegotiationSql(s)}
        group by v.id, v.name
        order by v.name is null, v.name`,
    ),
  ])
}

function countyRows(windowCounts: Row[], stockCounts: Row[]): CountyReportRow[] {
  const byCounty = new Map(windowCounts.map((r) => [Number(r.county_id), r]))
  return stockCounts.map((r) => {
    const w = byCounty.get(Number(r.county_id))
    return {
      ags: String(r.ags),
      name: String(r.name),
      changedRows: Number(w?.changed_rows ?? 0),
      newlyOnline: Number(w?.newly_online ?? 0),
      approachChanges: Number(w?.approach_changes ?? 0),
      newNegotiations: Number(w?.new_negotiations ?? 0),
      openNegotiations: Number(r.open_negotiations),
      awaitingEfa: Number(r.awaiting_efa),
      fundingUnclear: Number(r.funding_unclear),
      stale: Number(r.stale),
      applicable: Number(r.applicable),
      online: Number(r.online),
    }
  })
}

const ref = (r: Row): RowRef => ({
  ags: String(r.ags),
  county: String(r.county),
  ozgId: String(r.ozg_id),
  service: String(r.service),
})

/**
 * The report of one meeting. `limit` caps each list (the page); the exports pass null for all.
 * Counts in `counties`/`community` are always complete.
 */
export async function getMeetingReport(meeting: MeetingRef, limit: number | null = LIST_LIMIT, options: { expand?: ReportExpand } = {}): Promise<MeetingReport> {
  const db = await getDb()
  const period = await getReportPeriod(meeting)
  const scope = reportScope(period, limit, options.expand ?? {})
  const [[windowCounts, stockCounts], [newlyOnline, approachChanges, awaitingEfa, fundingUnclear], [negotiations, changedRows, vendorCounts]] = await Promise.all([
    countQueries(db, scope),
    listQueries(db, scope),
    groupQueries(db, scope),
  ])
  const counties = countyRows(windowCounts, stockCounts)
  const community = Object.fromEntries(COUNT_KEYS.map((k) => [k, counties.reduce((sum, c) => sum + c[k], 0)])) as ReportCounts
  return {
    period,
    counties,
    community,
    newlyOnline: newlyOnline.map((r) => ({
      ...ref(r),
      approach: String(r.approach),
      onlineService: (r.online_service as string | null) ?? null,
      changedAt: iso(r.changed_at),
    })),
    approachChanges: approachChanges.map((r) => ({
      ...ref(r),
      from: (r.from_code as string | null) ?? null,
      to: (r.to_code as string | null) ?? null,
      changedAt: iso(r.changed_at),
    })),
    negotiationVendors: vendorCounts.map((r) => ({
      vendorId: Number(r.vendor_id),
      vendor: (r.vendor as string | null) ?? null,
      open: Number(r.open),
      new: Number(r.new),
    })),
    negotiations: negotiations.map((r) => ({
      ...ref(r),
      vendorId: Number(r.vendor_id),
      interfaceStatus: String(r.interface_status),
      fachverfahren: (r.fachverfahren as string | null) ?? null,
      vendor: (r.vendor as string | null) ?? null,
      isNew: r.is_new === true || r.is_new === 't',
    })),
    awaitingEfa: awaitingEfa.map((r) => ({
      ozgId: String(r.ozg_id),
      service: String(r.service),
      countyCount: Number(r.county_count),
      counties: String(r.counties),
    })),
    fundingUnclear: fundingUnclear.map((r) => ({ ...ref(r), approach: String(r.approach), stage: String(r.stage) })),
    changedRows: changedRows.map((r) => ({
      ...ref(r),
      changeCount: Number(r.change_count),
      lastChangedAt: iso(r.last_changed_at),
      fields: parseTextArray(r.fields),
    })),
  }
}

// postgres.js returns text[] as an array; PGlite too, but keep to one shape whatever arrives.
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
  return []
}
