// Subscriptions and notifications: what a user can follow, how often the digest comes, and the
// shapes the jobs store and the pages and mails render. Pure: no I/O.
import { z } from 'zod'
import { idSchema } from './id'
import { text } from './text'
import { AGS_PATTERN, OZG_ID_PATTERN } from './rules'

/** What a user can follow. Generic (kind + target id) so that negotiations join as one more kind. */
export const SUBSCRIPTION_KINDS = ['county', 'service', 'online_service', 'vendor', 'negotiation'] as const
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number]
export const SUBSCRIPTION_KIND_LABEL: Record<SubscriptionKind, string> = {
  county: 'Kreis',
  service: 'Leistung',
  online_service: 'Online-Dienst',
  vendor: 'Hersteller',
  negotiation: 'Verhandlung',
}

export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number]
export const DIGEST_LABEL: Record<DigestFrequency, string> = {
  daily: 'Täglich',
  weekly: 'Wöchentlich (montags)',
  off: 'Keine E-Mail-Zusammenfassung',
}
/** Without saved settings a subscriber gets the weekly digest and instant mails. */
export const DEFAULT_SETTINGS = { digest: 'weekly' as DigestFrequency, instantMail: true }

export const NOTIFICATION_KINDS = ['digest', 'now_available', 'stale_reminder', 'task_reminder'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  digest: 'Zusammenfassung',
  now_available: 'Jetzt verfügbar',
  stale_reminder: 'Erinnerung',
  task_reminder: 'Aufgabe fällig',
}

/** One status change as a digest lists it, with its field changes already worded in German. */
export type DigestItem = {
  ags: string
  countyName: string
  ozgId: string
  serviceName: string
  changedAt: string
  byName: string | null
  lines: string[]
}

/** One entry of a subscribed negotiation's history, worded as its page words it. */
export type NegotiationDigestItem = {
  negotiationId: number
  title: string
  changedAt: string
  byName: string | null
  line: string
}

export type DigestPayload = {
  frequency: Exclude<DigestFrequency, 'off'>
  /** The period covered, as German-time dates: from inclusive, to exclusive. */
  from: string
  to: string
  /** Status changes and negotiation entries together. */
  total: number
  /** The newest status changes, at most DIGEST_MAX_ITEMS. */
  items: DigestItem[]
  /** The newest entries of subscribed negotiations, at most DIGEST_MAX_ITEMS (absent in older digests). */
  negotiations?: NegotiationDigestItem[]
}
export const DIGEST_MAX_ITEMS = 100

/** How many entries a digest lists (the rest are counted in its total only). */
export function digestShown(p: DigestPayload): number {
  return p.items.length + (p.negotiations?.length ?? 0)
}

export type NowAvailablePayload = {
  onlineServiceId: number
  onlineServiceName: string
  kind: string
  ags: string
  countyName: string
  /** The county's rows that wait for it: OZG-ID and name. */
  services: { ozgId: string; name: string }[]
}

export type StaleReminderPayload = {
  ags: string
  countyName: string
  stale: number
  staleAfterDays: number
}

/** A to-do is reminded twice: when it falls due within TASK_DUE_SOON_DAYS days, and when overdue. */
export const TASK_DUE_SOON_DAYS = 3
export type TaskReminderStage = 'due_soon' | 'overdue'
export type TaskReminderPayload = {
  taskId: number
  stage: TaskReminderStage
  taskTitle: string
  /** ISO date. */
  dueDate: string
  /** The owner county, when the to-do is the county's. */
  countyName: string | null
}

export type NotificationPayload = DigestPayload | NowAvailablePayload | StaleReminderPayload | TaskReminderPayload

const germanDate = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' })
const germanDateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' })

/** „29.11.2026“ for an ISO date (a calendar day, not an instant). */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${d}.${m}.${y}`
}
export function formatDateTime(value: string | Date): string {
  return germanDateTime.format(new Date(value))
}
export function formatDate(value: string | Date): string {
  return germanDate.format(new Date(value))
}

/** The last day a period covers: the day before its exclusive end. */
export function lastDay(toExclusive: string): string {
  const d = new Date(`${toExclusive}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

export function digestTitle(p: DigestPayload): string {
  const changes = p.total === 1 ? '1 Änderung' : `${p.total} Änderungen`
  return p.frequency === 'daily'
    ? `Tägliche Zusammenfassung vom ${formatDay(p.from)}: ${changes}`
    : `Wöchentliche Zusammenfassung ${formatDay(p.from)} bis ${formatDay(lastDay(p.to))}: ${changes}`
}

export function nowAvailableTitle(p: NowAvailablePayload): string {
  return `Jetzt verfügbar: ${p.onlineServiceName}`
}

export function staleReminderTitle(p: StaleReminderPayload): string {
  const rows = p.stale === 1 ? '1 Leistung' : `${p.stale} Leistungen`
  return `Erinnerung: ${rows} in ${p.countyName} seit mehr als ${p.staleAfterDays} Tagen nicht bestätigt`
}

export function taskReminderTitle(p: TaskReminderPayload): string {
  return p.stage === 'overdue'
    ? `Aufgabe überfällig seit ${formatDay(p.dueDate)}: ${p.taskTitle}`
    : `Aufgabe fällig am ${formatDay(p.dueDate)}: ${p.taskTitle}`
}

// ---------------------------------------------------------------------------------------------
// Form input on /profil.
export const SubscribeInput = z.discriminatedUnion('kind', [
  z.object({
    intent: z.literal('abo-anlegen'),
    kind: z.literal('county'),
    kreis: z.string().regex(AGS_PATTERN, 'Wählen Sie einen Kreis aus der Liste.'),
  }),
  z.object({
    intent: z.literal('abo-anlegen'),
    kind: z.literal('service'),
    ozgId: text()
      .trim()
      .regex(OZG_ID_PATTERN, 'Geben Sie eine OZG-ID mit fünf Ziffern ein, z. B. 10110.'),
  }),
  z.object({
    intent: z.literal('abo-anlegen'),
    kind: z.literal('online_service'),
    onlineDienst: idSchema('Wählen Sie einen Online-Dienst aus der Liste.'),
  }),
  z.object({
    intent: z.literal('abo-anlegen'),
    kind: z.literal('vendor'),
    hersteller: idSchema('Wählen Sie einen Hersteller aus der Liste.'),
  }),
  z.object({
    intent: z.literal('abo-anlegen'),
    kind: z.literal('negotiation'),
    verhandlung: z.coerce.number({ message: 'Wählen Sie eine Verhandlung aus der Liste.' }).int().positive('Wählen Sie eine Verhandlung aus der Liste.'),
  }),
])
export type SubscribeInput = z.infer<typeof SubscribeInput>

export const UnsubscribeInput = z.object({
  intent: z.literal('abo-loeschen'),
  subscriptionId: idSchema('Dieses Abonnement gibt es nicht.'),
})

export const NotificationSettingsInput = z.object({
  intent: z.literal('abo-einstellungen'),
  digest: z.enum(DIGEST_FREQUENCIES, { message: 'Wählen Sie, wie oft die Zusammenfassung kommen soll.' }),
  // A checkbox sends "ja" when ticked and nothing otherwise.
  instantMail: z
    .literal('ja')
    .optional()
    .transform((v) => v === 'ja'),
})
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsInput>

export const MarkReadInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('gelesen'), id: idSchema('Diese Benachrichtigung gibt es nicht.') }),
  z.object({ intent: z.literal('alle-gelesen') }),
])
