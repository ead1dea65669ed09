// The meeting form: date, title, notes and an optional start of the report period.
import { z } from 'zod'
import { PathId } from './id'
import { parseDate } from './status'
import { text } from './text'

function dateField(required: string | null) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v ?? ''),
    text().transform((raw, ctx) => {
      if (raw === '') {
        if (required) ctx.addIssue({ code: 'custom', message: required })
        return null
      }
      const parsed = parseDate(raw)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message })
        return z.NEVER
      }
      return parsed.value
    }),
  )
}

export const MeetingInput = z
  .object({
    datum: dateField('Geben Sie das Datum der Sitzung ein, z. B. 01.03.2026.'),
    titel: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      text()
        .min(1, 'Geben Sie einen Titel ein, z. B. „Community-Treffen Frühjahr“.')
        .max(200, 'Der Titel darf höchstens 200 Zeichen lang sein.'),
    ),
    notizen: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      text().max(10_000, 'Die Notizen dürfen höchstens 10.000 Zeichen lang sein.'),
    ),
    zeitraum_ab: dateField(null),
  })
  .superRefine((v, ctx) => {
    if (v.datum && v.zeitraum_ab && v.zeitraum_ab > v.datum) {
      ctx.addIssue({
        code: 'custom',
        path: ['zeitraum_ab'],
        message: 'Der Berichtszeitraum muss vor oder am Tag der Sitzung beginnen.',
      })
    }
  })
  .transform((v) => ({ heldOn: v.datum as string, title: v.titel, notes: v.notizen || null, coversFrom: v.zeitraum_ab }))
export type MeetingInput = z.infer<typeof MeetingInput>

export const MeetingParams = z.object({ id: PathId })

/** Without a previous meeting or a chosen start, the report looks back this many days. */
export const DEFAULT_REPORT_DAYS = 90
