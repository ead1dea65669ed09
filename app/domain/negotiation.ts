// A shared vendor negotiation: its form, a participant's offer, a comment, and the rules for
// documents (size, allowed types by their content). Pure: the model checks what needs the database
// (membership of the counties, existence of vendor and Fachverfahren).
import { z } from 'zod'
import { idSchema, optionalIdSchema, PathId } from './id'
import { text } from './text'
import { NegotiationStage, type NegotiationStageCode } from './enums'
import { germanDate } from './meeting-report'
import { parseAmount, parseDate } from './status'
import type { Parsed } from './value-parsers'
import { AGS_PATTERN } from './rules'

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v ?? '')
const optionalText = (max: number, label: string) =>
  z.preprocess(trimmed, text().max(max, `${label} darf höchstens ${max} Zeichen lang sein.`).transform((v) => v || null))
export const optionalId = (message: string) => optionalIdSchema(message).transform((v) => v ?? null)
const agsList = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? v.split(',') : []),
  z
    .array(z.string().trim().regex(AGS_PATTERN, 'Jeder Kreis wird mit seinem Amtlichen Gemeindeschlüssel angegeben, z. B. 03351.'))
    .min(1, 'Wählen Sie mindestens einen Kreis, der an der Verhandlung teilnimmt.')
    .transform((list) => [...new Set(list)]),
)

/** A trimmed text field read by a value parser; the parser's message becomes the field's error. */
function parsedField<T>(parse: (raw: string) => Parsed<T>) {
  return z.preprocess(
    trimmed,
    z.string().transform((raw, ctx) => {
      const parsed = parse(raw)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message })
        return z.NEVER
      }
      return parsed.value
    }),
  )
}

export const optionalDateField = () => parsedField(parseDate)

export const NegotiationInput = z
  .object({
    hersteller: idSchema('Wählen Sie einen Hersteller aus der Liste.'),
    fachverfahren: optionalId('Wählen Sie ein Fachverfahren aus der Liste.'),
    schnittstellenstandard: optionalText(200, 'Der Schnittstellenstandard'),
    stufe: z.preprocess(
      (v) => (typeof v === 'string' && v !== '' ? (NegotiationStage.fromValue(v) ?? v) : 'preparing'),
      z.enum(NegotiationStage.codes, { message: 'Wählen Sie einen Stand aus der Liste.' }),
    ),
    kreise: agsList,
    federfuehrung_kreis: z.preprocess(
      trimmed,
      z.union([z.literal(''), z.string().regex(AGS_PATTERN, 'Wählen Sie den federführenden Kreis aus der Liste.')]).transform((v) => v || null),
    ),
    federfuehrung_person: optionalId('Wählen Sie die verhandelnde Person aus der Liste.'),
    naechster_schritt: optionalText(500, 'Der nächste Schritt'),
    faellig: optionalDateField(),
    notiz: optionalText(5000, 'Die Notiz'),
  })
  .superRefine((v, ctx) => {
    if (v.fachverfahren === null && v.schnittstellenstandard === null) {
      ctx.addIssue({ code: 'custom', path: ['fachverfahren'], message: 'Wählen Sie ein Fachverfahren oder geben Sie einen Schnittstellenstandard an.' })
    }
    if (v.federfuehrung_kreis && !v.kreise.includes(v.federfuehrung_kreis)) {
      ctx.addIssue({ code: 'custom', path: ['federfuehrung_kreis'], message: 'Der federführende Kreis muss an der Verhandlung teilnehmen.' })
    }
  })
  .transform((v) => ({
    vendorId: v.hersteller,
    fachverfahrenId: v.fachverfahren,
    interfaceStandard: v.schnittstellenstandard,
    stage: v.stufe,
    countyAgs: v.kreise,
    leadCountyAgs: v.federfuehrung_kreis,
    leadUserId: v.federfuehrung_person,
    nextStep: v.naechster_schritt,
    dueDate: v.faellig,
    note: v.notiz,
  }))
export type NegotiationInput = z.infer<typeof NegotiationInput>

const amountField = () => parsedField(parseAmount)

/** The offer and price for one participating county. */
export const NegotiationOfferInput = z
  .object({
    kreis: z.string().regex(AGS_PATTERN, 'Wählen Sie einen beteiligten Kreis.'),
    angebot: optionalText(2000, 'Das Angebot'),
    preis_einmalig: amountField(),
    preis_jaehrlich: amountField(),
  })
  .transform((v) => ({ countyAgs: v.kreis, offer: v.angebot, priceOneOff: v.preis_einmalig, priceAnnual: v.preis_jaehrlich }))
export type NegotiationOfferInput = z.infer<typeof NegotiationOfferInput>

export const CommentInput = z
  .object({
    kommentar: z.preprocess(
      trimmed,
      text().min(1, 'Schreiben Sie einen Kommentar.').max(5000, 'Der Kommentar darf höchstens 5.000 Zeichen lang sein.'),
    ),
  })
  .transform((v) => v.kommentar)

export const NegotiationParams = z.object({ id: PathId })

// ---------------------------------------------------------------------------------------------
// Documents. The type is decided by the file's first bytes (and, inside ZIP containers, by the
// parts they hold), never by the name or the browser's claim alone; the name's extension must
// agree with what the content is.
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES / 1024 / 1024

export const DOCUMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'DOCX' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'XLSX' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'ODT' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'ODS' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  txt: { mime: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'TXT' },
} as const
export type DocumentKind = keyof typeof DOCUMENT_TYPES
export const ALLOWED_DOCUMENT_LABELS = Object.values(DOCUMENT_TYPES)
  .map((t) => t.label)
  .join(', ')

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes)
const containsAscii = (bytes: Uint8Array, text: string) => latin1(bytes).includes(text)

/** What the content is, from its bytes; null when it is none of the allowed types. */
export function sniffDocument(bytes: Uint8Array): DocumentKind | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OpenDocument: the first entry is the uncompressed "mimetype" file (offset 30 + 8).
    if (startsWith(bytes, ascii('mimetype'), 30)) {
      const mime = latin1(bytes.subarray(38, 38 + 60))
      if (mime.startsWith('application/vnd.oasis.opendocument.text')) return 'odt'
      if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods'
      return null
    }
    // Office Open XML: part names are stored uncompressed in the ZIP's headers.
    if (containsAscii(bytes, '[Content_Types].xml')) {
      if (containsAscii(bytes, 'word/document.xml')) return 'docx'
      if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx'
    }
    return null
  }
  return isPlainText(bytes) ? 'txt' : null
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  // eslint-disable-next-line no-control-regex -- control characters are what tells binary from text
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)
}

export type DocumentCheck = { ok: true; kind: DocumentKind; fileName: string } | { ok: false; message: string }

export function checkDocument(fileName: string, bytes: Uint8Array): DocumentCheck {
  const name = safeFileName(fileName)
  if (bytes.byteLength === 0) return { ok: false, message: 'Wählen Sie eine Datei aus. Die gewählte Datei ist leer.' }
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return { ok: false, message: `Die Datei ist zu groß. Erlaubt sind höchstens ${MAX_DOCUMENT_MB} MB.` }
  }
  const kind = sniffDocument(bytes)
  if (!kind) return { ok: false, message: `Dieser Dateityp ist nicht erlaubt. Erlaubt sind ${ALLOWED_DOCUMENT_LABELS}.` }
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (!extension || !(DOCUMENT_TYPES[kind].extensions as readonly string[]).includes(extension)) {
    return {
      ok: false,
      message: `Der Inhalt der Datei ist ${DOCUMENT_TYPES[kind].label}, der Name endet aber nicht auf .${DOCUMENT_TYPES[kind].extensions[0]}. Benennen Sie die Datei passend und laden Sie sie erneut hoch.`,
    }
  }
  return { ok: true, kind, fileName: name }
}

/** The last path segment, without control characters, at most 200 characters. */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  return (clean || 'dokument').slice(-200)
}

/** attachment; an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[\\"%;]/g, '_') || 'dokument'
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

// ---------------------------------------------------------------------------------------------
// The history (audit entries) worded in German: on the negotiation's page and in the digest.
export const NEGOTIATION_HISTORY_TEXT: Record<string, string> = {
  create: 'Verhandlung angelegt',
  update: 'Verhandlung geändert',
  offer: 'Angebot eines Kreises erfasst',
  comment: 'Kommentar geschrieben',
  document: 'Dokument hochgeladen',
}
const fieldLabel: Record<string, string> = {
  stage: 'Stand',
  nextStep: 'Nächster Schritt',
  dueDate: 'Fällig',
  leadCountyId: 'Federführender Kreis',
  leadUserId: 'Verhandelnde Person',
  note: 'Notiz',
  counties: 'Beteiligte Kreise',
  fachverfahrenId: 'Fachverfahren',
  interfaceStandard: 'Schnittstellenstandard',
  vendorId: 'Hersteller',
}

export function negotiationHistoryDetail(action: string, details: Record<string, unknown> | null): string {
  if (!details) return ''
  if (action === 'update') {
    return Object.entries(details as Record<string, { from: unknown; to: unknown }>)
      .map(([key, change]) => {
        const show = (v: unknown) =>
          v === null || v === undefined || v === ''
            ? '–'
            : key === 'stage'
              ? NegotiationStage.label(v as NegotiationStageCode)
              : key === 'dueDate'
                ? germanDate(String(v))
                : Array.isArray(v)
                  ? v.join(', ')
                  : String(v)
        return `${fieldLabel[key] ?? key}: ${show(change.from)} → ${show(change.to)}`
      })
      .join('; ')
  }
  if (action === 'offer') return `Kreis ${String(details.county)}`
  if (action === 'document') return String(details.fileName ?? '')
  if (action === 'create') return `Stand: ${NegotiationStage.label(details.stage as NegotiationStageCode)}; Kreise: ${(details.counties as string[] | undefined)?.join(', ') ?? ''}`
  return ''
}

/** One history entry in one line, as the digest lists it. */
export function negotiationHistoryLine(action: string, details: Record<string, unknown> | null): string {
  const detail = negotiationHistoryDetail(action, details)
  return `${NEGOTIATION_HISTORY_TEXT[action] ?? action}${detail ? `: ${detail}` : ''}`
}
