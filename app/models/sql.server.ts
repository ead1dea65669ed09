import { ilike, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm'
import { fachverfahren, statuses } from '../../db/schema'
import { CLOSED_NEGOTIATION_STAGES } from '~/domain/enums'
import { NOT_APPLICABLE, ONLINE_APPROACHES, ONLINE_STAGE, OPEN_INTERFACE_STATUSES } from '~/domain/rules'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'

// The SQL twins of the rules in app/domain/rules.ts, built from the same constants, so a rule is
// changed in one place; test/integration/rules-agree.test.ts checks both give the same answers.

// Raw aggregates come back as strings on postgres.js and as numbers on PGlite: mapWith(Number).
export function countWhere(condition: SQL) {
  return sql<number>`count(*) filter (where ${condition})`.mapWith(Number)
}

/** A list of code constants as an SQL literal list: `('own', 'efa')`. Codes are ours, never input. */
export function codeList(codes: readonly string[]): SQL {
  if (codes.some((c) => !/^[a-z_0-9.]+$/.test(c))) throw new Error(`Not a code: ${codes.join(', ')}`)
  return sql.raw(`(${codes.map((c) => `'${c}'`).join(', ')})`)
}

/** The columns of a status row a rule reads: drizzle's, or those of an alias in a raw query. */
export type StatusColumns = { approach: SQLWrapper; stage: SQLWrapper; interfaceStatus: SQLWrapper; confirmedAt: SQLWrapper }

const statusTable: StatusColumns = {
  approach: statuses.approach,
  stage: statuses.stage,
  interfaceStatus: statuses.interfaceStatus,
  confirmedAt: statuses.confirmedAt,
}

/** `statusAlias('s')`: the columns as `s.approach` … in a query that names the table `s`. */
export function statusAlias(alias: string): StatusColumns {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`Not an alias: ${alias}`)
  return {
    approach: sql.raw(`${alias}.approach`),
    stage: sql.raw(`${alias}.stage`),
    interfaceStatus: sql.raw(`${alias}.interface_status`),
    confirmedAt: sql.raw(`${alias}.confirmed_at`),
  }
}

export function applicableSql(c: StatusColumns = statusTable): SQL {
  return sql`(${c.approach} <> ${sql.raw(`'${NOT_APPLICABLE}'`)})`
}

export function onlineSql(c: StatusColumns = statusTable): SQL {
  return sql`(${c.approach} in ${codeList(ONLINE_APPROACHES)} and ${c.stage} = ${sql.raw(`'${ONLINE_STAGE}'`)})`
}

/** Interface status in negotiation, development or test (on any row; see openNegotiationSql). */
export function openInterfaceSql(column: SQLWrapper): SQL {
  // Never null: a row without an interface status is plainly not in negotiation.
  return sql`(${column} is not null and ${column} in ${codeList(OPEN_INTERFACE_STATUSES)})`
}

/** An applicable row with an open interface negotiation (the KPI „Schnittstellen in Arbeit“). */
export function openNegotiationSql(c: StatusColumns = statusTable): SQL {
  return sql`(${applicableSql(c)} and ${openInterfaceSql(c.interfaceStatus)})`
}

/** A shared vendor negotiation not yet completed or failed (isOpenNegotiationStage in the domain). */
export function openNegotiationStageSql(column: SQLWrapper): SQL {
  return sql`(${column} not in ${codeList(CLOSED_NEGOTIATION_STAGES)})`
}

/** The stale period in days: the setting the summary triggers read too (stale_after_days()). */
export const staleAfterDaysSql = sql`stale_after_days()`

/** An applicable row never confirmed or confirmed before now − the stale period. */
export function staleSql(c: StatusColumns = statusTable): SQL {
  return sql`(${applicableSql(c)} and (${c.confirmedAt} is null or ${c.confirmedAt} < now() - make_interval(days => ${staleAfterDaysSql})))`
}

// "Online" is approach own or EfA with stage online (DESIGN.md); rates are over applicable rows.
export const isOnline = onlineSql()
export const isApplicable = applicableSql()
export const isStale = staleSql()

/** `%text%` for LIKE/ILIKE with the text's own %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** A county search word: digits are the start of an AGS, anything else part of the name (any case). */
export function countyTextMatch(q: string, columns: { name: Column; ags: Column }): SQL {
  return /^[0-9]+$/.test(q) ? ilike(columns.ags, `${q}%`) : ilike(columns.name, containsPattern(q))
}

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
