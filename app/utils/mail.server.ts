import nodemailer, { type Transporter } from 'nodemailer'
import { env } from './env.server'

export type Mail = {
  to: string
  subject: string
  /** Plain text; every mail has it. */
  text: string
  /** The same content as HTML; every value in it must already be escaped. */
  html: string
}

export type MailResult = { sent: true; messageId: string } | { sent: false; reason: 'not_configured' }

let transporter: Transporter | undefined
let transporterUrl: string | undefined

function transport(url: string): Transporter {
  // Reuse one pooled connection per SMTP_URL; tests may point the process at another server.
  if (!transporter || transporterUrl !== url) {
    transporter?.close()
    transporter = nodemailer.createTransport(url)
    transporterUrl = url
  }
  return transporter
}

/** Whether mail can go out at all; without SMTP the UI shows links for a person to hand over. */
export function isMailConfigured(): boolean {
  return !!env().SMTP_URL
}

/**
 * Sends one mail through SMTP_URL. Without SMTP configured nothing is sent and the caller shows
 * the link instead; an SMTP failure throws, so a job can be retried.
 */
export async function sendMail(mail: Mail): Promise<MailResult> {
  const url = env().SMTP_URL
  if (!url) return { sent: false, reason: 'not_configured' }
  const info = await transport(url).sendMail({ from: env().MAIL_FROM, ...mail })
  return { sent: true, messageId: info.messageId }
}

/** Escapes text for the HTML part of a mail. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
