// The user admin's forms: create, change, reset password. Shared by /admin/benutzer and
// scripts/user-create.ts.
import { z } from 'zod'
import { Role, type RoleCode } from './enums'
import { emptyToUndefined, text } from './text'
import { AGS_PATTERN } from './rules'

export const MIN_PASSWORD = 12


export const Password = text({ message: `Geben Sie ein Passwort mit mindestens ${MIN_PASSWORD} Zeichen ein.` })
  .min(MIN_PASSWORD, `Das Passwort braucht mindestens ${MIN_PASSWORD} Zeichen.`)
  .max(200, 'Das Passwort darf höchstens 200 Zeichen lang sein.')

const RoleField = z
  .string({ message: 'Wählen Sie eine Rolle.' })
  .refine((v): v is RoleCode => (Role.codes as readonly string[]).includes(v), 'Wählen Sie eine Rolle aus der Liste.')
  .transform((v) => v as RoleCode)

const CountyField = z.preprocess(emptyToUndefined, z.string().regex(AGS_PATTERN, 'Wählen Sie einen Kreis aus der Liste (AGS).').optional())

function editorNeedsCounty(v: { role: RoleCode; kreis?: string }, ctx: z.RefinementCtx) {
  if (v.role === 'editor' && !v.kreis) ctx.addIssue({ code: 'custom', path: ['kreis'], message: 'Eine Bearbeitung gehört zu genau einem Kreis: Wählen Sie ihn aus.' })
}

export const NewUserInput = z
  .object({
    email: text().trim().toLowerCase().min(1, 'Geben Sie die E-Mail-Adresse ein.').email('Geben Sie eine E-Mail-Adresse wie name@kreis.de ein.'),
    name: text().trim().max(200, 'Der Name darf höchstens 200 Zeichen lang sein.').default(''),
    role: RoleField,
    kreis: CountyField,
    password: Password,
  })
  .superRefine(editorNeedsCounty)
export type NewUserInput = z.infer<typeof NewUserInput>

export const UserChangeInput = z
  .object({
    name: text().trim().max(200, 'Der Name darf höchstens 200 Zeichen lang sein.').default(''),
    role: RoleField,
    kreis: CountyField,
    aktiv: z.preprocess(emptyToUndefined, z.literal('ja', { message: 'Das Konto ist aktiv („ja“) oder nicht (leer).' }).optional()).transform((v) => v === 'ja'),
  })
  .superRefine(editorNeedsCounty)
export type UserChangeInput = z.infer<typeof UserChangeInput>

export const PasswordResetInput = z.object({ password: Password })
