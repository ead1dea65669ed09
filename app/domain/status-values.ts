// A status row's values in their other shapes, each derived from the field table
// (status-fields.ts): as the database returns them, as the edit form shows them, as a history
// diff, and as the UI displays a stored value.
import { STATUS_FIELDS, STATUS_VALUE_FIELDS, fieldSpec, type StatusField, type StatusFieldSpec, type StatusFormValues, type StatusValues } from './status-fields'
import { germanDateOf } from './value-parsers'
import { formatAmount } from './format'

export type StatusRowLike = Omit<StatusValues, 'onlineSince' | 'targetDate' | 'costOneOff' | 'costAnnual' | 'maturityModel'> & {
  onlineSince: string | Date | null
  targetDate: string | Date | null
  costOneOff: string | number | null
  costAnnual: string | number | null
  maturityModel?: StatusValues['maturityModel'] | null
}

function isoOf(value: string | Date | null): string | null {
  if (!value) return null
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10)
}
function amountOf(value: string | number | null): string | null {
  if (value === null || value === '') return null
  return Number(value).toFixed(2)
}

const fields: readonly StatusFieldSpec[] = STATUS_FIELDS

/** A stored value in the shape StatusValues holds it: ISO dates, amounts with two decimals. */
function normalise(f: StatusFieldSpec, value: unknown): unknown {
  switch (f.type) {
    case 'date':
      return isoOf((value ?? null) as string | Date | null)
    case 'amount':
      return amountOf((value ?? null) as string | number | null)
    case 'model':
      return value ?? '1.1'
    default:
      return value ?? null
  }
}

/** A new row's values: the sets' `empty` code where a field always has one, model 1.1, else null. */
export const NEW_STATUS_VALUES = Object.fromEntries(fields.map((f) => [f.name, f.empty ?? (f.type === 'model' ? '1.1' : null)])) as StatusValues

/** Normalises what the database (or a row's JSON text) returns to StatusValues. */
export function toStatusValues(row: StatusRowLike): StatusValues {
  const out: Record<string, unknown> = {}
  for (const f of fields) out[f.name] = normalise(f, (row as Record<string, unknown>)[f.name])
  return out as StatusValues
}

/** A field's value as the edit form shows it: German words, decimal comma, ids for references. */
function formValue(f: StatusFieldSpec, value: unknown): string {
  if (value === null || value === undefined) return ''
  switch (f.type) {
    case 'enum':
      return f.set!.value(value as string)
    case 'date':
      return germanDateOf(value as string)
    case 'amount':
      return (value as string).replace('.', ',')
    case 'boolean':
      return value ? 'ja' : 'nein'
    default:
      return String(value)
  }
}

/** The form's values for a row: German words, German decimal comma, ids for references. */
export function toFormValues(row: StatusRowLike): StatusFormValues {
  const v = toStatusValues(row) as Record<string, unknown>
  return Object.fromEntries(fields.map((f) => [f.column, formValue(f, v[f.name])])) as StatusFormValues
}

export type StatusDiff = Partial<Record<StatusField | 'confirmedAt', { from: unknown; to: unknown }>>

/** Fields whose value differs, as { field: { from, to } } in the codes of the statuses table. */
export function diffStatus(before: StatusValues, after: Partial<StatusValues>): StatusDiff {
  const diff: StatusDiff = {}
  for (const f of STATUS_VALUE_FIELDS) {
    if (!(f in after)) continue
    const from = before[f] ?? null
    const to = after[f] ?? null
    if (from !== to) diff[f] = { from, to }
  }
  return diff
}

export type DisplayNames = { onlineServices?: Map<number, string>; fachverfahren?: Map<number, string> }

const NAMES_OF = { onlineService: 'onlineServices', fachverfahren: 'fachverfahren' } as const

/** A stored value as the UI shows it: labels for codes, names for references, German numbers. */
export function displayValue(field: string, value: unknown, names: DisplayNames = {}): string {
  if (value === null || value === undefined || value === '') return '–'
  if (field === 'confirmedAt') return new Date(String(value)).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })
  const f = fieldSpec(field)
  switch (f?.type) {
    case 'enum':
      return f.set!.label(value as string)
    case 'boolean':
      return value ? 'ja' : 'nein'
    case 'reference':
      return names[NAMES_OF[f.ref!]]?.get(Number(value)) ?? `${f.label} ${value}`
    case 'date':
      return germanDateOf(String(value).slice(0, 10))
    case 'amount':
      return `${formatAmount(Number(value))} EUR`
    default:
      return String(value)
  }
}
