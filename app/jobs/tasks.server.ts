// The background tasks. Each one is a sweep over state kept in the database, safe to run twice
// or in two processes at once; the queue (graphile-worker on PostgreSQL, an in-process timer on
// PGlite) only decides when they run.
import {
  claimNextMail,
  createDigests,
  createStaleReminders,
  createTaskReminders,
  markMailFailed,
  markMailSent,
  processNotificationEvents,
  skipPendingMails,
} from '~/models/notification.server'
import { isMailConfigured, sendMail } from '~/utils/mail.server'
import { renderNotificationMail } from './mail-templates.server'

export type TaskName = 'notification-events' | 'digests' | 'send-mails'
export type TaskContext = {
  /** Asks for another task to run soon (once, however often asked). */
  enqueue: (task: TaskName) => Promise<void>
  now: Date
}

/** Sends every waiting mail; a failed one is tried again at a later run. Returns the number sent. */
export async function sendPendingMails(): Promise<number> {
  if (!isMailConfigured()) {
    await skipPendingMails()
    return 0
  }
  const failed: number[] = []
  let sent = 0
  for (;;) {
    const mail = await claimNextMail(failed)
    if (!mail) return sent
    try {
      await sendMail(renderNotificationMail(mail))
      await markMailSent(mail.id)
      sent++
    } catch (error) {
      failed.push(mail.id)
      await markMailFailed(mail.id, error instanceof Error ? error.message : String(error))
    }
  }
}

export const tasks: Record<TaskName, (ctx: TaskContext) => Promise<void>> = {
  'notification-events': async (ctx) => {
    if ((await processNotificationEvents()) > 0) await ctx.enqueue('send-mails')
  },
  digests: async (ctx) => {
    const created = (await createDigests(ctx.now)) + (await createStaleReminders(ctx.now)) + (await createTaskReminders(ctx.now))
    if (created > 0) await ctx.enqueue('send-mails')
  },
  'send-mails': async () => {
    await sendPendingMails()
  },
}

/**
 * When each task runs (cron syntax, minute hour day month weekday, UTC): the sweeps every
 * minute, the digests and reminders (stale rows, to-dos falling due) hourly — each run creates
 * what is due and not yet there.
 */
export const schedule: { task: TaskName; cron: string }[] = [
  { task: 'notification-events', cron: '* * * * *' },
  { task: 'send-mails', cron: '* * * * *' },
  { task: 'digests', cron: '5 * * * *' },
]
