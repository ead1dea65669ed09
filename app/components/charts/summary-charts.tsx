// The dashboard's charts, built from the summary model's ready-to-plot series. Shared by the
// overview and the comparison page so that both show the same figures the same way.
import { formatNumber, formatPercent, ratePercent, countOf, formatMonth } from '~/domain/kpi'
import { ChartFigure, type ChartSeries } from './chart-figure'
import { okabeIto } from './palette'

type Named = { ags: string; name: string }
/** What every per-county chart is given: its rows, the county to highlight and the figure's id. */
type CountyChartProps<R extends Named> = { rows: R[]; homeAgs?: string | null; highlightLabel?: string; id?: string }

export type ApproachStageRow = Named & {
  ownOnline: number
  ownPartial: number
  ownWorking: number
  efaOnline: number
  efaPartial: number
  efaWorking: number
  pending: number
}

const pct1 = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0)

const stageSegments: { key: keyof Omit<ApproachStageRow, 'ags' | 'name'>; label: string; style: Omit<ChartSeries, 'label' | 'data'> }[] = [
  { key: 'ownOnline', label: 'Eigen · online', style: { color: okabeIto.bluishGreen } },
  { key: 'efaOnline', label: 'EfA · online', style: { color: okabeIto.bluishGreen, pattern: 'diagonal' } },
  { key: 'ownPartial', label: 'Eigen · teilweise online', style: { color: okabeIto.skyBlue } },
  { key: 'efaPartial', label: 'EfA · teilweise online', style: { color: okabeIto.skyBlue, pattern: 'diagonal' } },
  { key: 'ownWorking', label: 'Eigen · geplant/in Umsetzung', style: { color: okabeIto.yellow } },
  { key: 'efaWorking', label: 'EfA · geplant/in Umsetzung', style: { color: okabeIto.yellow, pattern: 'diagonal' } },
  { key: 'pending', label: 'Offen', style: { color: okabeIto.orange, pattern: 'dots' } },
]

function homeIndex(rows: Named[], homeAgs: string | null | undefined) {
  const i = homeAgs ? rows.findIndex((r) => r.ags === homeAgs) : -1
  return i >= 0 ? i : undefined
}

/**
 * Stacked shares per county, and beside them the table of counts: each cell „Anzahl (Anteil)“
 * of the row's whole, which gets a column of its own.
 */
function CountyShareBars<R extends Named>(props: {
  id: string
  title: string
  counts: string
  summary: string
  rows: R[]
  homeAgs?: string | null
  highlightLabel?: string
  series: Omit<ChartSeries, 'data'>[]
  count: (row: R, series: number) => number
  whole: (row: R) => number
  wholeHeader: string
}) {
  const { rows, count, whole } = props
  return (
    <ChartFigure
      id={props.id}
      type="bar"
      horizontal
      stacked
      percent
      title={props.title}
      counts={props.counts}
      summary={props.summary}
      labels={rows.map((r) => r.name)}
      rowHeader="Kreis"
      highlightIndex={homeIndex(rows, props.homeAgs)}
      highlightLabel={props.highlightLabel}
      series={props.series.map((style, si) => ({ ...style, data: rows.map((r) => pct1(count(r, si), whole(r))) }))}
      formatCell={(si, li) => {
        const n = count(rows[li], si)
        return `${formatNumber(n)} (${formatPercent(n, whole(rows[li]))})`
      }}
      extraColumn={{ header: props.wholeHeader, values: rows.map((r) => formatNumber(whole(r))) }}
    />
  )
}

function applicableOf(row: ApproachStageRow) {
  return stageSegments.reduce((n, s) => n + row[s.key], 0)
}

export function ApproachStageChart({ rows, homeAgs, highlightLabel, id = 'chart-umsetzung' }: CountyChartProps<ApproachStageRow>) {
  const best = [...rows].sort((a, b) => pct1(b.ownOnline + b.efaOnline, applicableOf(b)) - pct1(a.ownOnline + a.efaOnline, applicableOf(a)))[0]
  const home = rows.find((r) => r.ags === homeAgs)
  const describe = (r: ApproachStageRow) =>
    `${r.name}: ${countOf(r.ownOnline + r.efaOnline, applicableOf(r))} zuständigen Leistungen online (${formatPercent(r.ownOnline + r.efaOnline, applicableOf(r))})`
  const summary = rows.length
    ? `Umsetzungsstand je Kreis in Prozent der zuständigen Leistungen. Höchster Online-Anteil – ${describe(best)}.${home && home !== best ? ` ${highlightLabel ?? 'Ihr Kreis'} – ${describe(home)}.` : ''}`
    : 'Keine Kreise.'
  return (
    <CountyShareBars
      id={id}
      title="Umsetzungsweg und Fortschritt je Kreis"
      counts="Anteile an den zuständigen Leistungen des Kreises (alle außer „nicht zuständig“). Farbe = Fortschritt, Schraffur = EfA-Nachnutzung, Punkte = offen. Tabelle: Anzahl (Anteil)."
      summary={summary}
      rows={rows}
      homeAgs={homeAgs}
      highlightLabel={highlightLabel}
      series={stageSegments.map((s) => ({ ...s.style, label: s.label }))}
      count={(r, si) => r[stageSegments[si].key]}
      whole={applicableOf}
      wholeHeader="Zuständig"
    />
  )
}

type Segment = Omit<ChartSeries, 'data'>
type LevelRow = Named & { levels: number[] }
/** A maturity chart's segments: one per level of the model, then the rows counted beside the levels. */
type MaturitySegments<R extends LevelRow> = { levels: Segment[]; beside: { segment: Segment; count: (row: R) => number }[] }

/** A county's online services in a maturity chart: its rows at every level and those counted beside. */
function onlineOf<R extends LevelRow>(row: R, { beside }: MaturitySegments<R>) {
  return row.levels.reduce((a, b) => a + b, 0) + beside.reduce((n, b) => n + b.count(row), 0)
}

/** Both maturity models' charts: shares of the county's online services, level by level. */
function MaturityBars<R extends LevelRow>({ segments, ...props }: CountyChartProps<R> & { id: string; title: string; counts: string; summary: string; segments: MaturitySegments<R> }) {
  const { levels, beside } = segments
  return (
    <CountyShareBars
      {...props}
      series={[...levels, ...beside.map((b) => b.segment)]}
      count={(r, si) => (si < levels.length ? r.levels[si] : beside[si - levels.length].count(r))}
      whole={(r) => onlineOf(r, segments)}
      wholeHeader="Online"
    />
  )
}

export type MaturityRow = Named & { levels: number[]; unknown: number; otherModel: number }

const maturityStyles: Omit<Segment, 'label'>[] = [
  { color: okabeIto.vermillion, pattern: 'cross' },
  { color: okabeIto.orange, pattern: 'horizontal' },
  { color: okabeIto.yellow, pattern: 'dots' },
  { color: okabeIto.skyBlue, pattern: 'vertical' },
  { color: okabeIto.blue },
]

const maturitySegments: MaturitySegments<MaturityRow> = {
  levels: maturityStyles.map((style, level) => ({ ...style, label: `Reifegrad ${level}` })),
  beside: [
    { segment: { color: okabeIto.grey, pattern: 'diagonal', label: 'ohne Angabe' }, count: (r) => r.unknown },
    { segment: { color: okabeIto.reddishPurple, pattern: 'zigzag', label: 'bewertet nach Modell 2.0' }, count: (r) => r.otherModel },
  ],
}

export function MaturityChart({ id = 'chart-reifegrad', ...county }: CountyChartProps<MaturityRow>) {
  const online = (r: MaturityRow) => onlineOf(r, maturitySegments)
  const ozgReady = (r: MaturityRow) => r.levels[3] + r.levels[4]
  const best = [...county.rows].sort((a, b) => pct1(ozgReady(b), online(b)) - pct1(ozgReady(a), online(a)))[0]
  const summary = best
    ? `Reifegrad der Online-Leistungen je Kreis. Den höchsten Anteil mit Reifegrad 3 oder 4 hat ${best.name}: ${countOf(ozgReady(best), online(best))} (${formatPercent(ozgReady(best), online(best))}).`
    : 'Keine Kreise.'
  return (
    <MaturityBars
      {...county}
      id={id}
      title="Reifegrad nach Modell 1.1 (0–4) je Kreis – bisherige Bewertungen"
      counts="Zählt nach Reifegradmodell 1.1: Anteile an den Online-Leistungen des Kreises (0 offline … 4 Once-Only; ab 3 OZG-konform). Bewertungen nach Modell 2.0 stehen gesondert. Tabelle: Anzahl (Anteil)."
      summary={summary}
      segments={maturitySegments}
    />
  )
}

export type EndToEndRow = Named & { online: number; endToEnd: number }

export function EndToEndChart({ rows, homeAgs, highlightLabel, id = 'chart-ende-zu-ende' }: CountyChartProps<EndToEndRow>) {
  const total = rows.reduce((n, r) => n + r.online, 0)
  const e2e = rows.reduce((n, r) => n + r.endToEnd, 0)
  const home = rows.find((r) => r.ags === homeAgs)
  const summary = `Ende-zu-Ende-Quote je Kreis. Community: ${countOf(e2e, total)} Online-Leistungen Ende-zu-Ende (${formatPercent(e2e, total)}).${
    home ? ` ${highlightLabel ?? 'Ihr Kreis'} ${home.name}: ${countOf(home.endToEnd, home.online)} (${formatPercent(home.endToEnd, home.online)}).` : ''
  }`
  return (
    <ChartFigure
      id={id}
      type="bar"
      horizontal
      percent
      title="Ende-zu-Ende-Quote je Kreis"
      counts="Anteil der Online-Leistungen, deren Anträge ohne Abtippen im Fachverfahren ankommen. Tabelle: Anteil (Anzahl von Online-Leistungen)."
      summary={summary}
      labels={rows.map((r) => r.name)}
      rowHeader="Kreis"
      highlightIndex={homeIndex(rows, homeAgs)}
      highlightLabel={highlightLabel}
      series={[{ label: 'Ende-zu-Ende', color: okabeIto.blue, data: rows.map((r) => ratePercent(r.endToEnd, r.online) ?? 0) }]}
      formatCell={(_, li) => `${formatPercent(rows[li].endToEnd, rows[li].online)} (${countOf(rows[li].endToEnd, rows[li].online)})`}
    />
  )
}

const lineStyles: Omit<ChartSeries, 'label' | 'data'>[] = [
  { color: okabeIto.blue, point: 'circle' },
  { color: okabeIto.vermillion, dash: [6, 4], point: 'triangle' },
  { color: okabeIto.bluishGreen, dash: [2, 3], point: 'rect' },
  { color: okabeIto.reddishPurple, dash: [10, 3, 2, 3], point: 'rectRot' },
  { color: okabeIto.orange, dash: [12, 6], point: 'star' },
  { color: okabeIto.black, dash: [1, 2], point: 'crossRot' },
  { color: okabeIto.skyBlue, dash: [4, 2], point: 'circle' },
]

export type TrendLine = { label: string; values: number[] }

export function TrendChart({
  id,
  title,
  months,
  lines,
  summary,
  counts,
}: {
  id: string
  title: string
  months: string[]
  lines: TrendLine[]
  summary: string
  counts: string
}) {
  return (
    <ChartFigure
      id={id}
      type="line"
      title={title}
      counts={counts}
      summary={summary}
      labels={months.map(formatMonth)}
      rowHeader="Monat"
      tallTable
      series={lines.map((line, i) => ({ ...lineStyles[i % lineStyles.length], label: line.label, data: line.values }))}
    />
  )
}

/** „Celle: von 12 auf 140 Online-Leistungen seit 01/2019“ */
export function describeTrend(label: string, months: string[], values: number[]) {
  if (!months.length) return `${label}: noch keine Änderungen in der Historie.`
  return `${label}: ${formatNumber(values.at(-1) ?? 0)} Online-Leistungen im ${formatMonth(months.at(-1)!)}, ${formatNumber(values[0])} im ${formatMonth(months[0])}.`
}

export type Maturity20Row = Named & { levels: number[]; model11: number; unknown: number }

const maturity20Styles: Omit<Segment, 'label'>[] = [
  { color: okabeIto.vermillion, pattern: 'cross' },
  { color: okabeIto.orange, pattern: 'horizontal' },
  { color: okabeIto.yellow, pattern: 'dots' },
  { color: okabeIto.skyBlue, pattern: 'vertical' },
  { color: okabeIto.bluishGreen, pattern: 'diagonal' },
  { color: okabeIto.blue },
  { color: okabeIto.reddishPurple, pattern: 'dots' },
  { color: okabeIto.black },
]

/** The main maturity view: Reifegradmodell 2.0 (0–7); rows still rated in 1.1 are counted beside. */
export function Maturity20Chart({ labels, id = 'chart-reifegrad-20', ...county }: CountyChartProps<Maturity20Row> & { labels: readonly string[] }) {
  const segments: MaturitySegments<Maturity20Row> = {
    levels: maturity20Styles.map((style, level) => ({ ...style, label: `Stufe ${labels[level]}` })),
    beside: [
      { segment: { color: okabeIto.grey, pattern: 'zigzag', label: 'noch nach Modell 1.1 bewertet' }, count: (r) => r.model11 },
      { segment: { color: '#dddddd', pattern: 'diagonal', label: 'ohne Angabe' }, count: (r) => r.unknown },
    ],
  }
  const rated = county.rows.reduce((n, r) => n + r.levels.reduce((a, b) => a + b, 0), 0)
  const total = county.rows.reduce((n, r) => n + onlineOf(r, segments), 0)
  const summary = `Reifegrad nach Modell 2.0 je Kreis: ${countOf(rated, total)} Online-Leistungen (${formatPercent(rated, total)}) sind nach Modell 2.0 bewertet, die übrigen noch nach Modell 1.1 oder ohne Angabe.`
  return (
    <MaturityBars
      {...county}
      id={id}
      title="Reifegrad nach Modell 2.0 (0–7) je Kreis"
      counts="Zählt nach Reifegradmodell 2.0: Anteile an den Online-Leistungen des Kreises (0 nur offline … 7 vollständig Ende-zu-Ende digital; 1–3 Frontend, 4–6 Prozess und Daten in der Verwaltung). Leistungen, die noch nach Modell 1.1 bewertet sind, werden nicht umgerechnet. Stufen laut ozg.sachsen-anhalt.de (Reifegradmodell, Stand 02-2026); die Bezeichnungen der Stufen 1–6 nennen nur ihre Gruppe. Tabelle: Anzahl (Anteil)."
      summary={summary}
      segments={segments}
    />
  )
}
