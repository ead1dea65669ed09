// The German mails of the notifications: plain text and the same as HTML, every value escaped.
import {
  digestShown,
  digestTitle,
  formatDateTime,
  formatDay,
  NOTIFICATION_KIND_LABEL,
  type DigestPayload,
  type NowAvailablePayload,
  type StaleReminderPayload,
  type TaskReminderPayload,
} from '~/domain/notification'
import type { OutgoingMail } from '~/models/notification.server'
import { env } from '~/utils/env.server'
import { escapeHtml, type Mail } from '~/utils/mail.server'

/** The address users type: PUBLIC_URL, or this server as started. */
export function appUrl(path: string): string {
  const base = env().PUBLIC_URL ?? `http://${env().HOST ?? 'localhost'}:${env().PORT}`
  return new URL(path, base).toString()
}

const FOOTER_TEXT = (settings: string) =>
  `\n\n-- \nOZG-Radar · Diese Nachricht steht auch unter ${appUrl('/benachrichtigungen')}.\nAbonnements und Häufigkeit ändern Sie unter ${settings}.`

function footerHtml(settings: string) {
  return `<hr><p style="font-size:small">OZG-Radar · Diese Nachricht steht auch unter <a href="${escapeHtml(appUrl('/benachrichtigungen'))}">Benachrichtigungen</a>. Abonnements und Häufigkeit ändern Sie im <a href="${escapeHtml(settings)}">Profil</a>.</p>`
}

function page(title: string, body: string, settings: string) {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.4">${body}${footerHtml(settings)}</body></html>`
}

function digestMail(p: DigestPayload, name: string): { text: string; html: string } {
  const greeting = `Guten Tag${name ? ` ${name}` : ''},`
  const intro = `in Ihren Abonnements gab es ${p.total === 1 ? 'eine Änderung' : `${p.total} Änderungen`} durch andere Personen.`
  const rest = p.total > digestShown(p) ? `\n… und ${p.total - digestShown(p)} weitere. Alle Änderungen sehen Sie auf den Seiten der Kreise und Verhandlungen.` : ''
  const negotiations = p.negotiations ?? []
  const text = [
    greeting,
    '',
    intro,
    '',
    ...p.items.flatMap((i) => [
      `${i.countyName} (${i.ags}) · ${i.ozgId} ${i.serviceName}`,
      `  ${formatDateTime(i.changedAt)}${i.byName ? `, ${i.byName}` : ''}`,
      ...i.lines.map((l) => `  - ${l}`),
      `  ${appUrl(`/kreise/${i.ags}/leistungen/${i.ozgId}`)}`,
      '',
    ]),
    ...negotiations.flatMap((i) => [
      `Verhandlung ${i.title}`,
      `  ${formatDateTime(i.changedAt)}${i.byName ? `, ${i.byName}` : ''}`,
      `  - ${i.line}`,
      `  ${appUrl(`/verhandlungen/${i.negotiationId}`)}`,
      '',
    ]),
  ].join('\n') + rest
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<ul>',
    ...p.items.map(
      (i) =>
        `<li><p><a href="${escapeHtml(appUrl(`/kreise/${i.ags}/leistungen/${i.ozgId}`))}">${escapeHtml(`${i.countyName} (${i.ags}) · ${i.ozgId} ${i.serviceName}`)}</a><br>` +
        `${escapeHtml(formatDateTime(i.changedAt))}${i.byName ? `, ${escapeHtml(i.byName)}` : ''}</p>` +
        `<ul>${i.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></li>`,
    ),
    ...negotiations.map(
      (i) =>
        `<li><p><a href="${escapeHtml(appUrl(`/verhandlungen/${i.negotiationId}`))}">${escapeHtml(`Verhandlung ${i.title}`)}</a><br>` +
        `${escapeHtml(formatDateTime(i.changedAt))}${i.byName ? `, ${escapeHtml(i.byName)}` : ''}</p>` +
        `<ul><li>${escapeHtml(i.line)}</li></ul></li>`,
    ),
    '</ul>',
    rest ? `<p>${escapeHtml(rest.trim())}</p>` : '',
  ].join('\n')
  return { text, html }
}

function nowAvailableMail(p: NowAvailablePayload, name: string) {
  const greeting = `Guten Tag${name ? ` ${name}` : ''},`
  const intro = `der Online-Dienst „${p.onlineServiceName}“ ist jetzt verfügbar. ${p.countyName} (${p.ags}) wartet darauf bei ${p.services.length === 1 ? 'dieser Leistung' : `diesen ${p.services.length} Leistungen`}:`
  const link = appUrl(`/online-dienste/${p.onlineServiceId}`)
  const text = [greeting, '', intro, ...p.services.map((s) => `  - ${s.ozgId} ${s.name}`), '', `Zum Online-Dienst: ${link}`].join('\n')
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${p.services.map((s) => `<li>${escapeHtml(`${s.ozgId} ${s.name}`)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(link)}">Zum Online-Dienst</a></p>`,
  ].join('\n')
  return { text, html }
}

function taskReminderMail(p: TaskReminderPayload, name: string, link: string) {
  const greeting = `Guten Tag${name ? ` ${name}` : ''},`
  const owner = p.countyName ? ` (verantwortlich: ${p.countyName})` : ''
  const body =
    p.stage === 'overdue'
      ? `die Aufgabe „${p.taskTitle}“${owner} war am ${formatDay(p.dueDate)} fällig und ist noch nicht erledigt. Erledigen Sie sie bitte oder markieren Sie sie als erledigt, wenn sie es schon ist.`
      : `die Aufgabe „${p.taskTitle}“${owner} ist am ${formatDay(p.dueDate)} fällig und noch nicht erledigt.`
  const text = [greeting, '', body, '', `Zu den Aufgaben: ${link}`].join('\n')
  const html = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(body)}</p>`, `<p><a href="${escapeHtml(link)}">Zu den Aufgaben</a></p>`].join('\n')
  return { text, html }
}

function staleReminderMail(p: StaleReminderPayload, name: string, link: string) {
  const greeting = `Guten Tag${name ? ` ${name}` : ''},`
  const body = `in ${p.countyName} (${p.ags}) ${p.stale === 1 ? 'ist 1 Leistung' : `sind ${p.stale} Leistungen`} seit mehr als ${p.staleAfterDays} Tagen nicht bestätigt. Prüfen Sie bitte, ob der Stand noch stimmt, und bestätigen oder ändern Sie ihn.`
  const text = [greeting, '', body, '', `Zur Liste: ${link}`].join('\n')
  const html = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(body)}</p>`, `<p><a href="${escapeHtml(link)}">Zur Liste</a></p>`].join('\n')
  return { text, html }
}

export function renderNotificationMail(n: OutgoingMail): Mail {
  const settings = appUrl('/profil#benachrichtigungen')
  const parts =
    n.kind === 'digest'
      ? digestMail(n.payload as DigestPayload, n.name)
      : n.kind === 'now_available'
        ? nowAvailableMail(n.payload as NowAvailablePayload, n.name)
        : n.kind === 'task_reminder'
          ? taskReminderMail(n.payload as TaskReminderPayload, n.name, appUrl(n.link ?? '/aufgaben'))
          : staleReminderMail(n.payload as StaleReminderPayload, n.name, appUrl(n.link ?? '/'))
  const subject = `OZG-Radar: ${n.kind === 'digest' ? digestTitle(n.payload as DigestPayload) : n.title}`
  return {
    to: n.email,
    subject,
    text: parts.text + FOOTER_TEXT(settings),
    html: page(`${NOTIFICATION_KIND_LABEL[n.kind]}: ${n.title}`, parts.html, settings),
  }
}
