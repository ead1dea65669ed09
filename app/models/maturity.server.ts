// Maturity by the Reifegradmodell 2.0 (0–7), the main view since the model replaced 1.1 in 2025.
// Rows rated in model 1.1 keep their value and model; they are counted beside, never converted
// (the two scales measure different things).
import { sql } from 'drizzle-orm'
import { getDb, queryRows } from '~/utils/db.server'
import { onlineSql, statusAlias } from './sql.server'

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

export async function getMaturity20Series(filter: { themeId?: number } = {}): Promise<Maturity20Series[]> {
  const db = await getDb()
  const theme = filter.themeId === undefined ? sql`` : sql` and sv.theme_id = ${filter.themeId}`
  const levels = sql.raw(
    Array.from({ length: 8 }, (_, i) => `count(s.id) filter (where s.maturity_model = '2.0' and s.maturity = ${i}) as l${i}`).join(', '),
  )
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.ags, c.name, ${levels},
        count(s.id) filter (where s.maturity_model = '1.1' and s.maturity is not null) as model11,
        count(s.id) filter (where s.maturity is null) as unknown
      from counties c
      left join statuses s on s.county_id = c.id and ${onlineSql(statusAlias('s'))}
        and s.service_id in (select sv.id from services sv where sv.retired_at is null${theme})
      where c.is_member
      group by c.id order by c.name, c.ags`,
  )
  return rows.map((r) => ({
    ags: String(r.ags),
    name: String(r.name),
    levels: Array.from({ length: 8 }, (_, i) => Number(r[`l${i}`])),
    model11: Number(r.model11),
    unknown: Number(r.unknown),
  }))
}
