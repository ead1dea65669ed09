// KPI rules shared by the dashboard, the county page and the comparison: what a figure counts
// and how it is written. Pure, no I/O, so that unit tests pin the wording and the rounding.
import { formatNumber as formatGerman } from './format'

/** Whole-number percentage of part in whole; null when there is nothing to compare against. */
export function ratePercent(part: number, whole: number): number | null {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return null
  return Math.round((part / whole) * 100)
}

/** „60 %“, or „–“ when the base is empty. */
export function formatPercent(part: number, whole: number): string {
  const value = ratePercent(part, whole)
  return value === null ? '–' : `${value} %`
}

/** „3 von 5“: the count that always stands beside a percentage. */
export function countOf(part: number, whole: number): string {
  return `${formatNumber(part)} von ${formatNumber(whole)}`
}

/** A rate as the UI shows it: percentage plus the counts behind it. */
export function rate(part: number, whole: number) {
  return { percent: ratePercent(part, whole), percentText: formatPercent(part, whole), countText: countOf(part, whole) }
}

/** German number formatting („1.234“, „2,5“), through the one formatter; „–“ for a missing value. */
export function formatNumber(value: number | null | undefined): string {
  return formatGerman(value, 1)
}

export type KpiKey =
  | 'applicable'
  | 'online'
  | 'own'
  | 'efa'
  | 'pending'
  | 'notApplicable'
  | 'partiallyOnline'
  | 'inProgress'
  | 'meanMaturityOnline'
  | 'endToEnd'
  | 'openNegotiations'
  | 'stale'

/** Every KPI says what it counts (DESIGN.md): short label plus the definition behind it. */
export const kpiLabels: Record<KpiKey, { label: string; counts: string }> = {
  applicable: {
    label: 'Zuständige Leistungen',
    counts: 'Alle Leistungen außer „nicht zuständig“; Grundlage jeder Quote.',
  },
  online: {
    label: 'Online',
    counts: 'Eigene Umsetzung oder EfA-Nachnutzung mit Fortschritt „online“, bezogen auf die zuständigen Leistungen.',
  },
  own: { label: 'Eigene Umsetzung', counts: 'Leistungen mit Umsetzungsweg „eigen“, gleich welcher Fortschritt.' },
  efa: { label: 'EfA-Nachnutzung', counts: 'Leistungen mit Umsetzungsweg „efa“, gleich welcher Fortschritt.' },
  pending: { label: 'Offen', counts: 'Leistungen, über deren Umsetzungsweg noch nicht entschieden ist.' },
  notApplicable: { label: 'Nicht zuständig', counts: 'Leistungen, für die der Kreis nicht zuständig ist; zählen in keiner Quote.' },
  partiallyOnline: {
    label: 'Teilweise online',
    counts: 'Ein Teil der LeiKa-Leistungen ist online (Fortschritt „teilweise online“).',
  },
  inProgress: { label: 'In Umsetzung', counts: 'Leistungen mit Fortschritt „in Umsetzung“.' },
  meanMaturityOnline: {
    label: 'Mittlerer Reifegrad (online)',
    counts: 'Durchschnittlicher OZG-Reifegrad (Modell 1.1, 0–4) der Online-Leistungen mit Angabe.',
  },
  endToEnd: {
    label: 'Ende-zu-Ende',
    counts: 'Online-Leistungen, deren Anträge ohne Abtippen im Fachverfahren ankommen, bezogen auf alle Online-Leistungen.',
  },
  openNegotiations: {
    label: 'Schnittstellen in Arbeit',
    counts: 'Schnittstellenstatus „in Verhandlung“, „in Entwicklung“ oder „im Test“.',
  },
  stale: {
    label: 'Nicht bestätigt',
    // The period is a community setting (app/domain/rules.ts): pages that know it add it.
    counts: 'Zuständige Leistungen, deren Stand nie oder nicht innerhalb der Frist der Community bestätigt wurde.',
  },
}

/** „2024-03“ → „03/2024“ for tables and axis labels. */
export function formatMonth(month: string): string {
  const [year, m] = month.split('-')
  return `${m}/${year}`
}
