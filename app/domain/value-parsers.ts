// The value parsers of every German form field and file cell: each turns a trimmed string into a
// value or a German message. Shared by the status row schema (status.ts), the field table and the
// other forms that take dates and amounts (meetings, negotiations, online services, memberships).
import { hasNul, NUL_MESSAGE } from './text'

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

export type EnumSet<C extends string> = {
  codes: readonly C[]
  list: readonly { code: C; value: string; label: string }[]
  fromValue: (v: string) => C | undefined
  // Methods, not function properties: a set of particular codes then counts as an EnumSet<string>.
  value(code: C | null | undefined): string
  label(code: C | null | undefined): string
}

/** A German file word or a code of the set; '' is null. */
export function parseEnum<C extends string>(set: EnumSet<C>, raw: string, what: string): Parsed<C | null> {
  if (raw === '') return { ok: true, value: null }
  const lower = raw.toLowerCase()
  const code = set.fromValue(lower) ?? (set.codes.includes(lower as C) ? (lower as C) : undefined)
  if (code) return { ok: true, value: code }
  return { ok: false, message: `Wählen Sie ${what}: ${set.list.map((o) => `„${o.value}“`).join(', ')}.` }
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const germanDate = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/

export function parseDate(raw: string): Parsed<string | null> {
  if (raw === '') return { ok: true, value: null }
  let y: number, m: number, d: number
  const iso = isoDate.exec(raw)
  const de = germanDate.exec(raw)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (de) [y, m, d] = [Number(de[3]), Number(de[2]), Number(de[1])]
  else return { ok: false, message: 'Geben Sie ein Datum wie 01.03.2025 ein.' }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1990 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: 'Dieses Datum gibt es nicht. Geben Sie ein Datum wie 01.03.2025 ein.' }
  }
  return { ok: true, value: date.toISOString().slice(0, 10) }
}

const MAX_AMOUNT = 9_999_999_999.99

/** `1234,50`, `1234.50`, `1.234,50`, `1234` → `"1234.50"` (the numeric column's text form). */
export function parseAmount(raw: string): Parsed<string | null> {
  const s = raw.replace(/\s|€|EUR$/gi, '')
  if (s === '') return { ok: true, value: null }
  let normalized: string | undefined
  if (/^-?\d+([.,]\d{1,2})?$/.test(s)) normalized = s.replace(',', '.')
  else if (/^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normalized = s.replace(/\./g, '').replace(',', '.')
  if (normalized === undefined) return { ok: false, message: 'Geben Sie einen Betrag in Euro wie 1234,50 ein.' }
  const n = Number(normalized)
  if (n < 0) return { ok: false, message: 'Der Betrag darf nicht negativ sein.' }
  if (n > MAX_AMOUNT) return { ok: false, message: 'Der Betrag ist zu groß (höchstens 9.999.999.999,99 EUR).' }
  return { ok: true, value: n.toFixed(2) }
}

export function parseCount(raw: string): Parsed<number | null> {
  const s = raw.replace(/\s/g, '')
  if (s === '') return { ok: true, value: null }
  let normalized: string | undefined
  if (/^-?\d+$/.test(s)) normalized = s
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) normalized = s.replace(/\./g, '')
  if (normalized === undefined) return { ok: false, message: 'Geben Sie eine ganze Zahl wie 1200 ein.' }
  const n = Number(normalized)
  if (n < 0) return { ok: false, message: 'Die Anzahl darf nicht negativ sein.' }
  if (n > 2_000_000_000) return { ok: false, message: 'Die Anzahl ist zu groß.' }
  return { ok: true, value: n }
}

export function parseBoolean(raw: string): Parsed<boolean | null> {
  const s = raw.toLowerCase()
  if (s === '') return { ok: true, value: null }
  if (s === 'ja' || s === 'true') return { ok: true, value: true }
  if (s === 'nein' || s === 'false') return { ok: true, value: false }
  return { ok: false, message: 'Geben Sie „ja“ oder „nein“ ein (leer: unbekannt).' }
}

const MAX_TEXT = 2000
export function parseText(raw: string, label: string): Parsed<string | null> {
  if (raw === '') return { ok: true, value: null }
  if (hasNul(raw)) return { ok: false, message: NUL_MESSAGE }
  if (raw.length > MAX_TEXT) return { ok: false, message: `${label} darf höchstens ${MAX_TEXT} Zeichen lang sein.` }
  return { ok: true, value: raw }
}

// The users are in Germany: "today" is the local calendar day there, not UTC's. Built once: a
// formatter costs about 0.1 ms, paid per row of a 230k-row import otherwise.
const berlinDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' })

/** Today's calendar date in Germany, ISO (YYYY-MM-DD). */
export function todayIso() {
  return berlinDay.format(new Date())
}

/** ISO `2025-03-01` → `01.03.2025`. */
export function germanDateOf(iso: string) {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}
