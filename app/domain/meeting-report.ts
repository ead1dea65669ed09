// The meeting report as Markdown and CSV: pure formatting of what getMeetingReport() returns.
import { Approach, InterfaceStatus, Stage, type ApproachCode, type InterfaceStatusCode, type StageCode } from './enums'
import { formatCsv } from './status-csv'

// The report's shape: what getMeetingReport() (models/meeting.server.ts) returns.
export type ReportPeriod = {
  /** First day covered (ISO date, Europe/Berlin). */
  from: string
  /** Last day covered: the meeting's day. */
  to: string
  basis: 'covers_from' | 'previous' | 'default'
  previous: { id: number; title: string; heldOn: string } | null
}

export type CountyReportRow = {
  ags: string
  name: string
  changedRows: number
  newlyOnline: number
  approachChanges: number
  newNegotiations: number
  openNegotiations: number
  awaitingEfa: number
  fundingUnclear: number
  stale: number
  applicable: number
  online: number
}
export type ReportCounts = Omit<CountyReportRow, 'ags' | 'name'>
export type RowRef = { ags: string; county: string; ozgId: string; service: string }
export type MeetingReport = {
  period: ReportPeriod
  counties: CountyReportRow[]
  community: ReportCounts
  newlyOnline: (RowRef & { approach: string; onlineService: string | null; changedAt: string })[]
  approachChanges: (RowRef & { from: string | null; to: string | null; changedAt: string })[]
  /** Open interface negotiations of the status rows per vendor (vendorId 0: no Fachverfahren given). */
  negotiationVendors: { vendorId: number; vendor: string | null; open: number; new: number }[]
  /** Per vendor its first GROUP_LIMIT rows (all in the exports, or for the expanded vendor). */
  negotiations: (RowRef & { vendorId: number; interfaceStatus: string; fachverfahren: string | null; vendor: string | null; isNew: boolean })[]
  awaitingEfa: { ozgId: string; service: string; countyCount: number; counties: string }[]
  fundingUnclear: (RowRef & { approach: string; stage: string })[]
  /** Per county its first GROUP_LIMIT changed rows, latest first (all in the exports). */
  changedRows: (RowRef & { changeCount: number; lastChangedAt: string; fields: string[] })[]
}

export type MeetingHeader = { id: number; title: string; heldOn: string; notes: string | null }

export function germanDate(iso: string) {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${d}.${m}.${y}`
}

export function germanDateTime(iso: string) {
  return new Date(iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' })
}

export function periodText(report: Pick<MeetingReport, 'period'>) {
  const p = report.period
  const range = `${germanDate(p.from)} bis ${germanDate(p.to)}`
  if (p.basis === 'covers_from') return `${range} (gewählter Beginn)`
  if (p.basis === 'previous' && p.previous) return `${range} (seit der Sitzung „${p.previous.title}“ am ${germanDate(p.previous.heldOn)})`
  return `${range} (keine frühere Sitzung: die letzten 90 Tage)`
}

export const REPORT_COLUMNS = [
  { key: 'changedRows', label: 'Geänderte Zeilen', counts: 'Zeilen mit mindestens einer Änderung im Zeitraum' },
  { key: 'newlyOnline', label: 'Neu online', counts: 'Im Zeitraum auf „online“ gesetzt und noch online (eigen oder EfA)' },
  { key: 'approachChanges', label: 'Wechsel des Umsetzungswegs', counts: 'Änderungen des Umsetzungswegs im Zeitraum' },
  { key: 'newNegotiations', label: 'Neue Schnittstellenverhandlungen', counts: 'Im Zeitraum in Verhandlung, Entwicklung oder Test gegangen und noch offen' },
  { key: 'openNegotiations', label: 'Offene Schnittstellenverhandlungen', counts: 'Heute in Verhandlung, Entwicklung oder Test' },
  { key: 'awaitingEfa', label: 'Warten auf EfA', counts: 'Offene Leistungen mit Planung „warten auf EfA“' },
  { key: 'fundingUnclear', label: 'Finanzierung ungeklärt', counts: 'Zuständige Leistungen mit Finanzierung „ungeklärt“' },
  { key: 'stale', label: 'Lange nicht bestätigt', counts: 'Zuständige Leistungen, nie oder nicht innerhalb der Frist der Community bestätigt (Mitgliedskreise)' },
] as const

const approach = (code: string | null) => (code ? Approach.label(code as ApproachCode) : '–')
const stage = (code: string) => Stage.label(code as StageCode)
const iface = (code: string) => InterfaceStatus.label(code as InterfaceStatusCode)
/** `<` and `&` as entities: Markdown renders them as the characters, never as a tag. */
export function escapeHtmlInMarkdown(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
}
const md = (text: string) => text.replace(/([\\|*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ')

export function meetingReportMarkdown(meeting: MeetingHeader, report: MeetingReport, communityName: string | null = null): string {
  const out: string[] = []
  const of = communityName ? ` der Community ${md(communityName)}` : ''
  out.push(`# ${md(meeting.title)}`, '', `Sitzung${of} am ${germanDate(meeting.heldOn)}. Berichtszeitraum: ${periodText(report)}.`, '')
  // Notes stay Markdown (lists, emphasis), but no HTML: a viewer that renders the file must not
  // run markup someone typed into the meeting.
  if (meeting.notes) out.push('## Notizen', '', escapeHtmlInMarkdown(meeting.notes), '')
  out.push('## Überblick je Kreis', '')
  out.push(`| Kreis | ${REPORT_COLUMNS.map((c) => c.label).join(' | ')} |`)
  out.push(`|---|${REPORT_COLUMNS.map(() => '---:').join('|')}|`)
  for (const c of report.counties) out.push(`| ${md(c.name)} (${c.ags}) | ${REPORT_COLUMNS.map((col) => c[col.key]).join(' | ')} |`)
  out.push(`| **Community** | ${REPORT_COLUMNS.map((col) => `**${report.community[col.key]}**`).join(' | ')} |`, '')
  for (const c of REPORT_COLUMNS) out.push(`- ${c.label}: ${c.counts}.`)
  out.push('')
  const section = (title: string, lines: string[]) => {
    out.push(`## ${title}`, '')
    out.push(...(lines.length ? lines : ['Keine.']), '')
  }
  section(
    'Neu online',
    report.newlyOnline.map((r) => `- ${md(r.county)}: ${r.ozgId} ${md(r.service)} (${approach(r.approach)}${r.onlineService ? `, ${md(r.onlineService)}` : ''}; ${germanDateTime(r.changedAt)})`),
  )
  section(
    'Wechsel des Umsetzungswegs',
    report.approachChanges.map((r) => `- ${md(r.county)}: ${r.ozgId} ${md(r.service)}: ${approach(r.from)} → ${approach(r.to)} (${germanDateTime(r.changedAt)})`),
  )
  section(
    'Schnittstellenverhandlungen (neu und offen)',
    report.negotiations.map(
      (r) => `- ${r.isNew ? '**neu** ' : ''}${md(r.county)}: ${r.ozgId} ${md(r.service)} – ${iface(r.interfaceStatus)}${r.fachverfahren ? ` (${md(r.fachverfahren)}${r.vendor ? `, ${md(r.vendor)}` : ''})` : ''}`,
    ),
  )
  section('Leistungen, die auf EfA warten', report.awaitingEfa.map((r) => `- ${r.ozgId} ${md(r.service)}: ${r.countyCount} Kreise (${md(r.counties)})`))
  section('Finanzierung ungeklärt', report.fundingUnclear.map((r) => `- ${md(r.county)}: ${r.ozgId} ${md(r.service)} (${approach(r.approach)}, ${stage(r.stage)})`))
  section(
    'Alle geänderten Zeilen',
    report.changedRows.map((r) => `- ${md(r.county)}: ${r.ozgId} ${md(r.service)} – ${r.changeCount} Änderung(en), zuletzt ${germanDateTime(r.lastChangedAt)}`),
  )
  return out.join('\n')
}

const CSV_HEADER = ['abschnitt', 'ags', 'kreis', 'ozg_id', 'leistung', 'von', 'nach', 'detail', 'datum'] as const
type CsvColumn = (typeof CSV_HEADER)[number]
// Names typed by users; the other columns hold codes, counts and dates the report writes itself.
const CSV_TEXT_COLUMNS: ReadonlySet<CsvColumn> = new Set<CsvColumn>(['kreis', 'leistung', 'detail'])

/** One row per finding, in the file conventions of the status export (BOM, `;`, CRLF). */
export function meetingReportCsv(report: MeetingReport): string {
  const rows: Record<CsvColumn, string>[] = []
  const add = (r: Partial<Record<CsvColumn, string>>) => rows.push(Object.fromEntries(CSV_HEADER.map((h) => [h, r[h] ?? ''])) as Record<CsvColumn, string>)
  for (const c of report.counties) {
    for (const col of REPORT_COLUMNS) add({ abschnitt: 'kennzahl', ags: c.ags, kreis: c.name, detail: col.label, nach: String(c[col.key]) })
  }
  for (const col of REPORT_COLUMNS) add({ abschnitt: 'kennzahl', kreis: 'Community', detail: col.label, nach: String(report.community[col.key]) })
  for (const r of report.newlyOnline) add({ abschnitt: 'neu_online', ags: r.ags, kreis: r.county, ozg_id: r.ozgId, leistung: r.service, nach: Approach.value(r.approach as ApproachCode), detail: r.onlineService ?? '', datum: r.changedAt.slice(0, 10) })
  for (const r of report.approachChanges) add({ abschnitt: 'wechsel_umsetzungsweg', ags: r.ags, kreis: r.county, ozg_id: r.ozgId, leistung: r.service, von: Approach.value(r.from as ApproachCode), nach: Approach.value(r.to as ApproachCode), datum: r.changedAt.slice(0, 10) })
  for (const r of report.negotiations) add({ abschnitt: r.isNew ? 'schnittstelle_neu' : 'schnittstelle_offen', ags: r.ags, kreis: r.county, ozg_id: r.ozgId, leistung: r.service, nach: InterfaceStatus.value(r.interfaceStatus as InterfaceStatusCode), detail: [r.fachverfahren, r.vendor].filter(Boolean).join(', ') })
  for (const r of report.awaitingEfa) add({ abschnitt: 'warten_auf_efa', ozg_id: r.ozgId, leistung: r.service, nach: String(r.countyCount), detail: r.counties })
  for (const r of report.fundingUnclear) add({ abschnitt: 'finanzierung_ungeklaert', ags: r.ags, kreis: r.county, ozg_id: r.ozgId, leistung: r.service, detail: `${Approach.value(r.approach as ApproachCode)}, ${Stage.value(r.stage as StageCode)}` })
  for (const r of report.changedRows) add({ abschnitt: 'geaendert', ags: r.ags, kreis: r.county, ozg_id: r.ozgId, leistung: r.service, nach: String(r.changeCount), detail: r.fields.join(', '), datum: r.lastChangedAt.slice(0, 10) })
  return formatCsv(CSV_HEADER, rows, CSV_TEXT_COLUMNS)
}
