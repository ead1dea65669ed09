// Two graphile-worker runners — as two app processes would run them — share one PostgreSQL
// queue: a waiting county gets the „jetzt verfügbar“ mail once, not twice, though both runners
// take up the announcement job at the same time, and again when it is queued once more.
import { randomBytes } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { quickAddJob } from 'graphile-worker'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counties, onlineServices, onlineServiceServices, services, statuses } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { startSmtpServer, type Inbox } from '../support/smtp'
import { startQueue } from '~/jobs/index.server'
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from '~/utils/db.server'

const adminUrl = process.env.TEST_DATABASE_URL

async function until(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 45_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Nicht eingetreten: ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe.runIf(adminUrl)('two job runners on one PostgreSQL database [postgres]', () => {
  const name = `ozg_test_${randomBytes(6).toString('hex')}`
  let url: string
  let handle: DatabaseHandle
  let inbox: Inbox
  const runners: { stop: () => Promise<void> }[] = []

  beforeAll(async () => {
    inbox = await startSmtpServer()
    process.env.SMTP_URL = inbox.url
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const u = new URL(adminUrl!)
    u.pathname = `/${name}`
    url = u.toString()
    handle = await openDatabase({ engine: 'postgres', url, max: 6 })
    useDatabase(handle)
    await seedDatabase(handle.db, { demo: true })
  })
  afterAll(async () => {
    for (const r of runners) await r.stop()
    await handle?.close()
    const dropper = postgres(adminUrl!, { max: 1, onnotice: () => {} })
    await dropper.unsafe(`drop database if exists ${name} with (force)`)
    await dropper.end()
    delete process.env.SMTP_URL
    await inbox?.close()
  })

  it('sends „jetzt verfügbar“ once per person of each waiting county', async () => {
    // Both start at once, as app processes behind a load balancer do: the queue's schema is
    // installed once.
    runners.push(...(await Promise.all([startQueue(url), startQueue(url)])))

    const db = handle.db
    const [celle] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03351'))
    const [harburg] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03353'))
    const [service] = await db.select({ id: services.id }).from(services).where(eq(services.ozgId, '10111'))
    const [efa] = await db.insert(onlineServices).values({ name: 'EfA Zwei Prozesse', kind: 'efa', availability: 'planned' }).returning({ id: onlineServices.id })
    await db.insert(onlineServiceServices).values({ onlineServiceId: efa.id, serviceId: service.id })
    await db.update(statuses).set({ pendingPlan: 'undecided' }).where(and(eq(statuses.serviceId, service.id), eq(statuses.pendingPlan, 'awaiting_efa')))
    await db
      .update(statuses)
      .set({ approach: 'pending', pendingPlan: 'awaiting_efa', stage: 'planned', onlineServiceId: null, connection: null })
      .where(and(eq(statuses.serviceId, service.id), eq(statuses.countyId, celle.id)))
    await db
      .update(statuses)
      .set({ approach: 'efa', pendingPlan: null, stage: 'planned', onlineServiceId: efa.id, connection: 'interest' })
      .where(and(eq(statuses.serviceId, service.id), eq(statuses.countyId, harburg.id)))

    await db.update(onlineServices).set({ availability: 'available' }).where(eq(onlineServices.id, efa.id))
    // Two jobs for the same work, without a job key: each runner takes one.
    await Promise.all([quickAddJob({ connectionString: url }, 'notification-events', {}), quickAddJob({ connectionString: url }, 'notification-events', {})])

    const subject = 'OZG-Radar: Jetzt verfügbar: EfA Zwei Prozesse'
    const sent = () => inbox.mails.filter((m) => m.subject === subject).length
    const queueIdle = async () => {
      const [row] = await queryRows<{ busy: number | string }>(
        db,
        sql`select count(*) as busy from graphile_worker.jobs where task_identifier in ('notification-events', 'send-mails') and (locked_at is not null or run_at <= now())`,
      )
      const [mail] = await queryRows<{ waiting: number | string }>(db, sql`select count(*) as waiting from notifications where mail_status in ('pending', 'sending')`)
      return Number(row.busy) === 0 && Number(mail.waiting) === 0
    }
    await until(async () => sent() >= 3 && (await queueIdle()), 'drei Mails verschickt und die Warteschlange leer')

    // Queued once more, on both runners: nobody is told twice.
    await Promise.all([quickAddJob({ connectionString: url }, 'notification-events', {}), quickAddJob({ connectionString: url }, 'notification-events', {})])
    await until(queueIdle, 'die Warteschlange ist wieder leer')

    for (const address of ['celle@demo.invalid', 'leitung@demo.invalid', 'harburg@demo.invalid']) {
      expect(inbox.to(address).filter((m) => m.subject === subject), address).toHaveLength(1)
    }
    expect(sent()).toBe(3)
    const [notices] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from now_available_notices where online_service_id = ${efa.id}`)
    expect(Number(notices.n)).toBe(2)
  })
})
