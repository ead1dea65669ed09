// The county page's form for its basic components (Basisdienste): one set of fields per
// component, named `<field>_<component>` so that one form saves all six at once.
import { z } from 'zod'
import { MAX_INT4 } from './id'
import { text as plainText } from './text'
import { BasicComponent, BasicComponentStatus, type BasicComponentCode, type BasicComponentStatusCode } from './enums'

export type BasicComponentUpdate = {
  component: BasicComponentCode
  status: BasicComponentStatusCode
  provider: string | null
  note: string | null
  expectedVersion: number
}

const text = (label: string) =>
  plainText()
    .trim()
    .max(500, `${label} darf höchstens 500 Zeichen lang sein.`)
    .transform((v) => v || null)

/** Parses the form into one update per component; errors are keyed by the form field's name. */
export function parseBasicComponentsForm(raw: Record<string, unknown>) {
  const shape: Record<string, z.ZodType> = {}
  for (const code of BasicComponent.codes) {
    shape[`status_${code}`] = z
      .string({ message: `Wählen Sie einen Status für ${BasicComponent.label(code)}.` })
      .refine((v) => BasicComponentStatus.fromValue(v) || (BasicComponentStatus.codes as readonly string[]).includes(v), {
        message: `Wählen Sie einen Status für ${BasicComponent.label(code)}.`,
      })
    shape[`anbieter_${code}`] = text(`Der Anbieter für ${BasicComponent.label(code)}`).optional().default('')
    shape[`notiz_${code}`] = text(`Die Notiz zu ${BasicComponent.label(code)}`).optional().default('')
    // The version the form was loaded at; out of range means a tampered form.
    const badVersion = 'Die Versionsangabe des Formulars ist ungültig. Laden Sie die Seite neu.'
    shape[`version_${code}`] = z.coerce.number({ message: badVersion }).int(badVersion).min(0, badVersion).max(MAX_INT4, badVersion)
  }
  const result = z.object(shape).safeParse(raw)
  if (!result.success) return { success: false as const, error: result.error }
  const data = result.data as Record<string, unknown>
  const updates: BasicComponentUpdate[] = BasicComponent.codes.map((code) => {
    const s = String(data[`status_${code}`])
    return {
      component: code,
      status: (BasicComponentStatus.fromValue(s) ?? s) as BasicComponentStatusCode,
      provider: (data[`anbieter_${code}`] as string | null) || null,
      note: (data[`notiz_${code}`] as string | null) || null,
      expectedVersion: Number(data[`version_${code}`]),
    }
  })
  return { success: true as const, data: updates }
}
