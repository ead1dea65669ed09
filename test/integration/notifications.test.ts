// Notifications on both engines: which changes a subscription matches, the digest a subscribed
// editor receives at a real SMTP server, and „jetzt verfügbar“ reaching each waiting county
// once — however often and however concurrently its job runs.
import { and, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { counties, notifications, nowAvailableNotices, subscriptions, onlineServices, onlineServiceServices, services, statuses, tasks, users, vendors } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { describeEachEngine } from '../support/database'
import { startSmtpServer, type Inbox } from '../support/smtp'
import { NegotiationInput } from '~/domain/negotiation'
import type { DigestPayload, TaskReminderPayload } from '~/domain/notification'
import type { SessionUser } from '~/domain/permissions'
import { sendPendingMails } from '~/jobs/tasks.server'
import { getCountyKpis } from '~/models/summary.server'
import { addNegotiationComment, createNegotiation, updateNegotiation } from '~/models/negotiation.server'
import { createDigests, createStaleReminders, createTaskReminders, listNotifications, markNotificationsRead, countUnreadNotifications, notifyWaitingCounties, processNotificationEvents } from '~/models/notification.server'
import { applyStatusChanges } from '~/models/status.server'
import { saveNotificationSettings, subscribe, unsubscribe } from '~/models/subscription.server'
import { getDb, queryRows } from '~/utils/db.server'

let inbox: Inbox
beforeAll(async () => {
  inbox = await startSmtpServer()
  // Read once by env(): set before anything in this file asks for it.
  process.env.SMTP_URL = inbox.url
  process.env.MAIL_FROM = 'OZG-Radar Test <radar@test.invalid>'
})
afterAll(async () => {
  // Test files may share a worker process: leave no SMTP server configured for the next one.
  delete process.env.SMTP_URL
  delete process.env.MAIL_FROM
  await inbox?.close()
})

async function user(email: string): Promise<SessionUser> {
  const db = await getDb()
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyId: users.countyId, countyAgs: counties.ags })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.email, email))
  return u as SessionUser
}

async function countyId(ags: string) {
  const db = await getDb()
  const [c] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, ags))
  return c.id
}

/** One applicable row per condition, each of another service than the ones given. */
async function pickRow(where: ReturnType<typeof and>, notServices: number[]) {
  const db = await getDb()
  const [row] = await db
    .select({ id: statuses.id, serviceId: statuses.serviceId, onlineServiceId: statuses.onlineServiceId, fachverfahrenId: statuses.fachverfahrenId })
    .from(statuses)
    .where(and(where, ne(statuses.approach, 'not_applicable'), notServices.length ? sql`${statuses.serviceId} <> all(${`{${notServices.join(',')}}`}::int[])` : undefined))
    .orderBy(statuses.id)
    .limit(1)
  expect(row, 'the demo data has such a row').toBeDefined()
  return row
}

async function change(by: SessionUser, statusId: number, note: string, confirmOnly = false) {
  const db = await getDb()
  await db.transaction((tx) => applyStatusChanges(tx, [confirmOnly ? { statusId, set: {}, confirm: true } : { statusId, set: { note } }], { id: by.id }, { source: 'form' }))
}

const tomorrow = () => new Date(Date.now() + 86_400_000)
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000)

async function digestOf(userId: number) {
  const db = await getDb()
  return db.select({ title: notifications.title, payload: notifications.payload, mailStatus: notifications.mailStatus }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'digest')))
}

describeEachEngine(
  'notifications',
  ({ engine }) => {
    it('a digest lists exactly the changes that match each subscription, made by someone else', async () => {
      const [celle, leitung, harburg, admin, coordinator] = await Promise.all(
        ['celle@demo.invalid', 'leitung@demo.invalid', 'harburg@demo.invalid', 'admin@demo.invalid', 'koordination@demo.invalid'].map(user),
      )
      const [celleId, harburgId] = await Promise.all([countyId('03351'), countyId('03353')])
      const db = await getDb()
      const [{ id: third }] = await db
        .select({ id: counties.id })
        .from(counties)
        .where(and(eq(counties.isMember, true), sql`${counties.ags} not in ('03351', '03353')`))
        .orderBy(counties.ags)
        .limit(1)
      const noRefs = and(isNull(statuses.onlineServiceId), isNull(statuses.fachverfahrenId))
      const r1 = await pickRow(and(eq(statuses.countyId, celleId), noRefs), [])
      const own = await pickRow(and(eq(statuses.countyId, celleId), noRefs, ne(statuses.id, r1.id)), [r1.serviceId])
      const confirmed = await pickRow(and(eq(statuses.countyId, celleId), noRefs, ne(statuses.id, r1.id), ne(statuses.id, own.id)), [r1.serviceId, own.serviceId])
      const r2 = await pickRow(and(eq(statuses.countyId, harburgId), noRefs), [r1.serviceId, own.serviceId, confirmed.serviceId])
      const r3 = await pickRow(and(eq(statuses.countyId, third), isNotNull(statuses.onlineServiceId), isNull(statuses.fachverfahrenId)), [r1.serviceId, r2.serviceId, own.serviceId, confirmed.serviceId])
      const r4 = await pickRow(
        and(eq(statuses.countyId, third), isNotNull(statuses.fachverfahrenId), sql`${statuses.onlineServiceId} is distinct from ${r3.onlineServiceId}`),
        [r1.serviceId, r2.serviceId, r3.serviceId, own.serviceId, confirmed.serviceId],
      )
      const [r2Service] = await db.select({ ozgId: services.ozgId }).from(services).where(eq(services.id, r2.serviceId))
      const [vendor] = await queryRows<{ vendor_id: number }>(db, sql`select vendor_id from fachverfahren where id = ${r4.fachverfahrenId}`)

      // Subscriptions first: only changes after subscribing count.
      expect(await subscribe(celle, { intent: 'abo-anlegen', kind: 'county', kreis: '03351' })).toMatchObject({ ok: true })
      expect(await subscribe(leitung, { intent: 'abo-anlegen', kind: 'service', ozgId: r2Service.ozgId })).toMatchObject({ ok: true })
      expect(await subscribe(harburg, { intent: 'abo-anlegen', kind: 'online_service', onlineDienst: r3.onlineServiceId! })).toMatchObject({ ok: true })
      expect(await subscribe(admin, { intent: 'abo-anlegen', kind: 'vendor', hersteller: Number(vendor.vendor_id) })).toMatchObject({ ok: true })
      // Subscribing twice changes nothing; an unknown OZG-ID is a message at the field.
      expect(await subscribe(celle, { intent: 'abo-anlegen', kind: 'county', kreis: '03351' })).toMatchObject({ ok: true })
      expect(await subscribe(celle, { intent: 'abo-anlegen', kind: 'service', ozgId: '00000' })).toEqual({
        ok: false,
        field: 'ozgId',
        message: 'Eine Leistung mit der OZG-ID 00000 gibt es im Katalog nicht. Prüfen Sie die Nummer.',
      })
      for (const u of [celle, harburg, admin]) await saveNotificationSettings(u, { intent: 'abo-einstellungen', digest: 'daily', instantMail: true })
      await saveNotificationSettings(leitung, { intent: 'abo-einstellungen', digest: 'weekly', instantMail: true })

      await change(coordinator, r1.id, 'Geändert von der Koordination')
      await change(celle, own.id, 'Eigene Änderung')
      await change(coordinator, confirmed.id, '', true)
      await change(coordinator, r2.id, 'Harburg geändert')
      await change(coordinator, r3.id, 'Online-Dienst-Zeile geändert')
      await change(coordinator, r4.id, 'Fachverfahren-Zeile geändert')

      // Today's changes are in tomorrow's daily digest; a second run creates nothing new.
      expect(await createDigests(tomorrow())).toBe(3)
      expect(await createDigests(tomorrow())).toBe(0)
      // The weekly one comes after the week has ended.
      expect(await digestOf(leitung.id)).toEqual([])
      expect(await createDigests(inAWeek())).toBe(1)
      const [weekly] = await digestOf(leitung.id)
      expect(weekly.title).toMatch(/^Wöchentliche Zusammenfassung \d\d\.\d\d\.\d{4} bis \d\d\.\d\d\.\d{4}: 1 Änderung$/)

      const statusIdsOf = async (u: SessionUser) => {
        const [d] = await digestOf(u.id)
        const payload = d.payload as DigestPayload
        const rows = await db
          .select({ id: statuses.id, ags: counties.ags, ozgId: services.ozgId })
          .from(statuses)
          .innerJoin(counties, eq(counties.id, statuses.countyId))
          .innerJoin(services, eq(services.id, statuses.serviceId))
          .where(inArray(statuses.id, [r1.id, own.id, confirmed.id, r2.id, r3.id, r4.id]))
        return payload.items.map((i) => rows.find((r) => r.ags === i.ags && r.ozgId === i.ozgId)!.id)
      }
      expect(await statusIdsOf(celle)).toEqual([r1.id])
      expect(await statusIdsOf(leitung)).toEqual([r2.id])
      expect(await statusIdsOf(harburg)).toEqual([r3.id])
      expect(await statusIdsOf(admin)).toEqual([r4.id])
      expect(await digestOf(coordinator.id)).toEqual([])
    })

    it('the subscribed editor receives the digest at the SMTP server, listing the other user’s change', async () => {
      const celle = await user('celle@demo.invalid')
      expect(await sendPendingMails()).toBe(4)
      const mails = inbox.to('celle@demo.invalid')
      const digest = mails.at(-1)!
      expect(digest.subject).toMatch(/^OZG-Radar: Tägliche Zusammenfassung vom \d\d\.\d\d\.\d{4}: 1 Änderung$/)
      expect(digest.from?.text).toContain('radar@test.invalid')
      expect(digest.text).toContain('Celle (03351)')
      expect(digest.text).toContain('Demo Koordination')
      expect(digest.text).toContain('Notiz: – → Geändert von der Koordination')
      expect(digest.text).not.toContain('Eigene Änderung')
      expect(digest.html).toContain('Notiz: – → Geändert von der Koordination')
      // The same message is in the in-app list, unread until marked.
      const { items } = await listNotifications(celle.id)
      expect(items[0].title).toBe(digest.subject!.replace('OZG-Radar: ', ''))
      expect(await countUnreadNotifications(celle.id)).toBe(1)
      expect(await markNotificationsRead(celle, items[0].id)).toBe(1)
      expect(await countUnreadNotifications(celle.id)).toBe(0)
      // Sent once: the next run finds nothing to send.
      expect(await sendPendingMails()).toBe(0)
      inbox.mails.length = 0
    })

    it('a user changes only their own subscriptions and notifications, and every change is audited', async () => {
      const [celle, harburg] = await Promise.all([user('celle@demo.invalid'), user('harburg@demo.invalid')])
      const db = await getDb()
      const [theirs] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.userId, harburg.id))
      expect(await unsubscribe(celle, theirs.id)).toBe(false)
      const [theirNotification] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, harburg.id), isNull(notifications.readAt)))
      expect(await markNotificationsRead(celle, theirNotification.id)).toBe(0)
      expect(await countUnreadNotifications(harburg.id)).toBeGreaterThan(0)

      const [own] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.userId, celle.id))
      expect(await unsubscribe(celle, own.id)).toBe(true)
      expect(await unsubscribe(celle, own.id)).toBe(false)
      const audit = await queryRows<{ action: string; entity: string }>(db, sql`select action, entity from audit_log where user_id = ${celle.id} and entity in ('subscription', 'notification_settings', 'notification') order by id`)
      expect(audit).toEqual([
        { action: 'create', entity: 'subscription' },
        { action: 'update', entity: 'notification_settings' },
        { action: 'mark_read', entity: 'notification' },
        { action: 'delete', entity: 'subscription' },
      ])
      // Subscribed again for the tests below.
      await subscribe(celle, { intent: 'abo-anlegen', kind: 'county', kreis: '03351' })
    })

    it('editors are reminded once a week of their county’s rows not confirmed for 180 days, as the KPIs count them', async () => {
      const { counties: kpis } = await getCountyKpis()
      const expected = ['celle@demo.invalid', 'harburg@demo.invalid'].map(async (email) => {
        const u = await user(email)
        return { u, stale: kpis.find((k) => k.ags === u.countyAgs)!.stale }
      })
      const editors = await Promise.all(expected)
      expect(editors.every((e) => e.stale > 0)).toBe(true)
      expect(await createStaleReminders()).toBe(2)
      expect(await createStaleReminders()).toBe(0)
      const db = await getDb()
      for (const { u, stale } of editors) {
        const rows = await db.select({ payload: notifications.payload, link: notifications.link }).from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'stale_reminder')))
        expect(rows).toHaveLength(1)
        expect(rows[0].payload).toMatchObject({ ags: u.countyAgs, stale, staleAfterDays: 180 })
        expect(rows[0].link).toBe(`/kreise/${u.countyAgs}?veraltet=ja`)
      }
      // The viewer and the coordinator are not editors of a county.
      const [{ n }] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from notifications where kind = 'stale_reminder'`)
      expect(Number(n)).toBe(2)
      await sendPendingMails()
      const reminder = inbox.to('harburg@demo.invalid').find((m) => m.subject?.startsWith('OZG-Radar: Erinnerung:'))!
      expect(reminder.text).toContain('seit mehr als 180 Tagen nicht bestätigt')
      expect(reminder.text).toContain('/kreise/03353?veraltet=ja')
      inbox.mails.length = 0
    })

    it('„jetzt verfügbar“ reaches each waiting county once, even when the job runs twice at once', async () => {
      const db = await getDb()
      const [celleId, harburgId] = await Promise.all([countyId('03351'), countyId('03353')])
      // A service that no county row waits for yet, and a new EfA service for it, in development.
      const [service] = await db.select({ id: services.id, ozgId: services.ozgId }).from(services).where(eq(services.ozgId, '10110'))
      const [efa] = await db.insert(onlineServices).values({ name: 'EfA Testdienst Verfügbarkeit', kind: 'efa', availability: 'in_development' }).returning({ id: onlineServices.id })
      await db.insert(onlineServiceServices).values({ onlineServiceId: efa.id, serviceId: service.id })
      await db.update(statuses).set({ pendingPlan: 'undecided' }).where(and(eq(statuses.serviceId, service.id), eq(statuses.pendingPlan, 'awaiting_efa')))
      // Celle waits for an EfA service; Harburg has agreed to connect to this one.
      await db
        .update(statuses)
        .set({ approach: 'pending', pendingPlan: 'awaiting_efa', stage: 'planned', onlineServiceId: null, connection: null })
        .where(and(eq(statuses.serviceId, service.id), eq(statuses.countyId, celleId)))
      await db
        .update(statuses)
        .set({ approach: 'efa', pendingPlan: null, stage: 'planned', onlineServiceId: efa.id, connection: 'agreement' })
        .where(and(eq(statuses.serviceId, service.id), eq(statuses.countyId, harburgId)))

      // Nothing is announced while the service is in development.
      expect(await processNotificationEvents()).toBe(0)
      await db.update(onlineServices).set({ availability: 'available' }).where(eq(onlineServices.id, efa.id))

      const [first, second] = await Promise.all([processNotificationEvents(), processNotificationEvents()])
      expect(first + second).toBe(2)
      // Even the inner step run again, twice at once, past the event's lock, adds nobody.
      const [event] = await queryRows<{ id: number }>(db, sql`select id from notification_events where online_service_id = ${efa.id}`)
      expect(await Promise.all([notifyWaitingCounties(Number(event.id)), notifyWaitingCounties(Number(event.id))])).toEqual([0, 0])
      expect(await processNotificationEvents()).toBe(0)

      const notices = await db.select({ countyId: nowAvailableNotices.countyId }).from(nowAvailableNotices).where(eq(nowAvailableNotices.onlineServiceId, efa.id))
      expect(notices.map((n) => n.countyId).sort()).toEqual([celleId, harburgId].sort())

      await Promise.all([sendPendingMails(), sendPendingMails()])
      const subject = 'OZG-Radar: Jetzt verfügbar: EfA Testdienst Verfügbarkeit'
      // Everyone of the two counties: Celle's editor and its management, Harburg's editor.
      for (const address of ['celle@demo.invalid', 'leitung@demo.invalid', 'harburg@demo.invalid']) {
        expect(inbox.to(address).filter((m) => m.subject === subject), address).toHaveLength(1)
      }
      expect(inbox.mails.filter((m) => m.subject === subject)).toHaveLength(3)
      const celleMail = inbox.to('celle@demo.invalid').find((m) => m.subject === subject)!
      expect(celleMail.text).toContain('Celle (03351) wartet darauf bei dieser Leistung:')
      expect(celleMail.text).toContain(`${service.ozgId} `)

      // Back in development and available again: a new event, a new notice.
      await db.update(onlineServices).set({ availability: 'in_development' }).where(eq(onlineServices.id, efa.id))
      await db.update(onlineServices).set({ availability: 'available' }).where(eq(onlineServices.id, efa.id))
      expect(await processNotificationEvents()).toBe(2)
    })
    it('the owners of a to-do are reminded once when it falls due and once more when overdue; a done one never', async () => {
      const [celle, harburg, coordinator] = await Promise.all(['celle@demo.invalid', 'harburg@demo.invalid', 'koordination@demo.invalid'].map(user))
      const celleId = await countyId('03351')
      const db = await getDb()
      // German calendar days, as the sweep counts them.
      const [days] = await queryRows<{ soon: string; later: string; tomorrow: string }>(
        db,
        sql`select to_char((now() at time zone 'Europe/Berlin')::date + 2, 'YYYY-MM-DD') as soon,
                   to_char((now() at time zone 'Europe/Berlin')::date + 10, 'YYYY-MM-DD') as later,
                   to_char((now() at time zone 'Europe/Berlin')::date + 1, 'YYYY-MM-DD') as tomorrow`,
      )
      // Whatever the demo data's own to-dos bring is reminded first, so the counts below are ours.
      await createTaskReminders()
      const [due, later, done] = await db
        .insert(tasks)
        .values([
          // Owned by Celle and by Harburg's editor as a person: both are reminded.
          { title: 'Angebot prüfen', ownerCountyId: celleId, ownerUserId: harburg.id, dueDate: days.soon, createdBy: coordinator.id },
          { title: 'Später fällig', ownerCountyId: celleId, dueDate: days.later, createdBy: coordinator.id },
          { title: 'Schon erledigt', ownerCountyId: celleId, ownerUserId: harburg.id, dueDate: days.tomorrow, createdBy: coordinator.id, doneAt: new Date(), doneBy: celle.id },
        ])
        .returning({ id: tasks.id })
      const remindersOf = async (taskId: number) => {
        const rows = await db
          .select({ userId: notifications.userId, payload: notifications.payload, link: notifications.link, title: notifications.title })
          .from(notifications)
          .where(and(eq(notifications.kind, 'task_reminder'), sql`(${notifications.payload} ->> 'taskId')::int = ${taskId}`))
          .orderBy(notifications.id)
        return rows.map((r) => ({ ...r, payload: r.payload as TaskReminderPayload }))
      }

      // Two processes sweeping at once, then once more: each owner is reminded once.
      const [first, second] = await Promise.all([createTaskReminders(), createTaskReminders()])
      expect(first + second).toBe(2)
      expect(await createTaskReminders()).toBe(0)
      const soon = await remindersOf(due.id)
      expect(soon.map((r) => r.userId).sort()).toEqual([celle.id, harburg.id].sort())
      expect(soon.every((r) => r.payload.stage === 'due_soon' && r.link === '/aufgaben')).toBe(true)
      expect(soon[0].title).toBe(`Aufgabe fällig am ${days.soon.split('-').reverse().join('.')}: Angebot prüfen`)
      expect(await remindersOf(later.id)).toEqual([])

      // Three days on, the first to-do is overdue: one more reminder each, once.
      const threeDaysOn = new Date(Date.now() + 3 * 86_400_000)
      expect(await Promise.all([createTaskReminders(threeDaysOn), createTaskReminders(threeDaysOn)]).then(([a, b]) => a + b)).toBe(2)
      expect(await createTaskReminders(threeDaysOn)).toBe(0)
      const all = await remindersOf(due.id)
      expect(all.filter((r) => r.payload.stage === 'overdue').map((r) => r.userId).sort()).toEqual([celle.id, harburg.id].sort())
      expect(all).toHaveLength(4)
      // The one done before it fell due never reminds anyone, however late.
      expect(await createTaskReminders(new Date(Date.now() + 30 * 86_400_000))).toBeGreaterThan(0)
      expect(await remindersOf(done.id)).toEqual([])

      // Instant mails: one per reminder, in German, with the link to the to-dos.
      await sendPendingMails()
      const mails = inbox.to('harburg@demo.invalid').filter((m) => m.subject?.startsWith('OZG-Radar: Aufgabe'))
      expect(mails.filter((m) => m.subject?.endsWith('Angebot prüfen')).map((m) => m.subject?.replace(/\d\d\.\d\d\.\d{4}/, 'DATUM'))).toEqual([
        'OZG-Radar: Aufgabe fällig am DATUM: Angebot prüfen',
        'OZG-Radar: Aufgabe überfällig seit DATUM: Angebot prüfen',
      ])
      const overdue = mails.find((m) => m.subject?.includes('überfällig') && m.subject.endsWith('Angebot prüfen'))!
      expect(overdue.text).toContain('die Aufgabe „Angebot prüfen“ (verantwortlich: Celle) war am')
      expect(overdue.text).toContain('/aufgaben')
      expect(overdue.html).toContain('Zu den Aufgaben')
      expect(mails.some((m) => m.subject?.includes('Schon erledigt'))).toBe(false)
      inbox.mails.length = 0
    })

    it('a subscribed negotiation puts the changes of others in the digest, not the subscriber’s own', async () => {
      const [celle, coordinator] = await Promise.all(['celle@demo.invalid', 'koordination@demo.invalid'].map(user))
      const db = await getDb()
      const [vendor] = await db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(vendors.id).limit(1)
      const form = { hersteller: String(vendor.id), schnittstellenstandard: 'Testschnittstelle Digest', kreise: '03351', stufe: '', federfuehrung_kreis: '', federfuehrung_person: '', naechster_schritt: '', faellig: '', notiz: '' }
      const created = await createNegotiation(NegotiationInput.parse(form), coordinator)
      const other = await createNegotiation(NegotiationInput.parse({ ...form, schnittstellenstandard: 'Nicht abonniert' }), coordinator)
      if (!created.ok || !other.ok) throw new Error('the negotiations were not created')

      expect(await subscribe(coordinator, { intent: 'abo-anlegen', kind: 'negotiation', verhandlung: created.id })).toEqual({ ok: true, label: `${vendor.name} – Testschnittstelle Digest` })
      expect(await subscribe(coordinator, { intent: 'abo-anlegen', kind: 'negotiation', verhandlung: 999_999 })).toMatchObject({ ok: false, field: 'verhandlung' })
      await saveNotificationSettings(coordinator, { intent: 'abo-einstellungen', digest: 'daily', instantMail: true })

      // Celle takes part and comments; the coordinator's own change and the other negotiation do not count.
      expect(await addNegotiationComment(created.id, 'Celle ist einverstanden.', celle)).toBe(true)
      expect(await addNegotiationComment(other.id, 'Anderswo.', celle)).toBe(true)
      expect(await updateNegotiation(created.id, NegotiationInput.parse({ ...form, notiz: 'Eigene Notiz' }), coordinator)).toMatchObject({ ok: true })

      await createDigests(tomorrow())
      expect(await digestOf(coordinator.id)).toHaveLength(1)
      const [digest] = await digestOf(coordinator.id)
      const payload = digest.payload as DigestPayload
      expect(digest.title).toMatch(/: 1 Änderung$/)
      expect(payload.items).toEqual([])
      expect(payload.negotiations).toEqual([
        expect.objectContaining({ negotiationId: created.id, title: `${vendor.name} – Testschnittstelle Digest`, byName: 'Demo E-Government Celle', line: 'Kommentar geschrieben' }),
      ])

      await sendPendingMails()
      const [mail] = inbox.to('koordination@demo.invalid')
      expect(mail.text).toContain(`Verhandlung ${vendor.name} – Testschnittstelle Digest`)
      expect(mail.text).toContain('  - Kommentar geschrieben')
      expect(mail.text).toContain(`/verhandlungen/${created.id}`)
      expect(mail.text).not.toContain('Nicht abonniert')
      expect(mail.html).toContain(`/verhandlungen/${created.id}`)
      inbox.mails.length = 0
    })
  },
  async () => seedDatabase(await getDb(), { demo: true }),
)
