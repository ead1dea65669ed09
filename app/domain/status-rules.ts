// The cross-field rules of a status row, on values already parsed: the schema (status.ts) runs
// them on a form or file row, the write path (models/status-write.server.ts) on the merged values
// of every changed row.
import { maxMaturity, OnlineServiceKind, type OnlineServiceKindCode } from './enums'
import type { StatusInputField, StatusValues } from './status-fields'
import { germanDateOf, todayIso } from './value-parsers'

// The cross-field rules of DESIGN.md / issue 3, each keyed by the column the user has to change
// and declaring the columns it reads: a rule is skipped when one of those did not parse (its
// value would be a stand-in), and every other rule still reports, so a row's errors come at once.
export type RuleIssue = { field: StatusInputField; message: string }
type RuleExtra = { onlineServiceKind?: OnlineServiceKindCode | null; today: string }
type StatusRule = { reads: readonly StatusInputField[]; check: (v: StatusValues, extra: RuleExtra) => RuleIssue | null }

const isOnlineStage = (v: StatusValues) => v.stage === 'online' || v.stage === 'partially_online'

const STATUS_RULES: StatusRule[] = [
  {
    // The row says "online": what cannot be true then is the Umsetzungsweg.
    reads: ['umsetzungsweg', 'fortschritt'],
    check: (v) =>
      isOnlineStage(v) && v.approach !== 'own' && v.approach !== 'efa'
        ? { field: 'umsetzungsweg', message: '„Online“ oder „teilweise online“ geht nur mit dem Umsetzungsweg „eigen“ oder „efa“.' }
        : null,
  },
  {
    reads: ['umsetzungsweg', 'fortschritt'],
    check: (v) =>
      v.approach === 'pending' && v.stage !== 'planned' && !isOnlineStage(v)
        ? { field: 'fortschritt', message: 'Solange der Umsetzungsweg „offen“ ist, ist der Fortschritt „geplant“.' }
        : null,
  },
  {
    reads: ['planung', 'umsetzungsweg'],
    check: (v) =>
      v.pendingPlan && v.approach !== 'pending'
        ? { field: 'planung', message: 'Eine Planung gibt es nur, solange der Umsetzungsweg „offen“ ist. Lassen Sie das Feld leer.' }
        : null,
  },
  {
    reads: ['online_dienst', 'umsetzungsweg'],
    check: (v, { onlineServiceKind: kind }) => {
      if (v.onlineServiceId === null || !kind) return null
      if (v.approach === 'efa' && kind !== 'efa') {
        return { field: 'online_dienst', message: `Bei EfA-Nachnutzung muss der Online-Dienst ein EfA-Dienst sein, nicht „${OnlineServiceKind.label(kind)}“.` }
      }
      if (v.approach === 'own' && kind === 'efa') {
        return { field: 'online_dienst', message: 'Bei eigener Umsetzung passt kein EfA-Dienst: Wählen Sie den Umsetzungsweg „efa“ oder einen anderen Online-Dienst.' }
      }
      if (v.approach === 'not_applicable') return { field: 'online_dienst', message: 'Eine Leistung, für die der Kreis nicht zuständig ist, hat keinen Online-Dienst.' }
      return null
    },
  },
  {
    reads: ['anbindung', 'online_dienst'],
    check: (v) =>
      v.connection && v.onlineServiceId === null
        ? { field: 'anbindung', message: 'Eine Anbindung gibt es nur mit einem Online-Dienst. Wählen Sie einen Online-Dienst oder lassen Sie die Anbindung leer.' }
        : null,
  },
  {
    reads: ['reifegrad', 'reifegradmodell', 'online_dienst'],
    check: (v) =>
      v.maturity !== null && (v.maturity < 0 || v.maturity > maxMaturity[v.maturityModel])
        ? { field: 'reifegrad', message: `Der Reifegrad liegt zwischen 0 und ${maxMaturity[v.maturityModel]} (Reifegradmodell ${v.maturityModel}).` }
        : null,
  },
  {
    reads: ['online_seit'],
    check: (v, { today }) =>
      v.onlineSince && v.onlineSince > today
        ? { field: 'online_seit', message: `„Online seit“ darf nicht in der Zukunft liegen (heute ist der ${germanDateOf(today)}).` }
        : null,
  },
  {
    reads: ['einmalkosten_eur'],
    check: (v) => (v.costOneOff !== null && Number(v.costOneOff) < 0 ? { field: 'einmalkosten_eur', message: 'Die Einmalkosten dürfen nicht negativ sein.' } : null),
  },
  {
    reads: ['jahreskosten_eur'],
    check: (v) => (v.costAnnual !== null && Number(v.costAnnual) < 0 ? { field: 'jahreskosten_eur', message: 'Die Jahreskosten dürfen nicht negativ sein.' } : null),
  },
  {
    reads: ['antraege_pro_jahr'],
    check: (v) =>
      v.applicationsPerYear !== null && v.applicationsPerYear < 0 ? { field: 'antraege_pro_jahr', message: 'Die Anzahl der Anträge darf nicht negativ sein.' } : null,
  },
]

/**
 * Every cross-field rule the values break. `unparsed`: columns whose value did not parse; the
 * rules reading them are skipped rather than judged on a stand-in value.
 */
export function checkStatusRules(
  v: StatusValues,
  extra: { onlineServiceKind?: OnlineServiceKindCode | null; today?: string } = {},
  unparsed: ReadonlySet<StatusInputField> = new Set(),
): RuleIssue[] {
  const context: RuleExtra = { onlineServiceKind: extra.onlineServiceKind, today: extra.today ?? todayIso() }
  const issues: RuleIssue[] = []
  for (const rule of STATUS_RULES) {
    if (rule.reads.some((f) => unparsed.has(f))) continue
    const issue = rule.check(v, context)
    if (issue) issues.push(issue)
  }
  return issues
}
