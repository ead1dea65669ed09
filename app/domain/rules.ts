// The rules the product is made of, each written once (issue #11, STYLE.md §10). Where SQL needs
// the same rule, its twin is in app/models/sql.server.ts, built from the constants here, and
// test/integration/rules-agree.test.ts holds both to the same answers on both engines.
import { z } from 'zod'
import type { ApproachCode, InterfaceStatusCode, StageCode } from './enums'
import './zod-config'

// ---------------------------------------------------------------------------------------------
// Online: own implementation or EfA reuse with stage online (DESIGN.md). Rates are over the
// applicable rows: every approach except „nicht zuständig“.

export const ONLINE_APPROACHES: readonly ApproachCode[] = ['own', 'efa']
export const ONLINE_STAGE: StageCode = 'online'
export const NOT_APPLICABLE: ApproachCode = 'not_applicable'

export function isApplicable(row: { approach: string | null }): boolean {
  return row.approach !== null && row.approach !== NOT_APPLICABLE
}

export function isOnline(row: { approach: string | null; stage: string | null }): boolean {
  return row.approach !== null && (ONLINE_APPROACHES as readonly string[]).includes(row.approach) && row.stage === ONLINE_STAGE
}

// ---------------------------------------------------------------------------------------------
// Open interface negotiation: an applicable row whose interface is being negotiated, developed
// or tested (KPI „Schnittstellen in Arbeit“, the meeting report, the vendor pages).

export const OPEN_INTERFACE_STATUSES: readonly InterfaceStatusCode[] = ['negotiating', 'in_development', 'testing']

export function isOpenInterfaceStatus(status: string | null): boolean {
  return status !== null && (OPEN_INTERFACE_STATUSES as readonly string[]).includes(status)
}

export function hasOpenInterfaceNegotiation(row: { approach: string | null; interfaceStatus: string | null }): boolean {
  return isApplicable(row) && isOpenInterfaceStatus(row.interfaceStatus)
}

// ---------------------------------------------------------------------------------------------
// Stale: an applicable row never confirmed, or not within the stale period. The period is one
// community setting (app_meta 'stale_after_days', read by the summary triggers too); this is the
// value a new database starts with (migration stale_period_setting).

export const DEFAULT_STALE_AFTER_DAYS = 180
export const MIN_STALE_AFTER_DAYS = 30
export const MAX_STALE_AFTER_DAYS = 730

const DAY_MS = 24 * 60 * 60 * 1000

export function staleBefore(now: Date, staleAfterDays: number): Date {
  return new Date(now.getTime() - staleAfterDays * DAY_MS)
}

export function isStale(row: { approach: string | null; confirmedAt: Date | string | null }, now: Date, staleAfterDays: number): boolean {
  if (!isApplicable(row)) return false
  if (row.confirmedAt === null) return true
  return new Date(row.confirmedAt).getTime() < staleBefore(now, staleAfterDays).getTime()
}

/** „seit mehr als 180 Tagen nicht bestätigt“: how every page names the rule. */
export function staleText(staleAfterDays: number): string {
  return `seit mehr als ${staleAfterDays} Tagen nicht bestätigt`
}

export const StaleAfterDaysInput = z.object({
  staleAfterDays: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v === '' ? undefined : v),
    z
      .number({ error: 'Geben Sie die Zahl der Tage ein, z. B. 180.' })
      .int('Geben Sie ganze Tage ein, z. B. 180.')
      .min(MIN_STALE_AFTER_DAYS, `Die Frist beträgt mindestens ${MIN_STALE_AFTER_DAYS} Tage.`)
      .max(MAX_STALE_AFTER_DAYS, `Die Frist beträgt höchstens ${MAX_STALE_AFTER_DAYS} Tage.`),
  ),
})

// ---------------------------------------------------------------------------------------------
// Keys from outside: the Amtlicher Gemeindeschlüssel of a county (5 digits for a Kreis, 8 for a
// kreisfreie Stadt's Gemeinde key) and the five-digit OZG-ID of a service. db/schema.ts checks
// the same patterns in its CHECK constraints.

export const AGS_PATTERN = /^([0-9]{5}|[0-9]{8})$/
export const OZG_ID_PATTERN = /^[0-9]{5}$/

export function isAgs(value: string): boolean {
  return AGS_PATTERN.test(value)
}

export function isOzgId(value: string): boolean {
  return OZG_ID_PATTERN.test(value)
}

/** An AGS; `message` names the field in German (a path parameter's is never shown). */
export function agsSchema(message = 'Ein Kreis wird mit seinem Amtlichen Gemeindeschlüssel angegeben, z. B. 03351.') {
  return z.string().regex(AGS_PATTERN, message)
}

export function ozgIdSchema(message = 'Geben Sie eine OZG-ID mit fünf Ziffern ein, z. B. 10110.') {
  return z.string().regex(OZG_ID_PATTERN, message)
}
