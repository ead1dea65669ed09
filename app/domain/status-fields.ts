// THE table of a status row's fields. Each field once: its name in the statuses table, its column
// in forms and files, its German label, its type and — for value sets — the set of
// app/domain/enums.ts. Everything that lists the fields is derived from here: the row's value
// type, the form's columns, the status list file's columns (CSV, XLSX, import and export), the
// JSON API's properties, the history labels and the model's value columns
// (docs/decisions/019-status-field-table.md). A new field is one line here plus its column in
// db/schema.ts; the type-checker then names every place that has to say what it means.
import {
  Approach,
  Connection,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  PendingPlan,
  Stage,
  type MaturityModelCode,
} from './enums'
import type { EnumSet } from './value-parsers'

/**
 * - enum: a code of `set`; the file holds its German word, the UI its label. '' is null, or
 *   `empty` where the field always has a value.
 * - reference: the id of a catalogue entry; forms pass the id, files and the API its name.
 * - maturity: an integer whose range depends on the maturity model. model: the maturity model.
 * - date: ISO in the database and files, 01.03.2025 in forms. amount: euros, two decimals.
 * - count: a non-negative integer. boolean: ja/nein. text: free text up to 2000 characters.
 */
export type FieldType = 'enum' | 'reference' | 'maturity' | 'model' | 'date' | 'amount' | 'count' | 'boolean' | 'text'

type FieldSpec = {
  /** The property of the statuses table (db/schema.ts) and of StatusValues. */
  name: string
  /** The form field and file column. */
  column: string
  /** German label: form, read-only table, history, conflicts, import preview. */
  label: string
  type: FieldType
  /** enum: the value set; `what` names it in messages („Wählen Sie einen Umsetzungsweg …“). */
  set?: EnumSet<string>
  /** enum and text: the field as a message names it. */
  what?: string
  /** enum: the code an empty cell stands for (the field is never null). */
  empty?: string
  /** reference: which catalogue (names in DisplayNames, the name column of an export row). */
  ref?: 'onlineService' | 'fachverfahren'
  /** false: not a column of the status list file (the model travels with the online service). */
  inFile?: false
  /** The JSON API's description of the property (OpenAPI). */
  api?: { description?: string; examples?: string[] }
}

export const STATUS_FIELDS = [
  { name: 'approach', column: 'umsetzungsweg', label: 'Umsetzungsweg', type: 'enum', set: Approach, what: 'einen Umsetzungsweg', empty: 'pending' },
  { name: 'pendingPlan', column: 'planung', label: 'Planung (solange offen)', type: 'enum', set: PendingPlan, what: 'eine Planung', api: { description: 'Nur bei Umsetzungsweg „offen“' } },
  { name: 'onlineServiceId', column: 'online_dienst', label: 'Online-Dienst', type: 'reference', ref: 'onlineService', api: { description: 'Name des Online-Dienstes' } },
  { name: 'connection', column: 'anbindung', label: 'Anbindung', type: 'enum', set: Connection, what: 'eine Anbindung', api: { description: 'Stand der Anbindung an den Online-Dienst' } },
  { name: 'stage', column: 'fortschritt', label: 'Fortschritt', type: 'enum', set: Stage, what: 'einen Fortschritt', empty: 'planned' },
  { name: 'maturity', column: 'reifegrad', label: 'Reifegrad', type: 'maturity' },
  { name: 'maturityModel', column: 'reifegradmodell', label: 'Reifegradmodell', type: 'model', inFile: false },
  { name: 'onlineSince', column: 'online_seit', label: 'Online seit', type: 'date' },
  { name: 'targetDate', column: 'zieltermin', label: 'Zieltermin', type: 'date' },
  { name: 'fachverfahrenId', column: 'fachverfahren', label: 'Fachverfahren', type: 'reference', ref: 'fachverfahren' },
  { name: 'interfaceStandard', column: 'schnittstellenstandard', label: 'Schnittstellenstandard', type: 'text', what: 'Der Schnittstellenstandard', api: { examples: ['XBau 2.3'] } },
  { name: 'interfaceStatus', column: 'schnittstellenstatus', label: 'Schnittstellenstatus', type: 'enum', set: InterfaceStatus, what: 'einen Schnittstellenstatus', api: { description: 'Stand der Schnittstelle zum Fachverfahren' } },
  { name: 'endToEnd', column: 'ende_zu_ende', label: 'Ende-zu-Ende', type: 'boolean' },
  { name: 'internalProcessing', column: 'interne_verarbeitung', label: 'Interne Verarbeitung', type: 'enum', set: InternalProcessing, what: 'eine interne Verarbeitung', api: { description: 'Wie der Antrag ins Fachverfahren gelangt' } },
  { name: 'funding', column: 'finanzierung', label: 'Finanzierung', type: 'enum', set: Funding, what: 'eine Finanzierung', api: { description: 'Finanzierung' } },
  { name: 'costOneOff', column: 'einmalkosten_eur', label: 'Einmalkosten (EUR)', type: 'amount' },
  { name: 'costAnnual', column: 'jahreskosten_eur', label: 'Jahreskosten (EUR)', type: 'amount' },
  { name: 'fundingNote', column: 'finanzierungsnotiz', label: 'Finanzierungsnotiz', type: 'text', what: 'Die Finanzierungsnotiz' },
  { name: 'applicationsPerYear', column: 'antraege_pro_jahr', label: 'Anträge pro Jahr', type: 'count' },
  { name: 'contact', column: 'kontakt', label: 'Kontakt', type: 'text', what: 'Der Kontakt' },
  { name: 'note', column: 'notiz', label: 'Notiz', type: 'text', what: 'Die Notiz' },
] as const satisfies readonly FieldSpec[]

type Spec = (typeof STATUS_FIELDS)[number]
/** One entry of the table with its literal types (for types derived from it). */
export type StatusFieldEntry = Spec
/** One field of the table, with what every field may say (for code that walks the table). */
export type StatusFieldSpec = FieldSpec & Pick<Spec, 'name' | 'column'>

// The TypeScript type of a field's value, from its type in the table.
type ValueOf<S> = S extends { type: 'enum'; set: { codes: readonly (infer C)[] } }
  ? S extends { empty: string }
    ? C
    : C | null
  : S extends { type: 'model' }
    ? MaturityModelCode
    : S extends { type: 'reference' | 'maturity' | 'count' }
      ? number | null
      : S extends { type: 'boolean' }
        ? boolean | null
        : string | null

/** A status row's editable values in the codes of the statuses table. */
export type StatusValues = { [S in Spec as S['name']]: ValueOf<S> }
export type StatusField = Spec['name']
export type StatusInputField = Spec['column']
export type StatusFormValues = Record<StatusInputField, string>

const fields: readonly StatusFieldSpec[] = STATUS_FIELDS

/** The form's and a file row's columns, in the table's order. */
export const STATUS_INPUT_FIELDS: readonly StatusInputField[] = fields.map((f) => f.column)
/** The row's value fields, in the table's order. */
export const STATUS_VALUE_FIELDS: readonly StatusField[] = fields.map((f) => f.name)
/** Which form/file column edits which row field (for messages, conflicts and the history). */
export const FIELD_COLUMN = Object.fromEntries(fields.map((f) => [f.name, f.column])) as Record<StatusField, StatusInputField>
/** German field labels, shared by the form, the history and the conflict view. */
export const FIELD_LABEL = {
  ...(Object.fromEntries(fields.map((f) => [f.name, f.label])) as Record<StatusField, string>),
  confirmedAt: 'Als aktuell bestätigt',
}

const byName = new Map(fields.map((f) => [f.name as string, f]))
/** The table's entry of a field name (a history record's key), if it is one. */
export function fieldSpec(name: string): StatusFieldSpec | undefined {
  return byName.get(name)
}

/** Where a status_changes record came from (db/schema.ts checks it). */
export const CHANGE_SOURCES = ['form', 'bulk', 'import', 'api', 'seed', 'catalogue', 'membership', 'applicability'] as const
export type ChangeSource = (typeof CHANGE_SOURCES)[number]
