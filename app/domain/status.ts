// The one StatusInput schema: the edit form, a CSV/XLSX row and an API body all go through it.
//
// CONTRACT
// - Input: a record of strings keyed by the status list's column names (umsetzungsweg, planung,
//   online_dienst, anbindung, fortschritt, reifegrad, online_seit, zieltermin, fachverfahren,
//   schnittstellenstandard, schnittstellenstatus, ende_zu_ende, interne_verarbeitung,
//   finanzierung, einmalkosten_eur, jahreskosten_eur, finanzierungsnotiz, antraege_pro_jahr,
//   kontakt, notiz) plus the optional `reifegradmodell` (not a file column: absent or '' keeps
//   `context.defaultMaturityModel`, else the online service's model, else 1.1). The edit form
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
import {
  Approach,
  Connection,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  MaturityModel,
  maxMaturity,
  OnlineServiceKind,
  PendingPlan,
  Stage,
  type ApproachCode,
  type ConnectionCode,
  type FundingCode,
  type InterfaceStatusCode,
  type InternalProcessingCode,
  type MaturityModelCode,
  type OnlineServiceKindCode,
  type PendingPlanCode,
  type StageCode,
} from './enums'
import { excerpt } from './excerpt'
import { idSchema, optionalIdSchema, pageSchema, parseId } from './id'
import { hasNul, NUL_MESSAGE, text } from './text'

export const STATUS_INPUT_FIELDS = [
  'umsetzungsweg',
  'planung',
  'online_dienst',
  'anbindung',
  'fortschritt',
  'reifegrad',
  'reifegradmodell',
  'online_seit',
  'zieltermin',
  'fachverfahren',
  'schnittstellenstandard',
  'schnittstellenstatus',
  'ende_zu_ende',
  'interne_verarbeitung',
  'finanzierung',
  'einmalkosten_eur',
  'jahreskosten_eur',
  'finanzierungsnotiz',
  'antraege_pro_jahr',
  'kontakt',
  'notiz',
] as const
export type StatusInputField = (typeof STATUS_INPUT_FIELDS)[number]
export type StatusFormValues = Record<StatusInputField, string>

/** A status row's editable values in the codes of the statuses table. */
export type StatusValues = {
  approach: ApproachCode
  pendingPlan: PendingPlanCode | null
  onlineServiceId: number | null
  connection: ConnectionCode | null
  stage: StageCode
  maturity: number | null
  maturityModel: MaturityModelCode
  onlineSince: string | null
  targetDate: string | null
  fachverfahrenId: number | null
  interfaceStandard: string | null
  interfaceStatus: InterfaceStatusCode | null
  endToEnd: boolean | null
  internalProcessing: InternalProcessingCode | null
  funding: FundingCode | null
  costOneOff: string | null
  costAnnual: string | null
  fundingNote: string | null
  applicationsPerYear: number | null
  contact: string | null
  note: string | null
}
export type StatusField = keyof StatusValues

export const STATUS_VALUE_FIELDS: StatusField[] = [
  'approach',
  'pendingPlan',
  'onlineServiceId',
  'connection',
  'stage',
  'maturity',
  'maturityModel',
  'onlineSince',
  'targetDate',
  'fachverfahrenId',
  'interfaceStandard',
  'interfaceStatus',
  'endToEnd',
  'internalProcessing',
  'funding',
  'costOneOff',
  'costAnnual',
  'fundingNote',
  'applicationsPerYear',
  'contact',
  'note',
]

/** Which form/file column edits which row field (for messages, conflicts and the history). */
export const FIELD_COLUMN: Record<StatusField, StatusInputField> = {
  approach: 'umsetzungsweg',
  pendingPlan: 'planung',
  onlineServiceId: 'online_dienst',
  connection: 'anbindung',
  stage: 'fortschritt',
  maturity: 'reifegrad',
  maturityModel: 'reifegradmodell',
  onlineSince: 'online_seit',
  targetDate: 'zieltermin',
  fachverfahrenId: 'fachverfahren',
  interfaceStandard: 'schnittstellenstandard',
  interfaceStatus: 'schnittstellenstatus',
  endToEnd: 'ende_zu_ende',
  internalProcessing: 'interne_verarbeitung',
  funding: 'finanzierung',
  costOneOff: 'einmalkosten_eur',
  costAnnual: 'jahreskosten_eur',
  fundingNote: 'finanzierungsnotiz',
  applicationsPerYear: 'antraege_pro_jahr',
  contact: 'kontakt',
  note: 'notiz',
}

/** German field labels, shared by the form, the history and the conflict view. */
export const FIELD_LABEL: Record<StatusField | 'confirmedAt', string> = {
  approach: 'Umsetzungsweg',
  pendingPlan: 'Planung (solange offen)',
  onlineServiceId: 'Online-Dienst',
  connection: 'Anbindung',
  stage: 'Fortschritt',
  maturity: 'Reifegrad',
  maturityModel: 'Reifegradmodell',
  onlineSince: 'Online seit',
  targetDate: 'Zieltermin',
  fachverfahrenId: 'Fachverfahren',
  interfaceStandard: 'Schnittstellenstandard',
  interfaceStatus: 'Schnittstellenstatus',
  endToEnd: 'Ende-zu-Ende',
  internalProcessing: 'Interne Verarbeitung',
  funding: 'Finanzierung',
  costOneOff: 'Einmalkosten (EUR)',
  costAnnual: 'Jahreskosten (EUR)',
  fundingNote: 'Finanzierungsnotiz',
  applicationsPerYear: 'Anträge pro Jahr',
  contact: 'Kontakt',
  note: 'Notiz',
  confirmedAt: 'Als aktuell bestätigt',
}

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

// ---------------------------------------------------------------------------------------------
// Value parsers: each turns a trimmed string into a value or a German message.
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

type EnumSet<C extends string> = { codes: readonly C[]; list: readonly { code: C; value: string }[]; fromValue: (v: string) => C | undefined }

function parseEnum<C extends string>(set: EnumSet<C>, raw: string, what: string): Parsed<C | null> {
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

function parseBoolean(raw: string): Parsed<boolean | null> {
  const s = raw.toLowerCase()
  if (s === '') return { ok: true, value: null }
  if (s === 'ja' || s === 'true') return { ok: true, value: true }
  if (s === 'nein' || s === 'false') return { ok: true, value: false }
  return { ok: false, message: 'Geben Sie „ja“ oder „nein“ ein (leer: unbekannt).' }
}

const MAX_TEXT = 2000
function parseText(raw: string, label: string): Parsed<string | null> {
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

function germanDateOf(iso: string) {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

  const approach = take('umsetzungsweg', parseEnum(Approach, values.umsetzungsweg, 'einen Umsetzungsweg')) ?? 'pending'
  const stage = take('fortschritt', parseEnum(Stage, values.fortschritt, 'einen Fortschritt')) ?? 'planned'
  const pendingPlan = take('planung', parseEnum(PendingPlan, values.planung, 'eine Planung'))
  const connection = take('anbindung', parseEnum(Connection, values.anbindung, 'eine Anbindung'))
  const interfaceStatus = take('schnittstellenstatus', parseEnum(InterfaceStatus, values.schnittstellenstatus, 'einen Schnittstellenstatus'))
  const internalProcessing = take('interne_verarbeitung', parseEnum(InternalProcessing, values.interne_verarbeitung, 'eine interne Verarbeitung'))
  const funding = take('finanzierung', parseEnum(Funding, values.finanzierung, 'eine Finanzierung'))

  let onlineService: OnlineServiceRef | undefined
  if (values.online_dienst !== '') {
    onlineService = context.lookupOnlineService(values.online_dienst, values)
    if (!onlineService) take('online_dienst', { ok: false, message: `Den Online-Dienst „${excerpt(values.online_dienst)}“ gibt es nicht im Katalog. Wählen Sie einen vorhandenen Online-Dienst.` })
  }
  let fachverfahrenRef: FachverfahrenRef | undefined
  if (values.fachverfahren !== '') {
    fachverfahrenRef = context.lookupFachverfahren(values.fachverfahren, values)
    if (!fachverfahrenRef) take('fachverfahren', { ok: false, message: `Das Fachverfahren „${excerpt(values.fachverfahren)}“ gibt es nicht im Katalog. Wählen Sie ein vorhandenes Fachverfahren.` })
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

  const result: StatusValues = {
    approach,
    pendingPlan,
    onlineServiceId: onlineService?.id ?? null,
    connection,
    stage,
    maturity,
    maturityModel,
    onlineSince: take('online_seit', parseDate(values.online_seit)),
    targetDate: take('zieltermin', parseDate(values.zieltermin)),
    fachverfahrenId: fachverfahrenRef?.id ?? null,
    interfaceStandard: take('schnittstellenstandard', parseText(values.schnittstellenstandard, 'Der Schnittstellenstandard')),
    interfaceStatus,
    endToEnd: take('ende_zu_ende', parseBoolean(values.ende_zu_ende)),
    internalProcessing,
    funding,
    costOneOff: take('einmalkosten_eur', parseAmount(values.einmalkosten_eur)),
    costAnnual: take('jahreskosten_eur', parseAmount(values.jahreskosten_eur)),
    fundingNote: take('finanzierungsnotiz', parseText(values.finanzierungsnotiz, 'Die Finanzierungsnotiz')),
    applicationsPerYear: take('antraege_pro_jahr', parseCount(values.antraege_pro_jahr)),
    contact: take('kontakt', parseText(values.kontakt, 'Der Kontakt')),
    note: take('notiz', parseText(values.notiz, 'Die Notiz')),
  }
  // All in one pass: the rules whose columns parsed report too, so a user does not fix a row in
  // rounds; a rule reading a column that did not parse stays silent (no follow-up messages
  // about a value not yet typed correctly).
  for (const issue of checkStatusRules(result, { onlineServiceKind: onlineService?.kind ?? null, today: context.today }, unparsed)) {
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
// Row ↔ form values, and the diff that becomes a history record.
export type StatusRowLike = Omit<StatusValues, 'onlineSince' | 'targetDate' | 'costOneOff' | 'costAnnual'> & {
  onlineSince: string | Date | null
  targetDate: string | Date | null
  costOneOff: string | number | null
  costAnnual: string | number | null
}

function isoOf(value: string | Date | null): string | null {
  if (!value) return null
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10)
}
function amountOf(value: string | number | null): string | null {
  if (value === null || value === '') return null
  return Number(value).toFixed(2)
}

/** Normalises what the database returns (dates, numerics) to StatusValues. */
export function toStatusValues(row: StatusRowLike): StatusValues {
  const out = {} as Record<StatusField, unknown>
  for (const f of STATUS_VALUE_FIELDS) out[f] = (row as Record<string, unknown>)[f] ?? null
  out.onlineSince = isoOf(row.onlineSince)
  out.targetDate = isoOf(row.targetDate)
  out.costOneOff = amountOf(row.costOneOff)
  out.costAnnual = amountOf(row.costAnnual)
  out.maturityModel = row.maturityModel ?? '1.1'
  return out as StatusValues
}

/** The form's values for a row: German words, German decimal comma, ids for references. */
export function toFormValues(row: StatusRowLike): StatusFormValues {
  const v = toStatusValues(row)
  const amount = (a: string | null) => (a === null ? '' : a.replace('.', ','))
  return {
    umsetzungsweg: Approach.value(v.approach),
    planung: PendingPlan.value(v.pendingPlan),
    online_dienst: v.onlineServiceId === null ? '' : String(v.onlineServiceId),
    anbindung: Connection.value(v.connection),
    fortschritt: Stage.value(v.stage),
    reifegrad: v.maturity === null ? '' : String(v.maturity),
    reifegradmodell: v.maturityModel,
    online_seit: v.onlineSince ? germanDateOf(v.onlineSince) : '',
    zieltermin: v.targetDate ? germanDateOf(v.targetDate) : '',
    fachverfahren: v.fachverfahrenId === null ? '' : String(v.fachverfahrenId),
    schnittstellenstandard: v.interfaceStandard ?? '',
    schnittstellenstatus: InterfaceStatus.value(v.interfaceStatus),
    ende_zu_ende: v.endToEnd === null ? '' : v.endToEnd ? 'ja' : 'nein',
    interne_verarbeitung: InternalProcessing.value(v.internalProcessing),
    finanzierung: Funding.value(v.funding),
    einmalkosten_eur: amount(v.costOneOff),
    jahreskosten_eur: amount(v.costAnnual),
    finanzierungsnotiz: v.fundingNote ?? '',
    antraege_pro_jahr: v.applicationsPerYear === null ? '' : String(v.applicationsPerYear),
    kontakt: v.contact ?? '',
    notiz: v.note ?? '',
  }
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

/** A stored value as the UI shows it: labels for codes, names for references, German numbers. */
export function displayValue(field: string, value: unknown, names: DisplayNames = {}): string {
  if (value === null || value === undefined || value === '') return '–'
  switch (field) {
    case 'approach':
      return Approach.label(value as ApproachCode)
    case 'pendingPlan':
      return PendingPlan.label(value as PendingPlanCode)
    case 'connection':
      return Connection.label(value as ConnectionCode)
    case 'stage':
      return Stage.label(value as StageCode)
    case 'interfaceStatus':
      return InterfaceStatus.label(value as InterfaceStatusCode)
    case 'internalProcessing':
      return InternalProcessing.label(value as InternalProcessingCode)
    case 'funding':
      return Funding.label(value as FundingCode)
    case 'endToEnd':
      return value ? 'ja' : 'nein'
    case 'onlineServiceId':
      return names.onlineServices?.get(Number(value)) ?? `Online-Dienst ${value}`
    case 'fachverfahrenId':
      return names.fachverfahren?.get(Number(value)) ?? `Fachverfahren ${value}`
    case 'onlineSince':
    case 'targetDate':
      return germanDateOf(String(value).slice(0, 10))
    case 'confirmedAt':
      return new Date(String(value)).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })
    case 'costOneOff':
    case 'costAnnual':
      return `${Number(value).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} EUR`
    default:
      return String(value)
  }
}

// ---------------------------------------------------------------------------------------------
// The county page's URL (filters, sorting, page) and its bulk form.
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)

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
