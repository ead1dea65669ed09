import { sql, type SQL } from 'drizzle-orm'
import { fachverfahren, statuses } from '../../db/schema'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'

// Raw aggregates come back as strings on postgres.js and as numbers on PGlite: mapWith(Number).
export function countWhere(condition: SQL) {
  return sql<number>`count(*) filter (where ${condition})`.mapWith(Number)
}

// "Online" is approach own or EfA with stage online (DESIGN.md); rates are over applicable rows.
export const isOnline = sql`(${statuses.approach} in ('own', 'efa') and ${statuses.stage} = 'online')`
export const isApplicable = sql`(${statuses.approach} <> 'not_applicable')`

/** The row filters by vendor, Fachverfahren and interface status (county page, export, API). */
export function interfaceFilterConditions(filter: { schnittstellenstatus?: string; hersteller?: number; fachverfahren?: number }): SQL[] {
  const conditions: SQL[] = []
  if (filter.schnittstellenstatus === INTERFACE_STATUS_UNSET.code) conditions.push(sql`${statuses.interfaceStatus} is null`)
  else if (filter.schnittstellenstatus) conditions.push(sql`${statuses.interfaceStatus} = ${filter.schnittstellenstatus}`)
  if (filter.fachverfahren) conditions.push(sql`${statuses.fachverfahrenId} = ${filter.fachverfahren}`)
  if (filter.hersteller) {
    conditions.push(sql`${statuses.fachverfahrenId} in (select ${fachverfahren.id} from ${fachverfahren} where ${fachverfahren.vendorId} = ${filter.hersteller})`)
  }
  return conditions
}
