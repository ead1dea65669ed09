// The field table is the one list of a status row's fields: every other list — form columns,
// labels, the file's header, the API's properties, the history labels, the model's columns — must
// hold exactly the table's fields, in its order.
import { describe, expect, it } from 'vitest'
import { statusApiProperties, toApiRecord } from '~/domain/api'
import { FIELD_COLUMN, FIELD_LABEL, STATUS_INPUT_FIELDS, STATUS_VALUE_FIELDS, toFormValues } from '~/domain/status'
import { STATUS_CSV_COLUMNS, STATUS_CSV_TEXT_COLUMNS, toCsvRecord, type StatusExportRow } from '~/domain/status-csv'
import { STATUS_FIELDS } from '~/domain/status-fields'
import { displayValue, NEW_STATUS_VALUES, toStatusValues } from '~/domain/status-values'
import { fileValueColumns, valueColumns } from '~/models/status-columns.server'
import { statuses } from '../../db/schema'

const names = STATUS_FIELDS.map((f) => f.name)
const columns = STATUS_FIELDS.map((f) => f.column)
const fileColumns = STATUS_FIELDS.filter((f) => !('inFile' in f)).map((f) => f.column)
const KEY_COLUMNS = ['ags', 'kreis', 'ozg_id', 'leistung', 'hersteller']

const row: StatusExportRow = {
  ags: '03351',
  countyName: 'Celle',
  ozgId: '10519',
  serviceName: 'Baugenehmigung',
  vendor: 'Hersteller A',
  approach: 'own',
  pendingPlan: null,
  onlineService: 'Bauportal',
  connection: 'live',
  stage: 'online',
  maturity: 3,
  onlineSince: '2024-05-01',
  targetDate: null,
  fachverfahren: 'ProBauG',
  interfaceStandard: 'XBau 2.3',
  interfaceStatus: 'live',
  endToEnd: true,
  internalProcessing: 'interface',
  funding: 'own_budget',
  costOneOff: '1234.50',
  costAnnual: null,
  fundingNote: '=SUMME(A1)',
  applicationsPerYear: 1200,
  contact: null,
  note: 'Notiz',
}

describe('the status field table', () => {
  it('names 21 distinct fields and columns', () => {
    expect(new Set(names).size).toBe(21)
    expect(new Set(columns).size).toBe(21)
  })

  it('is the form’s columns, the row’s fields and their mapping, in its order', () => {
    expect(STATUS_VALUE_FIELDS).toEqual(names)
    expect(STATUS_INPUT_FIELDS).toEqual(columns)
    expect(Object.entries(FIELD_COLUMN)).toEqual(STATUS_FIELDS.map((f) => [f.name, f.column]))
    expect(Object.keys(toFormValues(toStatusValues(NEW_STATUS_VALUES)))).toEqual(columns)
  })

  it('labels every field in the history, plus the confirmation', () => {
    expect(Object.keys(FIELD_LABEL)).toEqual([...names, 'confirmedAt'])
    for (const f of STATUS_FIELDS) expect(FIELD_LABEL[f.name]).toBe(f.label)
  })

  it('is the file’s header: the key columns, then every file field in order, hersteller after fachverfahren', () => {
    expect(STATUS_CSV_COLUMNS.filter((c) => !KEY_COLUMNS.includes(c))).toEqual(fileColumns)
    expect(STATUS_CSV_COLUMNS.indexOf('hersteller')).toBe(STATUS_CSV_COLUMNS.indexOf('fachverfahren') + 1)
    expect(Object.keys(toCsvRecord(row))).toEqual(STATUS_CSV_COLUMNS)
    // Free text and names are guarded against formulas; codes, dates and numbers are not.
    const textFields = STATUS_FIELDS.filter((f) => f.type === 'text' || f.type === 'reference').map((f) => f.column)
    expect([...STATUS_CSV_TEXT_COLUMNS].sort()).toEqual(['hersteller', 'kreis', 'leistung', ...textFields].sort())
  })

  it('is the API’s Status schema and record: the file’s columns with typed values', () => {
    expect(Object.keys(statusApiProperties())).toEqual(STATUS_CSV_COLUMNS)
    const record = toApiRecord(row)
    expect(Object.keys(record)).toEqual(STATUS_CSV_COLUMNS)
    expect(record).toMatchObject({ umsetzungsweg: 'eigen', reifegrad: 3, einmalkosten_eur: 1234.5, jahreskosten_eur: null, ende_zu_ende: true, online_dienst: 'Bauportal', hersteller: 'Hersteller A' })
    expect(statusApiProperties().fortschritt).toEqual({ type: 'string', enum: ['geplant', 'in_umsetzung', 'teilweise_online', 'online'] })
  })

  it('is the model’s value columns, each the statuses table’s column of that name', () => {
    expect(Object.keys(valueColumns)).toEqual(names)
    for (const name of names) expect(valueColumns[name]).toBe(statuses[name])
    const referenceOrModel = STATUS_FIELDS.filter((f) => f.type === 'reference' || 'inFile' in f).map((f) => f.name as string)
    expect(Object.keys(fileValueColumns)).toEqual(names.filter((n) => !referenceOrModel.includes(n)))
  })

  it('displays each type its own way', () => {
    expect(displayValue('approach', 'efa')).toBe('EfA-Nachnutzung')
    expect(displayValue('onlineServiceId', 7, { onlineServices: new Map([[7, 'Bauportal']]) })).toBe('Bauportal')
    expect(displayValue('fachverfahrenId', 9)).toBe('Fachverfahren 9')
    expect(displayValue('onlineSince', '2024-05-01')).toBe('01.05.2024')
    expect(displayValue('costOneOff', '1234.5')).toBe('1.234,50 EUR')
    expect(displayValue('endToEnd', false)).toBe('nein')
    expect(displayValue('note', null)).toBe('–')
  })
})
