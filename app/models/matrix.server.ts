// Services × member counties: one character per cell (see app/domain/matrix.ts), aggregated per
// service in SQL, so even 557 × 400 is one result of 557 strings.
import { sql } from 'drizzle-orm'
import type { StatusCode } from '~/domain/status-chip'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'
import { getDb, queryRows } from '~/utils/db.server'

export type MatrixOptions = {
  themeId?: number
  /** Only services where at least one county has this approach. */
  approach?: 'pending' | 'own' | 'efa' | 'not_applicable'
  /** Only services where the counties are not all in the same state. */
  differing?: boolean
  /** Only services where at least one county's row has this vendor / Fachverfahren / interface status (all given, on the same row). */
  interfaceFilter?: { hersteller?: number; fachverfahren?: number; schnittstellenstatus?: string }
  /** Only these counties (AGS), e.g. for the comparison page. */
  countyAgs?: string[]
  /** Split the matching services into pages of at most this many cells (at least one service). */
  cellsPerPage?: number
  /** Which page (from 1); beyond the last it is the last. */
  page?: number
}

/** One service: OZG-ID, name, and one cell code per county in the order of `counties`. */
export type MatrixRow = readonly [ozgId: string, name: string, cells: string]

export type MatrixRows = {
  counties: { ags: string; name: string }[]
  /** The services on this page, by OZG-ID. */
  rows: MatrixRow[]
  /** Services that pass the approach/difference filters, on all pages. */
  matchingServices: number
  /** Services in scope before the approach/difference filters. */
  totalServices: number
  page: number
  pages: number
  /** Index of the first row of this page among the matching services (from 0). */
  offset: number
}

export type Matrix = {
  counties: { ags: string; name: string }[]
  services: { ozgId: string; name: string; cells: StatusCode[] }[]
  /** Services in scope before the approach/difference filters. */
  totalServices: number
}

const cellCode = sql.raw(`case st.approach
  when 'pending' then 'x'
  when 'not_applicable' then 'n'
  when 'own' then (case st.stage when 'online' then 'O' when 'partially_online' then 'P' when 'in_progress' then 'W' else 'L' end)
  else (case st.stage when 'online' then 'o' when 'partially_online' then 'p' when 'in_progress' then 'w' else 'l' end)
end`)

/** The matrix with each service's cells as one string: the form the matrix page sends and renders. */
export async function getMatrixRows(options: MatrixOptions = {}): Promise<MatrixRows> {
  const db = await getDb()
  const theme = options.themeId === undefined ? sql`` : sql` and theme_id = ${options.themeId}`
  const agsFilter = options.countyAgs
    ? sql` and ags in (${sql.join(options.countyAgs.map((a) => sql`${a}`), sql`, `)})`
    : sql``
  const counties = sql`select id from counties where is_member${agsFilter}`
  const having: ReturnType<typeof sql>[] = []
  if (options.approach) having.push(sql`bool_or(st.approach = ${options.approach})`)
  const rowConditions: ReturnType<typeof sql>[] = []
  const f = options.interfaceFilter ?? {}
  if (f.schnittstellenstatus === INTERFACE_STATUS_UNSET.code) rowConditions.push(sql`st.interface_status is null`)
  else if (f.schnittstellenstatus) rowConditions.push(sql`st.interface_status = ${f.schnittstellenstatus}`)
  if (f.fachverfahren) rowConditions.push(sql`st.fachverfahren_id = ${f.fachverfahren}`)
  if (f.hersteller) rowConditions.push(sql`st.fachverfahren_id in (select id from fachverfahren where vendor_id = ${f.hersteller})`)
  if (rowConditions.length) having.push(sql`bool_or(${sql.join(rowConditions, sql` and `)})`)
  // A county without a row counts as a state of its own ('_').
  if (options.differing) having.push(sql`(count(distinct ${cellCode}) > 1 or count(*) < (select count(*) from (${counties}) c))`)
  const isFiltered = having.length > 0
  const [countyRows, serviceRows] = await Promise.all([
    queryRows<{ id: number; ags: string; name: string }>(
      db,
      sql`select id, ags, name from counties where is_member${agsFilter} order by name, ags`,
    ),
    queryRows<{ id: number; ozg_id: string; name: string }>(
      db,
      sql`select id, ozg_id, name from services where retired_at is null${theme} order by ozg_id`,
    ),
  ])
  if (countyRows.length === 0) {
    return { counties: [], rows: [], matchingServices: 0, totalServices: serviceRows.length, page: 1, pages: 1, offset: 0 }
  }
  const perPage = options.cellsPerPage ? Math.max(1, Math.floor(options.cellsPerPage / countyRows.length)) : Infinity
  // Unfiltered, every service in scope is a row, so the page is known before its cells are read.
  const unfilteredPage = isFiltered ? null : pageOf(serviceRows.length, perPage, options.page)
  const servicesToRead = unfilteredPage ? serviceRows.slice(unfilteredPage.start, unfilteredPage.end) : serviceRows
  const serviceScope =
    servicesToRead.length < serviceRows.length
      ? sql`st.service_id in (${sql.join(servicesToRead.map((s) => sql`${s.id}`), sql`, `)})`
      : // An array of ids lets PostgreSQL read a Themenfeld's rows through the service index;
        // a join made it hash all 223k status rows at 400 counties to use a tenth of them.
        sql`st.service_id = any(array(select id from services where retired_at is null${theme}))`
  // Per service its rows as "county id + code" pairs, in no particular order: placing them by the
  // county's position below is cheaper than a cross join of services × counties and an ordered
  // aggregate (at 400 counties a fifth of the time).
  const cellRows =
    servicesToRead.length === 0
      ? []
      : await queryRows<{ service_id: number; cells: string }>(
          db,
          sql`
            select st.service_id, string_agg(st.county_id || ${cellCode}, ',') as cells
            from statuses st
            where st.county_id in (${counties}) and ${serviceScope}
            group by st.service_id
            ${isFiltered ? sql`having ${sql.join(having, sql` and `)}` : sql``}
          `,
        )
  const pairsByService = new Map(cellRows.map((r) => [Number(r.service_id), r.cells]))
  // Without a status row a service matches no filter.
  const matching = isFiltered ? serviceRows.filter((s) => pairsByService.has(Number(s.id))) : serviceRows
  const { page, pages, start, end } = unfilteredPage ?? pageOf(matching.length, perPage, options.page)
  const position = new Map(countyRows.map((c, i) => [Number(c.id), i]))
  const empty = '_'.repeat(countyRows.length)
  return {
    counties: countyRows.map(({ ags, name }) => ({ ags, name })),
    rows: matching.slice(start, end).map((s) => {
      const pairs = pairsByService.get(Number(s.id))
      return [s.ozg_id, s.name, pairs === undefined ? empty : placeCells(pairs, position)] as const
    }),
    matchingServices: matching.length,
    totalServices: serviceRows.length,
    page,
    pages,
    offset: start,
  }
}

function pageOf(count: number, perPage: number, requested = 1) {
  const pages = Math.max(1, Math.ceil(count / perPage))
  const page = Math.min(Math.max(1, Math.floor(requested)), pages)
  const start = perPage === Infinity ? 0 : (page - 1) * perPage
  return { page, pages, start, end: Math.min(count, start + perPage) }
}

/** Turns "12O,7x,…" into one code per county in display order, '_' where a county has no row. */
function placeCells(pairs: string, position: Map<number, number>): string {
  const cells: string[] = new Array(position.size).fill('_')
  let countyId = 0
  for (let i = 0; i < pairs.length; i++) {
    const c = pairs.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      countyId = countyId * 10 + (c - 48)
    } else if (c !== 44) {
      const at = position.get(countyId)
      if (at !== undefined) cells[at] = pairs[i]
      countyId = 0
    }
  }
  return cells.join('')
}

/** The whole matrix with one cell code per array element, for pages that handle few cells. */
export async function getMatrix(options: Omit<MatrixOptions, 'cellsPerPage' | 'page'> = {}): Promise<Matrix> {
  const { counties, rows, totalServices } = await getMatrixRows(options)
  return {
    counties,
    services: rows.map(([ozgId, name, cells]) => ({ ozgId, name, cells: [...cells] as StatusCode[] })),
    totalServices,
  }
}
