// A meeting's agenda, decisions (Beschlüsse) and to-dos (Aufgaben). The coordination writes them;
// an editor marks their own to-dos done. Every write leaves an audit record.
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { agendaItems, auditLog, counties, decisions, meetings, negotiations, onlineServices, services, tasks, users } from '../../db/schema'
import { canCompleteTask, type SessionUser } from '~/domain/permissions'
import type { AgendaItemInput, DecisionInput, TaskInput } from '~/domain/task'
import { getDb, type Tx } from '~/utils/db.server'
import { pick } from './columns.server'
import { listPeople } from './negotiation.server'

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Partial<Record<string, string>> }

const personName = (id: unknown) => sql<string | null>`(select coalesce(nullif(name, ''), email) from users where id = ${id})`

export async function listAgenda(meetingId: number) {
  const db = await getDb()
  return db
    .select({
      ...pick(agendaItems, 'id', 'position', 'title', 'note'),
      serviceOzgId: services.ozgId,
      serviceName: services.name,
      onlineServiceId: onlineServices.id,
      onlineServiceName: onlineServices.name,
      negotiationId: agendaItems.negotiationId,
      negotiationTitle: sql<string | null>`(select concat_ws(' – ', v.name, f.name, n.interface_standard) from negotiations n
        join vendors v on v.id = n.vendor_id left join fachverfahren f on f.id = n.fachverfahren_id where n.id = ${agendaItems.negotiationId})`,
    })
    .from(agendaItems)
    .leftJoin(services, eq(services.id, agendaItems.serviceId))
    .leftJoin(onlineServices, eq(onlineServices.id, agendaItems.onlineServiceId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
}

export async function addAgendaItem(meetingId: number, input: AgendaItemInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    if (!(await meetingExists(tx, meetingId))) return null
    const errors: Partial<Record<string, string>> = {}
    let serviceId: number | null = null
    if (input.serviceOzgId) {
      const [service] = await tx.select({ id: services.id }).from(services).where(eq(services.ozgId, input.serviceOzgId))
      if (service) serviceId = service.id
      else errors.top_leistung = `Eine Leistung mit der OZG-ID ${input.serviceOzgId} gibt es nicht.`
    }
    if (input.onlineServiceId) {
      const [os] = await tx.select({ id: onlineServices.id }).from(onlineServices).where(eq(onlineServices.id, input.onlineServiceId))
      if (!os) errors.top_online_dienst = 'Diesen Online-Dienst gibt es nicht. Wählen Sie einen aus der Liste.'
    }
    if (input.negotiationId) {
      const [n] = await tx.select({ id: negotiations.id }).from(negotiations).where(eq(negotiations.id, input.negotiationId))
      if (!n) errors.top_verhandlung = 'Diese Verhandlung gibt es nicht. Wählen Sie eine aus der Liste.'
    }
    if (Object.keys(errors).length) return { ok: false as const, errors }
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${agendaItems.position}), 0) + 1`.mapWith(Number) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
    const row = { meetingId, position: next, title: input.title, serviceId, onlineServiceId: input.onlineServiceId, negotiationId: input.negotiationId, note: input.note }
    const [created] = await tx.insert(agendaItems).values({ ...row, createdBy: by.id }).returning({ id: agendaItems.id })
    await tx.insert(auditLog).values({ userId: by.id, action: 'create', entity: 'agenda_item', entityId: String(created.id), details: row })
    return { ok: true as const, id: created.id }
  })
}

async function meetingExists(tx: Tx, meetingId: number) {
  const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId))
  return !!meeting
}

async function agendaItemOf(tx: Tx, meetingId: number, id: number | null) {
  if (id === null) return true
  const [item] = await tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, id), eq(agendaItems.meetingId, meetingId)))
  return !!item
}

export async function listDecisions(meetingId: number) {
  const db = await getDb()
  return db
    .select({ id: decisions.id, text: decisions.text, agendaItemId: decisions.agendaItemId, agendaPosition: agendaItems.position, createdAt: decisions.createdAt })
    .from(decisions)
    .leftJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
    .where(eq(decisions.meetingId, meetingId))
    .orderBy(asc(decisions.createdAt), asc(decisions.id))
}

export async function addDecision(meetingId: number, input: DecisionInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    if (!(await meetingExists(tx, meetingId))) return null
    if (!(await agendaItemOf(tx, meetingId, input.agendaItemId))) {
      return { ok: false as const, errors: { beschluss_top: 'Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.' } }
    }
    const [created] = await tx.insert(decisions).values({ meetingId, ...input, createdBy: by.id }).returning({ id: decisions.id })
    await tx.insert(auditLog).values({ userId: by.id, action: 'create', entity: 'decision', entityId: String(created.id), details: { meetingId, ...input } })
    return { ok: true as const, id: created.id }
  })
}

const taskColumns = {
  id: tasks.id,
  title: tasks.title,
  dueDate: tasks.dueDate,
  doneAt: tasks.doneAt,
  ownerCountyId: tasks.ownerCountyId,
  ownerUserId: tasks.ownerUserId,
  ownerCounty: counties.name,
  ownerCountyAgs: counties.ags,
  ownerUser: personName(tasks.ownerUserId),
  meetingId: tasks.meetingId,
  meetingTitle: meetings.title,
  meetingHeldOn: meetings.heldOn,
}

export async function listTasksOfMeeting(meetingId: number) {
  const db = await getDb()
  return db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(counties, eq(counties.id, tasks.ownerCountyId))
    .leftJoin(meetings, eq(meetings.id, tasks.meetingId))
    .where(eq(tasks.meetingId, meetingId))
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
}
export type TaskRow = Awaited<ReturnType<typeof listTasksOfMeeting>>[number]

/** Open to-dos, by owner (county, then person) and due date. */
export async function listOpenTasks() {
  const db = await getDb()
  return db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(counties, eq(counties.id, tasks.ownerCountyId))
    .leftJoin(meetings, eq(meetings.id, tasks.meetingId))
    .where(isNull(tasks.doneAt))
    .orderBy(sql`${counties.name} asc nulls last`, sql`${personName(tasks.ownerUserId)} asc nulls last`, asc(tasks.dueDate), asc(tasks.id))
}

export async function createTask(meetingId: number, input: TaskInput, by: SessionUser): Promise<SaveResult | null> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    if (!(await meetingExists(tx, meetingId))) return null
    const errors: Partial<Record<string, string>> = {}
    let ownerCountyId: number | null = null
    if (input.ownerCountyAgs) {
      const [county] = await tx.select({ id: counties.id, isMember: counties.isMember }).from(counties).where(eq(counties.ags, input.ownerCountyAgs))
      if (!county?.isMember) errors.verantwortlich_kreis = `Der Kreis ${input.ownerCountyAgs} gehört nicht zur Community. Wählen Sie einen Mitgliedskreis.`
      else ownerCountyId = county.id
    }
    if (input.ownerUserId !== null) {
      const [person] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.ownerUserId), eq(users.isActive, true)))
      if (!person) errors.verantwortlich_person = 'Diese Person gibt es nicht (mehr). Wählen Sie eine aus der Liste.'
    }
    if (!(await agendaItemOf(tx, meetingId, input.agendaItemId))) errors.aufgabe_top = 'Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.'
    if (Object.keys(errors).length) return { ok: false as const, errors }
    const row = { meetingId, agendaItemId: input.agendaItemId, title: input.title, ownerCountyId, ownerUserId: input.ownerUserId, dueDate: input.dueDate }
    const [created] = await tx.insert(tasks).values({ ...row, createdBy: by.id }).returning({ id: tasks.id })
    await tx.insert(auditLog).values({ userId: by.id, action: 'create', entity: 'task', entityId: String(created.id), details: row })
    return { ok: true as const, id: created.id }
  })
}

export type CompleteResult = 'done' | 'not_found' | 'forbidden' | 'already_done'

/** Marks a to-do done (or open again with `done = false`), if the user may. */
export async function setTaskDone(id: number, done: boolean, by: SessionUser): Promise<CompleteResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [task] = await tx
      .select({ ownerCountyId: tasks.ownerCountyId, ownerUserId: tasks.ownerUserId, doneAt: tasks.doneAt })
      .from(tasks)
      .where(eq(tasks.id, id))
      .for('update')
    if (!task) return 'not_found'
    if (!canCompleteTask(by, task)) return 'forbidden'
    if ((task.doneAt !== null) === done) return 'already_done'
    await tx.update(tasks).set(done ? { doneAt: new Date(), doneBy: by.id } : { doneAt: null, doneBy: null }).where(eq(tasks.id, id))
    await tx.insert(auditLog).values({ userId: by.id, action: done ? 'done' : 'reopen', entity: 'task', entityId: String(id), details: null })
    return 'done'
  })
}

/** What the agenda, decision and to-do forms offer to choose from. */
export async function getMeetingFormOptions() {
  const db = await getDb()
  const [countyRows, people, onlineServiceRows, negotiationRows] = await Promise.all([
    db.select({ ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)).orderBy(asc(counties.name)),
    listPeople(),
    db.select({ id: onlineServices.id, name: onlineServices.name }).from(onlineServices).orderBy(asc(onlineServices.name)),
    db
      .select({
        id: negotiations.id,
        title: sql<string>`(select concat_ws(' – ', v.name, f.name, ${negotiations.interfaceStandard}) from vendors v left join fachverfahren f on f.id = ${negotiations.fachverfahrenId} where v.id = ${negotiations.vendorId})`,
      })
      .from(negotiations)
      .orderBy(asc(negotiations.id)),
  ])
  return { counties: countyRows, people, onlineServices: onlineServiceRows, negotiations: negotiationRows }
}
export type MeetingFormOptions = Awaited<ReturnType<typeof getMeetingFormOptions>>
