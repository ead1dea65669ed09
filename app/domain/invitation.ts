// Invitations and password resets (issue 12): the forms and the mails' texts. Pure; the model
// stores the tokens and sends.
import { z } from 'zod'
import { emptyToUndefined, text } from './text'
import { Role, type RoleCode } from './enums'
import { Password } from './user'
import { AGS_PATTERN } from './rules'

export const INVITATION_DAYS = 7
export const RESET_MINUTES = 60
/** At most this many reset mails per account and hour: a flood stays a trickle. */
export const RESET_LIMIT = { perHour: 3 }


export const Email = text().trim().toLowerCase().min(1, 'Geben Sie die E-Mail-Adresse ein.').email('Geben Sie eine E-Mail-Adresse wie name@kreis.de ein.')

export const InvitationInput = z
  .object({
    email: Email,
    name: text().trim().max(200, 'Der Name darf höchstens 200 Zeichen lang sein.').default(''),
    role: z
      .string({ message: 'Wählen Sie eine Rolle.' })
      .refine((v): v is RoleCode => (Role.codes as readonly string[]).includes(v), 'Wählen Sie eine Rolle aus der Liste.')
      .transform((v) => v as RoleCode),
    kreis: z.preprocess(emptyToUndefined, z.string().regex(AGS_PATTERN, 'Wählen Sie einen Kreis aus der Liste (AGS).').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'editor' && !v.kreis) ctx.addIssue({ code: 'custom', path: ['kreis'], message: 'Eine Bearbeitung gehört zu genau einem Kreis: Wählen Sie ihn aus.' })
  })
export type InvitationInput = z.infer<typeof InvitationInput>

export const NewPasswordInput = z
  .object({ password: Password, passwordRepeat: text().default('') })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'Die beiden Passwörter stimmen nicht überein.' })

export const ResetRequestInput = z.object({ email: Email })

/** A link token as it appears in the URL: 43 characters of base64url. */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/)

export type MailText = { subject: string; text: string; html: string }

type Escape = (value: string) => string

function berlinDateTime(date: Date) {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

export function invitationMail(p: { link: string; role: RoleCode; countyName: string | null; community: string; expiresAt: Date }, escape: Escape): MailText {
  const role = Role.label(p.role)
  const county = p.countyName ? ` für ${p.countyName}` : ''
  const until = berlinDateTime(p.expiresAt)
  return {
    subject: `Einladung zu OZG-Radar – ${p.community}`,
    text: [
      'Guten Tag,',
      '',
      `Sie sind zu OZG-Radar eingeladen, dem gemeinsamen Umsetzungsstand der OZG-Leistungen von ${p.community}.`,
      `Ihre Rolle: ${role}${county}.`,
      '',
      'Legen Sie über diesen Link Ihr Passwort fest (mindestens 12 Zeichen):',
      p.link,
      '',
      `Der Link gilt einmal und bis ${until} Uhr. Danach bitten Sie Ihre Administration um eine neue Einladung.`,
      'Falls Sie diese Einladung nicht erwartet haben, können Sie die E-Mail einfach löschen.',
    ].join('\n'),
    html: [
      '<p>Guten Tag,</p>',
      `<p>Sie sind zu OZG-Radar eingeladen, dem gemeinsamen Umsetzungsstand der OZG-Leistungen von ${escape(p.community)}.<br>`,
      `Ihre Rolle: ${escape(role)}${escape(county)}.</p>`,
      `<p><a href="${escape(p.link)}">Passwort festlegen</a> (mindestens 12 Zeichen)</p>`,
      `<p>Der Link gilt einmal und bis ${escape(until)} Uhr. Danach bitten Sie Ihre Administration um eine neue Einladung.<br>`,
      'Falls Sie diese Einladung nicht erwartet haben, können Sie die E-Mail einfach löschen.</p>',
    ].join('\n'),
  }
}

export function resetMail(p: { link: string; expiresAt: Date }, escape: Escape): MailText {
  const until = berlinDateTime(p.expiresAt)
  return {
    subject: 'OZG-Radar: Passwort zurücksetzen',
    text: [
      'Guten Tag,',
      '',
      'für Ihr OZG-Radar-Konto wurde ein neues Passwort angefordert. Legen Sie es über diesen Link fest:',
      p.link,
      '',
      `Der Link gilt einmal und bis ${until} Uhr. Danach sind alle Ihre Sitzungen und API-Tokens beendet.`,
      'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
    ].join('\n'),
    html: [
      '<p>Guten Tag,</p>',
      '<p>für Ihr OZG-Radar-Konto wurde ein neues Passwort angefordert.</p>',
      `<p><a href="${escape(p.link)}">Neues Passwort festlegen</a></p>`,
      `<p>Der Link gilt einmal und bis ${escape(until)} Uhr. Danach sind alle Ihre Sitzungen und API-Tokens beendet.<br>`,
      'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.</p>',
    ].join('\n'),
  }
}
