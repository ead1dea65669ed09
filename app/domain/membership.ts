// Member counties (issue 12): the forms of /admin/kreise and the counties CSV. Pure: the model
// checks what needs the database (is the AGS in the register, is the county a member).
import { z } from 'zod'
import { text } from './text'
import { CountyKind, type CountyKindCode } from './enums'
import { parseDate, todayIso } from './status'
import { compareGerman } from './format'

// The Länder by the first two digits of the AGS (their official keys), named as the register does.
export const LAND_BY_PREFIX: Record<string, string> = {
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  '10': 'Saarland',
  '11': 'Berlin',
  '12': 'Brandenburg',
  '13': 'Mecklenburg-Vorpommern',
  '14': 'Sachsen',
  '15': 'Sachsen-Anhalt',
  '16': 'Thüringen',
}
export const LANDS = Object.values(LAND_BY_PREFIX).sort(compareGerman)

export function landOfAgs(ags: string): string | undefined {
  return LAND_BY_PREFIX[ags.slice(0, 2)]
}

// Kinds a member county can have today; Gemeinden follow once the catalogue says what they do.
export const MEMBER_KINDS: CountyKindCode[] = ['landkreis', 'kreisfreie_stadt', 'region']

const Ags = z.string().trim().regex(/^[0-9]{5}$/, 'Ein Kreisschlüssel (AGS) hat fünf Ziffern, z. B. 03351.')

const KindField = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z
    .string()
    .refine((v): v is CountyKindCode => (MEMBER_KINDS as string[]).includes(v), 'Wählen Sie einen Kreistyp aus der Liste.')
    .transform((v) => v as CountyKindCode)
    .optional(),
)

/** A date field that defaults to today and may not lie in the future. */
const DayField = (what: string) =>
  z
    .string()
    .default('')
    .transform((raw, ctx) => {
      if (raw.trim() === '') return todayIso()
      const parsed = parseDate(raw.trim())
      if (!parsed.ok || !parsed.value) {
        ctx.addIssue({ code: 'custom', message: parsed.ok ? 'Geben Sie ein Datum wie 01.03.2025 ein.' : parsed.message })
        return z.NEVER
      }
      if (parsed.value > todayIso()) {
        ctx.addIssue({ code: 'custom', message: `${what} darf nicht in der Zukunft liegen; tragen Sie es an dem Tag ein.` })
        return z.NEVER
      }
      return parsed.value
    })

export const JoinInput = z.object({
  ags: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(Ags).min(1, 'Wählen Sie mindestens einen Kreis aus dem Verzeichnis.')),
  kind: KindField,
  joinedOn: DayField('Das Beitrittsdatum'),
})
export type JoinInput = z.infer<typeof JoinInput>

export const LeaveInput = z.object({ ags: Ags, leftOn: DayField('Das Austrittsdatum') })
export type LeaveInput = z.infer<typeof LeaveInput>

/** A county that is not (yet) in the register, e.g. after a territorial reform. */
export const ManualCountyInput = z.object({
  ags: Ags,
  name: text().trim().min(2, 'Geben Sie den Namen des Kreises ein.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
  kind: z
    .string({ message: 'Wählen Sie einen Kreistyp.' })
    .refine((v): v is CountyKindCode => (MEMBER_KINDS as string[]).includes(v), 'Wählen Sie einen Kreistyp aus der Liste.')
    .transform((v) => v as CountyKindCode),
  land: z.string().refine((v) => LANDS.includes(v), 'Wählen Sie ein Land aus der Liste.'),
  joinedOn: DayField('Das Beitrittsdatum'),
})
export type ManualCountyInput = z.infer<typeof ManualCountyInput>

export const CommunityNameInput = z.object({
  communityName: text().trim().min(2, 'Geben Sie den Namen der Community ein, z. B. OpenR@thaus.').max(80, 'Der Name darf höchstens 80 Zeichen lang sein.'),
})

export type CountyCsvLine = { line: number; ags: string; kind?: CountyKindCode }
export type CountyCsvError = { line: number; message: string }

/**
 * The rows of a counties CSV: a column `ags` (or one column without a header) and optionally
 * `kreistyp`. Every malformed or repeated AGS is an error naming its line.
 */
export function readCountyCsvRows(headers: string[], rows: { line: number; values: Record<string, string> }[]): { lines: CountyCsvLine[]; errors: CountyCsvError[] } {
  const lines: CountyCsvLine[] = []
  const errors: CountyCsvError[] = []
  const agsHeader = headers.find((h) => h.trim().toLowerCase() === 'ags')
  // A bare list of AGS has no header: its first "header" is the first AGS.
  const bare = !agsHeader && headers.length === 1 && /^[0-9]+$/.test(headers[0].trim())
  if (!agsHeader && !bare) {
    return { lines, errors: [{ line: 1, message: 'Die Datei braucht eine Spalte „ags“ (oder nur eine Spalte mit Kreisschlüsseln).' }] }
  }
  const kindHeader = headers.find((h) => h.trim().toLowerCase() === 'kreistyp')
  const all = bare ? [{ line: 1, values: { [headers[0]]: headers[0] } }, ...rows] : rows
  const seen = new Map<string, number>()
  for (const row of all) {
    const raw = (row.values[agsHeader ?? headers[0]] ?? '').trim()
    // Excel drops leading zeros: 3351 means 03351.
    const ags = /^[0-9]{4}$/.test(raw) ? `0${raw}` : raw
    if (!/^[0-9]{5}$/.test(ags)) {
      errors.push({ line: row.line, message: `Zeile ${row.line}: „${raw}“ ist kein Kreisschlüssel (AGS mit fünf Ziffern, z. B. 03351).` })
      continue
    }
    const first = seen.get(ags)
    if (first !== undefined) {
      errors.push({ line: row.line, message: `Zeile ${row.line}: Der AGS ${ags} steht schon in Zeile ${first}.` })
      continue
    }
    seen.set(ags, row.line)
    let kind: CountyKindCode | undefined
    const rawKind = kindHeader ? (row.values[kindHeader] ?? '').trim() : ''
    if (rawKind) {
      kind = CountyKind.fromValue(rawKind) ?? (MEMBER_KINDS as string[]).find((k) => k === rawKind.toLowerCase()) as CountyKindCode | undefined
      if (!kind || !MEMBER_KINDS.includes(kind)) {
        errors.push({ line: row.line, message: `Zeile ${row.line}: Kreistyp „${rawKind}“ gibt es nicht; erlaubt: Landkreis, Kreisfreie Stadt, Region.` })
        continue
      }
    }
    lines.push({ line: row.line, ags, kind })
  }
  return { lines, errors }
}
