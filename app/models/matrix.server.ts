// Services × member counties in one query: one character per cell (see app/domain/matrix.ts),
// aggregated per service in SQL, so 557 × 16 is one small result.
import { sql } from 'drizzle-orm'
import type { MatrixCellCode } from '~/domain/matrix'
import { getDb, queryRows } from '~/utils/db.server'

export type MatrixOptions = {
  themeId?: number
  /** Only services where at least one county has this approach. */
  approach?: 'pending' | 'own' | 'efa' | 'not_applicable'
  /** Only services where the counties are not all in the same state. */
  differing?: boolean
  /** Only these counties (AGS), e.g. for the comparison page. */
  countyAgs?: string[]
}

export type Matrix = {
  counties: { ags: string; name: string }[]
  services: { ozgId: string; name: string; cells: MatrixCellCode[] }[]
  /** Services in scope before the approach/difference filters. */
  totalServices: number
}

const cellCode = sql.raw(`case
  when st.id is null then '_'
  when st.approach = 'pending' then 'x'
  when st.approach = 'not_applicable' then 'n'
  when st.approach = 'own' then (case st.stage when 'online' then 'O' when 'partially_online' then 'P' when 'in_progress' then 'W' else 'L' end)
  else (case st.stage when 'online' then 'o' when 'partially_online' then 'p' when 'in_progress' then 'w' else 'l' end)
end`)

export async function getMatrix(options: MatrixOptions = {}): Promise<Matrix> {
  const db = await getDb()
  const theme = options.themeId === undefined ? sql`` : sql` and s.theme_id = ${options.themeId}`
  const having: ReturnType<typeof sql>[] = []
  if (options.approach) having.push(sql`bool_or(st.approach = ${options.approach})`)
  if (options.differing) having.push(sql`count(distinct ${cellCode}) > 1`)
  const agsFilter = options.countyAgs
    ? sql` and c.ags in (${sql.join(options.countyAgs.map((a) => sql`${a}`), sql`, `)})`
    : sql``
  const havingSql = having.length ? sql` having ${sql.join(having, sql` and `)}` : sql``
  const [countyRows, serviceRows, [{ total }]] = await Promise.all([
    queryRows<{ ags: string; name: string }>(
      db,
      sql`select c.ags, c.name from counties c where c.is_member${agsFilter} order by c.name, c.ags`,
    ),
    queryRows<{ ozg_id: string; name: string; cells: string }>(
      db,
      sql`
        select s.ozg_id, s.name, string_agg(${cellCode}, '' order by c.name, c.ags) as cells
        from services s
        cross join counties c
        left join statuses st on st.service_id = s.id and st.county_id = c.id
        where c.is_member and s.retired_at is null${theme}${agsFilter}
        group by s.id
        ${havingSql}
        order by s.ozg_id
      `,
    ),
    queryRows<{ total: number | string }>(
      db,
      sql`select count(*) as total from services s where s.retired_at is null${theme}`,
    ),
  ])
  return {
    counties: countyRows,
    services: serviceRows.map((r) => ({ ozgId: r.ozg_id, name: r.name, cells: [...(r.cells ?? '')] as MatrixCellCode[] })),
    totalServices: Number(total),
  }
}
