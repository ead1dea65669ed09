// VendorInput and FachverfahrenInput: the coordinator's forms for Hersteller and Fachverfahren.
import { z } from 'zod'
import { text } from './text'

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
const optionalText = (max: number, message: string) =>
  z.preprocess(trimmed, text().max(max, message)).transform((v) => (v === '' ? null : v))

export const VendorInput = z
  .object({
    name: z.preprocess(
      trimmed,
      text().min(1, 'Geben Sie den Namen des Herstellers ein.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
    ),
    website: optionalText(500, 'Die Website darf höchstens 500 Zeichen lang sein.').refine(
      (v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
      'Geben Sie die Website mit https:// ein, z. B. https://www.example.de.',
    ),
    notiz: optionalText(2000, 'Die Notiz darf höchstens 2000 Zeichen lang sein.'),
  })
  .transform((v) => ({ name: v.name, website: v.website, note: v.notiz }))
export type VendorInput = z.infer<typeof VendorInput>

export const FachverfahrenInput = z
  .object({
    name: z.preprocess(
      trimmed,
      text().min(1, 'Geben Sie den Namen des Fachverfahrens ein.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
    ),
    schnittstellenstandards: optionalText(500, 'Die Schnittstellenstandards dürfen höchstens 500 Zeichen lang sein.'),
    notiz: optionalText(2000, 'Die Notiz darf höchstens 2000 Zeichen lang sein.'),
  })
  .transform((v) => ({ name: v.name, interfaceStandards: v.schnittstellenstandards, note: v.notiz }))
export type FachverfahrenInput = z.infer<typeof FachverfahrenInput>
