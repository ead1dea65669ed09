// One formatter for what pages show: German dates (TT.MM.JJJJ), times in Berlin, numbers with
// thousands separators and euro amounts („1.650,00 €“), and plural forms. Pages, reports and
// mails use these, never ISO strings or toLocaleString of their own.
const TIME_ZONE = 'Europe/Berlin'
const EMPTY = '–'

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
const euroFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' })
// One NumberFormat per number of digits, made once: toLocaleString with options builds a new
// formatter on every call, which was 38 % of the dashboard's server time (bench/README.md).
const numberFormats = new Map<number, Intl.NumberFormat>()

function germanNumber(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits)
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { maximumFractionDigits })
    numberFormats.set(maximumFractionDigits, format)
  }
  return format
}

// Two decimals always, for amounts in text (status values, history): „1.650,00“.
const amountFormat = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
// localeCompare(b, 'de') builds a collator on every call; sorting 400 names did that ~3,500 times.
const germanCollator = new Intl.Collator('de')

/** Compares two strings in German order, as `a.localeCompare(b, 'de')` does (for sort). */
export const compareGerman: (a: string, b: string) => number = germanCollator.compare

/** A number with exactly two decimals, as `n.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })`. */
export function formatAmount(n: number): string {
  return amountFormat.format(n)
}

type DateInput = string | Date | null | undefined

/** A calendar date as 06.01.2026. A bare `YYYY-MM-DD` is a day, not an instant: never shifted. */
export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return EMPTY
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    if (day) return `${day[3]}.${day[2]}.${day[1]}`
  }
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? EMPTY : dateFormat.format(date)
}

/** An instant as 06.01.2026, 14:05 in Berlin time. */
export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? EMPTY : dateTimeFormat.format(date)
}

/** A number with German separators: 1.650 or, with digits, 1.650,5. */
export function formatNumber(value: number | string | null | undefined, maximumFractionDigits = 0): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const n = Number(value)
  if (!Number.isFinite(n)) return EMPTY
  return germanNumber(maximumFractionDigits).format(n)
}

/** An amount of money as 1.650,00 € (numeric columns arrive as strings from the database). */
export function formatEuro(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const n = Number(value)
  return Number.isFinite(n) ? euroFormat.format(n) : EMPTY
}

/** A share 0…1 as „42,5 %“. */
export function formatPercent(share: number | null | undefined, maximumFractionDigits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return EMPTY
  return `${germanNumber(maximumFractionDigits).format(share * 100)} %`
}

/** A count with its noun: plural(1, 'Zeile', 'Zeilen') → „1 Zeile“, plural(1650, …) → „1.650 Zeilen“. */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`
}
