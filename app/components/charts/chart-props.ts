// What a ChartFigure is given: the numbers, how they are drawn and how the table writes them.
import type { ReactNode } from 'react'
import type { SeriesStyle } from './palette'

export type ChartSeries = SeriesStyle & { label: string; data: number[] }

export type ChartFigureProps = {
  id: string
  type: 'bar' | 'line'
  title: string
  /** The main point, read out for the canvas (role="img"). */
  summary: string
  /** What the figure counts; shown under the title. */
  counts?: ReactNode
  /** Category labels: counties (bars) or months (lines). */
  labels: string[]
  /** Optional display labels for the table's first column (defaults to labels). */
  rowLabels?: string[]
  rowHeader: string
  series: ChartSeries[]
  stacked?: boolean
  horizontal?: boolean
  /** Values are percentages (0–100). */
  percent?: boolean
  /** Index of the highlighted category (the user's home county). */
  highlightIndex?: number
  /** The badge of the highlighted row in the table; „Ihr Kreis“ unless said otherwise. */
  highlightLabel?: string
  /** Cell text in the table; defaults to the number. */
  formatCell?: (seriesIndex: number, labelIndex: number, value: number) => string
  /** An extra last column, e.g. the base every percentage is taken of. */
  extraColumn?: { header: string; values: string[] }
  /** Long tables (monthly series) scroll on screen and print in full. */
  tallTable?: boolean
  height?: number
}
