// The one StatusInput schema: the edit form, a CSV/XLSX row and an API body all go through it.
//
// CONTRACT
// - Input: a record of strings keyed by the columns of the field table (status-fields.ts,
//   STATUS_INPUT_FIELDS); `reifegradmodell` is not a file column: absent or '' keeps
//   `context.defaultMaturityModel`, else the online service's model, else 1.1. The edit form
//   adds `version` and `kommentar` (see StatusFormInput). Missing keys count as ''.
// - Enum columns take the German file words of app/domain/enums.ts (the codes are accepted too);
//   '' means unknown (null), except umsetzungsweg ('' = offen) and fortschritt ('' = geplant).
//   Dates 2025-03-01 or 01.03.2025; amounts 1234,50 / 1234.50 / 1.234,50; ende_zu_ende ja/nein.
// - `online_dienst` and `fachverfahren` are resolved through the context's lookups, so the form
//   passes ids (`byId`) and the CSV import passes names (its own lookup, e.g. by name and
//   `hersteller`). An unknown reference is an error on that field.
// - Output: StatusValues in the codes of the statuses table, ready for applyStatusChanges().
// - Errors: zod issues whose path[0] is the column name, messages in German, so
//   fieldErrors(error) keys them by form field and an importer can report "line N, column X".
import { z } from 'zod'
import { Approach, Funding, InterfaceStatus, MaturityModel, maxMaturity, Stage, type MaturityModelCode, type OnlineServiceKindCode } from './enums'
import { excerpt } from './excerpt'
import { idSchema, optionalIdSchema, pageSchema, parseId } from './id'
import { checkStatusRules } from './status-rules'
import { STATUS_FIELDS, STATUS_INPUT_FIELDS, type StatusFieldSpec, type StatusInputField, type StatusValues } from './status-fields'
import { emptyToUndefined, hasNul, NUL_MESSAGE, text } from './text'
import { parseAmount, parseBoolean, parseCount, parseDate, parseEnum, parseText, type EnumSet, type Parsed } from './value-parsers'

// The row's fields and their other shapes live beside this schema; routes and models import them
// from here, the one entry to a status row's rules.
export { checkStatusRules, type RuleIssue } from './status-rules'
export { FIELD_COLUMN, FIELD_LABEL, STATUS_INPUT_FIELDS, STATUS_VALUE_FIELDS } from './status-fields'
export type { StatusField, StatusFormValues, StatusInputField, StatusValues } from './status-fields'
export { diffStatus, displayValue, toFormValues, toStatusValues } from './status-values'
export type { DisplayNames, StatusDiff, StatusRowLike } from './status-values'
export { parseAmount, parseCount, parseDate, todayIso } from './value-parsers'

export type OnlineServiceRef = { id: number; name: string; kind: OnlineServiceKindCode; maturityModel?: MaturityModelCode }
export type FachverfahrenRef = { id: number; name: string }

export type StatusContext = {
  lookupOnlineService: (raw: string, values: Record<string, string>) => OnlineServiceRef | undefined
  lookupFachverfahren: (raw: string, values: Record<string, string>) => FachverfahrenRef | undefined
  /** ISO date of today (for "online seit" not in the future); defaults to the current day. */
  today?: string
  /** The row's current model, used when the input has no `reifegradmodell`. */
  defaultMaturityModel?: MaturityModelCode
}

/** A context resolving references by id, as the edit form submits them. */
export function contextById(onlineServices: OnlineServiceRef[], fachverfahren: FachverfahrenRef[], extra: Partial<StatusContext> = {}): StatusContext {
  const os = new Map(onlineServices.map((o) => [String(o.id), o]))
  const fv = new Map(fachverfahren.map((f) => [String(f.id), f]))
  return { lookupOnlineService: (raw) => os.get(raw), lookupFachverfahren: (raw) => fv.get(raw), ...extra }
}


const fields: readonly StatusFieldSpec[] = STATUS_FIELDS

/** The parser of a field whose value depends on no other field. */
function parseSimple(f: StatusFieldSpec, raw: string): Parsed<unknown> {
  switch (f.type) {
    case 'enum': {
      const parsed = parseEnum(f.set!, raw, f.what!)
      return parsed.ok ? { ok: true, value: parsed.value ?? f.empty ?? null } : parsed
    }
    case 'date':
      return parseDate(raw)
    case 'amount':
      return parseAmount(raw)
    case 'count':
      return parseCount(raw)
    case 'boolean':
      return parseBoolean(raw)
    default:
      return parseText(raw, f.what!)
  }
}

const UNKNOWN_REFERENCE = {
  onlineService: (raw: string) => `Den Online-Dienst „${excerpt(raw)}“ gibt es nicht im Katalog. Wählen Sie einen vorhandenen Online-Dienst.`,
  fachverfahren: (raw: string) => `Das Fachverfahren „${excerpt(raw)}“ gibt es nicht im Katalog. Wählen Sie ein vorhandenes Fachverfahren.`,
}

/** Parses the raw columns into StatusValues; issues are added to `ctx` keyed by column. */
function parseColumns(raw: Record<string, unknown>, context: StatusContext, ctx: z.RefinementCtx): StatusValues | undefined {
  const values: Record<string, string> = {}
  for (const key of STATUS_INPUT_FIELDS) {
    const v = raw[key]
    values[key] = typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim()
  }
  const unparsed = new Set<StatusInputField>()
  function take<T>(field: StatusInputField, result: Parsed<T>): T {
    if (result.ok) return result.value
    unparsed.add(field)
    ctx.addIssue({ code: 'custom', path: [field], message: result.message })
    return null as T
  }

  const out: Record<string, unknown> = {}
  let onlineService: OnlineServiceRef | undefined
  for (const f of fields) {
    const cell = values[f.column]
    if (f.type === 'maturity' || f.type === 'model') continue // below: the range depends on the model
    if (f.type !== 'reference') {
      out[f.name] = take(f.column, parseSimple(f, cell))
      continue
    }
    const found = cell === '' ? undefined : f.ref === 'onlineService' ? context.lookupOnlineService(cell, values) : context.lookupFachverfahren(cell, values)
    if (cell !== '' && !found) take(f.column, { ok: false, message: UNKNOWN_REFERENCE[f.ref!](cell) })
    if (f.ref === 'onlineService') onlineService = found as OnlineServiceRef | undefined
    out[f.name] = found?.id ?? null
  }

  let maturityModel: MaturityModelCode = context.defaultMaturityModel ?? onlineService?.maturityModel ?? '1.1'
  if (values.reifegradmodell !== '') {
    const model = MaturityModel.fromValue(values.reifegradmodell)
    if (model) maturityModel = model
    else take('reifegradmodell', { ok: false, message: 'Wählen Sie das Reifegradmodell 1.1 oder 2.0.' })
  }
  let maturity: number | null = null
  if (values.reifegrad !== '') {
    if (/^-?\d+$/.test(values.reifegrad)) maturity = Number(values.reifegrad)
    else take('reifegrad', { ok: false, message: `Geben Sie den Reifegrad als ganze Zahl von 0 bis ${maxMaturity[maturityModel]} ein.` })
  }
  out.maturity = maturity
  out.maturityModel = maturityModel
  // The table's order, as the statuses table and the history know the fields.
  const result = Object.fromEntries(fields.map((f) => [f.name, out[f.name]])) as StatusValues
  // All in one pass: the rules whose columns parsed report too, so a user does not fix a row in
  // rounds; a rule reading a column that did not parse stays silent (no follow-up messages
  // about a value not yet typed correctly).
  const kind: OnlineServiceKindCode | null = onlineService?.kind ?? null
  for (const issue of checkStatusRules(result, { onlineServiceKind: kind, today: context.today }, unparsed)) {
    ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
  }
  return unparsed.size > 0 ? undefined : result
}


/** The schema of one status row (form fields or file columns) for the given reference lookups. */
export function statusInputSchema(context: StatusContext) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => parseColumns(raw, context, ctx) as StatusValues)
}

export function parseStatusInput(values: Record<string, unknown>, context: StatusContext) {
  return statusInputSchema(context).safeParse(values)
}

/** The edit form: the row's columns plus the version it was loaded at and an optional comment. */
export function statusFormSchema(context: StatusContext) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const version = parseId(raw.version) ?? 0
    if (version === 0) {
      ctx.addIssue({ code: 'custom', path: ['_form'], message: 'Die Versionsangabe des Formulars fehlt. Laden Sie die Seite neu.' })
    }
    const comment = typeof raw.kommentar === 'string' ? raw.kommentar.trim() : ''
    if (hasNul(comment)) ctx.addIssue({ code: 'custom', path: ['kommentar'], message: NUL_MESSAGE })
    if (comment.length > 1000) ctx.addIssue({ code: 'custom', path: ['kommentar'], message: 'Der Kommentar darf höchstens 1000 Zeichen lang sein.' })
    const values = parseColumns(raw, context, ctx)
    return { values: values as StatusValues, version, comment: comment || null }
  })
}


// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// The county page's URL (filters, sorting, page) and its bulk form.
function enumQuery<C extends string>(set: EnumSet<C>, what: string) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((raw, ctx) => {
        const parsed = parseEnum(set, raw, what)
        if (parsed.ok) return parsed.value ?? undefined
        ctx.addIssue({ code: 'custom', message: parsed.message })
        return z.NEVER
      })
      .optional(),
  )
}

export const COUNTY_ROW_SORTS = ['ozg_id', 'leistung', 'themenfeld', 'umsetzungsweg', 'fortschritt', 'schnittstellenstatus', 'reifegrad', 'aktualisiert', 'bestaetigt'] as const
export const COUNTY_PAGE_SIZE = 50

/** The interface-status filter's word for rows without one, and the code it becomes. */
export const INTERFACE_STATUS_UNSET = { value: 'ohne_angabe', code: 'unset', label: 'Ohne Angabe' } as const

/** An interface status, or „ohne_angabe“ for rows that have none (the vendor page links there). */
export const InterfaceStatusQuery = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((raw, ctx): string | undefined => {
      if (raw === INTERFACE_STATUS_UNSET.value || raw === INTERFACE_STATUS_UNSET.code) return INTERFACE_STATUS_UNSET.code
      const parsed = parseEnum(InterfaceStatus, raw, 'einen Schnittstellenstatus')
      if (parsed.ok) return parsed.value ?? undefined
      ctx.addIssue({ code: 'custom', message: parsed.message })
      return z.NEVER
    })
    .optional(),
)

export const VendorQuery = optionalIdSchema('Wählen Sie einen Hersteller aus der Liste.')
export const FachverfahrenQuery = optionalIdSchema('Wählen Sie ein Fachverfahren aus der Liste.')

export const CountyRowQuery = z.object({
  umsetzungsweg: enumQuery(Approach, 'einen Umsetzungsweg'),
  fortschritt: enumQuery(Stage, 'einen Fortschritt'),
  schnittstellenstatus: InterfaceStatusQuery,
  hersteller: VendorQuery,
  fachverfahren: FachverfahrenQuery,
  themenfeld: optionalIdSchema('Wählen Sie ein Themenfeld aus der Liste.'),
  veraltet: z.preprocess(emptyToUndefined, z.enum(['ja', 'nein'], { message: 'Wählen Sie „ja“ oder „nein“.' }).transform((v) => v === 'ja').optional()),
  q: z.preprocess(emptyToUndefined, text().trim().max(200, 'Der Suchbegriff darf höchstens 200 Zeichen lang sein.').optional()),
  sortierung: z.preprocess(emptyToUndefined, z.enum(COUNTY_ROW_SORTS, { message: 'Wählen Sie eine Sortierung aus der Liste.' }).default('ozg_id')),
  richtung: z.preprocess(emptyToUndefined, z.enum(['auf', 'ab'], { message: 'Die Richtung ist „auf“ oder „ab“.' }).default('auf')),
  seite: pageSchema('Die Seite ist eine ganze Zahl ab 1.'),
})
export type CountyRowQuery = z.infer<typeof CountyRowQuery>
export const COUNTY_FILTER_KEYS = ['umsetzungsweg', 'fortschritt', 'schnittstellenstatus', 'hersteller', 'fachverfahren', 'themenfeld', 'veraltet', 'q'] as const

/** The bulk form: empty means "leave as it is"; at least one change or the confirmation. */
export const BulkStatusInput = z
  .object({
    umfang: z.enum(['auswahl', 'filter'], { message: 'Wählen Sie, welche Zeilen geändert werden.' }),
    ids: z.array(idSchema('Die Auswahl enthält eine ungültige Zeilennummer. Laden Sie die Seite neu und wählen Sie die Zeilen erneut aus.')).default([]),
    umsetzungsweg: enumQuery(Approach, 'einen Umsetzungsweg'),
    fortschritt: enumQuery(Stage, 'einen Fortschritt'),
    schnittstellenstatus: enumQuery(InterfaceStatus, 'einen Schnittstellenstatus'),
    finanzierung: enumQuery(Funding, 'eine Finanzierung'),
    bestaetigen: z.preprocess(emptyToUndefined, z.literal('ja', { message: '„Als aktuell bestätigen“ ist „ja“ oder leer.' }).optional()).transform((v) => v === 'ja'),
    kommentar: z.preprocess(emptyToUndefined, text().trim().max(1000, 'Der Kommentar darf höchstens 1000 Zeichen lang sein.').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.umfang === 'auswahl' && v.ids.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Wählen Sie mindestens eine Zeile aus oder ändern Sie alle Zeilen dieses Filters.' })
    }
    if (!v.umsetzungsweg && !v.fortschritt && !v.schnittstellenstatus && !v.finanzierung && !v.bestaetigen) {
      ctx.addIssue({ code: 'custom', path: ['umsetzungsweg'], message: 'Wählen Sie mindestens einen neuen Wert oder „als aktuell bestätigen“.' })
    }
  })
export type BulkStatusInput = z.infer<typeof BulkStatusInput>
