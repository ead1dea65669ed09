// Named contacts per county (issue 12): whom a member calls about a county's services.
import { z } from 'zod'
import { optionalIdSchema } from './id'
import { text } from './text'

const optionalText = (max: number, message: string) =>
  text()
    .trim()
    .max(max, message)
    .transform((v) => (v === '' ? null : v))

export const ContactInput = z.object({
  name: text().trim().min(2, 'Geben Sie den Namen der Person ein.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
  role: optionalText(200, 'Die Funktion darf höchstens 200 Zeichen lang sein.').default(''),
  email: text()
    .trim()
    .max(200, 'Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein.')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Geben Sie eine E-Mail-Adresse wie name@kreis.de ein.')
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .default(''),
  phone: text()
    .trim()
    .max(40, 'Die Telefonnummer darf höchstens 40 Zeichen lang sein.')
    .refine((v) => v === '' || /^[0-9+()/ -]{3,}$/.test(v), 'Geben Sie eine Telefonnummer wie 05141 916-0 ein.')
    .transform((v) => (v === '' ? null : v))
    .default(''),
})
export type ContactInput = z.infer<typeof ContactInput>

/** The contact a form edits or deletes; absent or '' for a new one. */
export const ContactId = optionalIdSchema('Diese Ansprechperson gibt es nicht.')
