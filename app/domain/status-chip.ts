import type { ApproachCode, StageCode } from './enums'

// The one status language of every page (county list, service page, compare, report, matrix):
// a colour class, a letter for the approach (E = eigene Umsetzung, A = EfA-Nachnutzung) and a
// symbol for the stage, so colour is never the only cue. One character per code also keeps the
// 557 × 16 matrix small on the wire.
export type StatusCode = 'O' | 'P' | 'W' | 'L' | 'o' | 'p' | 'w' | 'l' | 'x' | 'n' | '_'

export type StatusChipStyle = { className: string; symbol: string; label: string }

export const statusChips: Record<StatusCode, StatusChipStyle> = {
  O: { className: 'cell-own-online', symbol: 'E●', label: 'Eigene Umsetzung, online' },
  P: { className: 'cell-own-partial', symbol: 'E◐', label: 'Eigene Umsetzung, teilweise online' },
  W: { className: 'cell-own-progress', symbol: 'E◔', label: 'Eigene Umsetzung, in Umsetzung' },
  L: { className: 'cell-own-planned', symbol: 'E○', label: 'Eigene Umsetzung, geplant' },
  o: { className: 'cell-efa-online', symbol: 'A●', label: 'EfA-Nachnutzung, online' },
  p: { className: 'cell-efa-partial', symbol: 'A◐', label: 'EfA-Nachnutzung, teilweise online' },
  w: { className: 'cell-efa-progress', symbol: 'A◔', label: 'EfA-Nachnutzung, in Umsetzung' },
  l: { className: 'cell-efa-planned', symbol: 'A○', label: 'EfA-Nachnutzung, geplant' },
  x: { className: 'cell-pending', symbol: '?', label: 'Offen' },
  n: { className: 'cell-na', symbol: '–', label: 'Nicht zuständig' },
  _: { className: 'cell-none', symbol: '·', label: 'Kein Eintrag' },
}

export const statusLegend: StatusCode[] = ['O', 'P', 'W', 'L', 'o', 'p', 'w', 'l', 'x', 'n', '_']

const stageLetter: Record<StageCode, 'o' | 'p' | 'w' | 'l'> = {
  online: 'o',
  partially_online: 'p',
  in_progress: 'w',
  planned: 'l',
}

/** The code of a status row; `null` approach means the county has no row for the service. */
export function statusCode(approach: ApproachCode | null | undefined, stage: StageCode | null | undefined): StatusCode {
  if (!approach) return '_'
  if (approach === 'pending') return 'x'
  if (approach === 'not_applicable') return 'n'
  const letter = stageLetter[stage ?? 'planned']
  return approach === 'own' ? (letter.toUpperCase() as StatusCode) : letter
}

/** A code from the wire or the database; anything unknown reads as "no entry". */
export function asStatusCode(code: string): StatusCode {
  return Object.hasOwn(statusChips, code) ? (code as StatusCode) : '_'
}
