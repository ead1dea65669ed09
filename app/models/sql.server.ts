import { sql, type SQL } from 'drizzle-orm'
import { statuses } from '../../db/schema'

// Raw aggregates come back as strings on postgres.js and as numbers on PGlite: mapWith(Number).
export function countWhere(condition: SQL) {
  return sql<number>`count(*) filter (where ${condition})`.mapWith(Number)
}

// "Online" is approach own or EfA with stage online (DESIGN.md); rates are over applicable rows.
export const isOnline = sql`(${statuses.approach} in ('own', 'efa') and ${statuses.stage} = 'online')`
export const isApplicable = sql`(${statuses.approach} <> 'not_applicable')`
