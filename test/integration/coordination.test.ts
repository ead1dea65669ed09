// Negotiations, agenda, decisions and to-dos on the demo community, both engines: what is stored,
// what is refused (German message at the field, nothing stored), who may do what, and what
// carries over into the next meeting's report.
import { and, eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { auditLog, counties, fachverfahren, negotiationDocuments, negotiations, tasks, users, vendors } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { describeEachEngine } from '../support/database'
import { checkDocument, contentDisposition, MAX_DOCUMENT_BYTES, NegotiationInput, NegotiationOfferInput, sniffDocument } from '~/domain/negotiation'
import type { SessionUser } from '~/domain/permissions'
import { todayIso } from '~/domain/status'
import { TaskInput } from '~/domain/task'
import { createMeeting, getMeeting, getMeetingDecisions, getMeetingReport } from '~/models/meeting.server'
import { addNegotiationComment, addNegotiationDocument, createNegotiation, getNegotiation, setNegotiationOffer, updateNegotiation } from '~/models/negotiation.server'
import { createSession } from '~/models/session.server'
import { addDecision, createTask, listOpenTasks, setTaskDone } from '~/models/task.server'
import { getDb } from '~/utils/db.server'
import { action as negotiationAction } from '~/routes/verhandlungen.$id/route'
import { action as negotiationsAction } from '~/routes/verhandlungen._index'
import { action as tasksAction } from '~/routes/aufgaben'
import { action as meetingAction } from '~/routes/sitzungen.$id/route'

/** The HTTP status an action answers with, whether returned or thrown. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = (await run()) as { status?: number; init?: { status?: number } } | Response
    if (result instanceof Response) return result.status
    return result?.init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    const t = thrown as { init?: { status?: number } }
    if (t?.init?.status) return t.init.status
    throw thrown
  }
}

async function post(path: string, email: string, body: Record<string, string | string[]>) {
  const user = await sessionUser(email)
  const { token } = await createSession(user.id)
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body: form,
    headers: { Cookie: `ozg_session=${encodeURIComponent(token)}`, Origin: 'http://localhost', Host: 'localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
  })
}

async function sessionUser(email: string): Promise<SessionUser> {
  const db = await getDb()
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyId: users.countyId, countyAgs: counties.ags })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.email, email))
  return { ...u, role: u.role as SessionUser['role'] }
}

function addDays(days: number) {
  const d = new Date(`${todayIso()}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const german = (iso: string) => iso.split('-').reverse().join('.')

async function baupilot() {
  const db = await getDb()
  const [row] = await db
    .select({ vendorId: vendors.id, fachverfahrenId: fachverfahren.id })
    .from(fachverfahren)
    .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId))
    .where(eq(fachverfahren.name, 'BauAkte Kommunal'))
  return row
}

async function memberAgs(count: number) {
  const db = await getDb()
  const rows = await db.select({ ags: counties.ags }).from(counties).where(eq(counties.isMember, true)).orderBy(counties.ags).limit(count)
  return rows.map((r) => r.ags)
}

const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')

describeEachEngine(
  'coordination: negotiations, decisions and to-dos',
  () => {
    it('sniffs document types by content and names the allowed ones in German', () => {
      expect(sniffDocument(pdf)).toBe('pdf')
      expect(sniffDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png')
      expect(sniffDocument(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
      expect(sniffDocument(new TextEncoder().encode('Protokoll der Sitzung\r\nÄnderungen'))).toBe('txt')
      expect(sniffDocument(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBeNull()
      expect(checkDocument('angebot.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toEqual({ ok: false, message: 'Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, TXT.' })
      expect(checkDocument('angebot.txt', pdf)).toMatchObject({ ok: false, message: expect.stringContaining('Der Inhalt der Datei ist PDF') })
      const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1)
      big.set(pdf)
      expect(checkDocument('gross.pdf', big)).toEqual({ ok: false, message: 'Die Datei ist zu groß. Erlaubt sind höchstens 10 MB.' })
      expect(checkDocument('C:\\Temp\\Angebot "Bau".pdf', pdf)).toEqual({ ok: true, kind: 'pdf', fileName: 'Angebot Bau.pdf' })
      expect(contentDisposition('Angebot für Celle.pdf')).toBe(`attachment; filename="Angebot fur Celle.pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20Celle.pdf`)
    })

    it('refuses a negotiation with a county outside the community at the field, storing nothing', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const { vendorId, fachverfahrenId } = await baupilot()
      const db = await getDb()
      const [outsider] = await db.select({ ags: counties.ags }).from(counties).where(eq(counties.isMember, false)).limit(1)
      const inside = await memberAgs(2)
      const ags = [...inside, outsider?.ags ?? '09162']
      const input = NegotiationInput.parse({ hersteller: String(vendorId), fachverfahren: String(fachverfahrenId), kreise: ags, stufe: 'angefragt' })
      const before = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(negotiations)
      const result = await createNegotiation(input, coordinator)
      expect(result).toEqual({ ok: false, errors: { kreise: `Der Kreis ${ags[2]} gehört nicht zur Community. An einer Verhandlung nehmen nur Mitgliedskreise teil.` } })
      const after = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(negotiations)
      expect(after[0].n).toBe(before[0].n)
      // Form-level rules: a subject is needed; the lead county takes part.
      const noSubject = NegotiationInput.safeParse({ hersteller: String(vendorId), kreise: inside })
      expect(noSubject.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['fachverfahren', 'Wählen Sie ein Fachverfahren oder geben Sie einen Schnittstellenstandard an.']])
      const noCounty = NegotiationInput.safeParse({ hersteller: String(vendorId), fachverfahren: String(fachverfahrenId) })
      expect(noCounty.error?.issues[0].message).toBe('Wählen Sie mindestens einen Kreis, der an der Verhandlung teilnimmt.')
    })

    it('keeps one negotiation per vendor × Fachverfahren, audits every change, lets participants comment', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const celle = await sessionUser('celle@demo.invalid')
      const harburg = await sessionUser('harburg@demo.invalid')
      const viewer = await sessionUser('leitung@demo.invalid')
      const { vendorId, fachverfahrenId } = await baupilot()
      const input = NegotiationInput.parse({
        hersteller: String(vendorId),
        fachverfahren: String(fachverfahrenId),
        kreise: ['03351', ...(await memberAgs(4)).filter((a) => a !== '03351' && a !== '03353')].slice(0, 4),
        stufe: 'vorbereitung',
        federfuehrung_kreis: '03351',
        faellig: german(addDays(5)),
      })
      const created = await createNegotiation(input, coordinator)
      expect(created.ok).toBe(true)
      const id = (created as { id: number }).id
      expect(await createNegotiation(input, coordinator)).toMatchObject({ ok: false, errors: { fachverfahren: expect.stringContaining('gibt es schon eine Verhandlung') } })
      expect(await updateNegotiation(id, { ...input, stage: 'offer_received' }, coordinator)).toEqual({ ok: true, id })

      expect(await addNegotiationComment(id, 'Celle ist dabei.', celle)).toBe(true)
      expect(await addNegotiationComment(id, 'Harburg nimmt nicht teil.', harburg)).toBe(false)
      expect(await addNegotiationComment(id, 'Nur lesen.', viewer)).toBe(false)
      await addNegotiationDocument(id, { fileName: 'angebot.pdf', kind: 'pdf', bytes: pdf }, coordinator)
      const offer = NegotiationOfferInput.parse({ kreis: '03351', angebot: 'Schnittstelle XBau', preis_einmalig: '12.500,00', preis_jaehrlich: '1200' })
      expect(await setNegotiationOffer(id, offer, coordinator)).toEqual({ ok: true, id })
      expect(await setNegotiationOffer(id, { ...offer, countyAgs: '03353' }, coordinator)).toEqual({ ok: false, errors: { kreis: 'Dieser Kreis nimmt an der Verhandlung nicht teil.' } })

      const detail = (await getNegotiation(id))!
      expect(detail.participants).toHaveLength(4)
      expect(detail.leadCountyAgs).toBe('03351')
      expect(detail.comments.map((c) => c.body)).toEqual(['Celle ist dabei.'])
      expect(detail.documents.map((d) => [d.fileName, d.contentType, d.size])).toEqual([['angebot.pdf', 'application/pdf', pdf.byteLength]])
      expect(detail.participants.find((p) => p.ags === '03351')).toMatchObject({ offer: 'Schnittstelle XBau', priceOneOff: '12500.00', priceAnnual: '1200.00' })
      expect(detail.history.map((h) => h.action).sort()).toEqual(['comment', 'create', 'document', 'offer', 'update'])
      expect(detail.history.find((h) => h.action === 'update')!.details).toEqual({ stage: { from: 'preparing', to: 'offer_received' } })
      const db = await getDb()
      const [stored] = await db.select({ content: negotiationDocuments.content }).from(negotiationDocuments).where(eq(negotiationDocuments.negotiationId, id))
      expect(new TextDecoder().decode(stored.content)).toBe('%PDF-1.4\n%%EOF\n')
    })

    it('authorises on the server: viewers and editors cannot create or change negotiations, meetings or other counties’ to-dos', async () => {
      const { vendorId, fachverfahrenId } = await baupilot()
      const create = { hersteller: String(vendorId), fachverfahren: String(fachverfahrenId), kreise: ['03351'], stufe: 'vorbereitung' }
      for (const email of ['leitung@demo.invalid', 'celle@demo.invalid']) {
        expect(await statusOf(async () => negotiationsAction({ request: await post('/verhandlungen', email, create), params: {}, context: {} }))).toBe(403)
      }
      const db = await getDb()
      const [n] = await db.select({ id: negotiations.id }).from(negotiations).limit(1)
      const edit = { ...create, intent: 'bearbeiten' }
      expect(await statusOf(async () => negotiationAction({ request: await post(`/verhandlungen/${n.id}`, 'celle@demo.invalid', edit), params: { id: String(n.id) }, context: {} }))).toBe(403)
      expect(
        await statusOf(async () => negotiationAction({ request: await post(`/verhandlungen/${n.id}`, 'leitung@demo.invalid', { intent: 'kommentar', kommentar: 'x' }), params: { id: String(n.id) }, context: {} })),
      ).toBe(403)
      const coordinator = await sessionUser('koordination@demo.invalid')
      const meetingId = await createMeeting({ heldOn: todayIso(), title: 'Rechte', notes: null, coversFrom: null }, coordinator)
      const task = { intent: 'aufgabe', aufgabe: 'x', verantwortlich_kreis: '03351', faellig_am: german(addDays(3)) }
      expect(await statusOf(async () => meetingAction({ request: await post(`/sitzungen/${meetingId}`, 'celle@demo.invalid', task), params: { id: String(meetingId) }, context: {} }))).toBe(403)
      // The coordinator's to-do without owner: 400 with the message at the field, nothing stored.
      const before = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(tasks)
      const refused = (await meetingAction({
        request: await post(`/sitzungen/${meetingId}`, 'koordination@demo.invalid', { ...task, verantwortlich_kreis: '' }),
        params: { id: String(meetingId) },
        context: {},
      })) as unknown as { init: { status: number }; data: { errors: Record<string, string>; values: Record<string, string> } }
      expect(refused.init.status).toBe(400)
      expect(refused.data.errors.verantwortlich_kreis).toBe('Wählen Sie, wer die Aufgabe übernimmt: einen Kreis oder eine Person.')
      expect(refused.data.values.aufgabe).toBe('x')
      expect((await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(tasks))[0].n).toBe(before[0].n)
      const created = await createTask(meetingId, TaskInput.parse({ aufgabe: 'Nur Celle', verantwortlich_kreis: '03351', faellig_am: german(addDays(3)) }), coordinator)
      const taskId = String((created as { id: number }).id)
      expect(await statusOf(async () => tasksAction({ request: await post('/aufgaben', 'harburg@demo.invalid', { aufgabe: taskId }), params: {}, context: {} }))).toBe(403)
      expect(await statusOf(async () => tasksAction({ request: await post('/aufgaben', 'celle@demo.invalid', { aufgabe: taskId }), params: {}, context: {} }))).toBe(302)
    })

    it('refuses a document over the limit at the upload form, before reading it, and stores nothing', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const db = await getDb()
      const [n] = await db.select({ id: negotiations.id }).from(negotiations).limit(1)
      const { token } = await createSession(coordinator.id)
      const form = new FormData()
      form.set('intent', 'dokument')
      const big = new Uint8Array(MAX_DOCUMENT_BYTES + 200_000)
      big.set(pdf)
      form.set('dokument', new File([big], 'gross.pdf', { type: 'application/pdf' }))
      const body = new Response(form)
      const bytes = new Uint8Array(await body.arrayBuffer())
      const request = new Request(`http://localhost/verhandlungen/${n.id}`, {
        method: 'POST',
        body: bytes,
        headers: {
          'Content-Type': body.headers.get('Content-Type')!,
          'Content-Length': String(bytes.byteLength),
          Cookie: `ozg_session=${encodeURIComponent(token)}`,
          Origin: 'http://localhost',
          Host: 'localhost',
        },
      })
      const before = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(negotiationDocuments)
      const response = (await negotiationAction({ request, params: { id: String(n.id) }, context: {} })) as unknown as { init: { status: number }; data: { errors: Record<string, string> } }
      expect(response.init.status).toBe(413)
      expect(response.data.errors).toEqual({ dokument: 'Die Datei ist zu groß. Erlaubt sind höchstens 10 MB.' })
      const after = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(negotiationDocuments)
      expect(after[0].n).toBe(before[0].n)
    })

    it('refuses a to-do without owner or with a past due date at the field; an editor marks only own to-dos done', async () => {
      const coordinator = await sessionUser('koordination@demo.invalid')
      const celle = await sessionUser('celle@demo.invalid')
      const harburg = await sessionUser('harburg@demo.invalid')
      const noOwner = TaskInput.safeParse({ aufgabe: 'Angebot prüfen', faellig_am: german(addDays(3)) })
      expect(noOwner.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['verantwortlich_kreis', 'Wählen Sie, wer die Aufgabe übernimmt: einen Kreis oder eine Person.']])
      const past = TaskInput.safeParse({ aufgabe: 'Angebot prüfen', verantwortlich_kreis: '03351', faellig_am: german(addDays(-1)) })
      expect(past.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['faellig_am', 'Das Fälligkeitsdatum liegt in der Vergangenheit. Wählen Sie heute oder einen späteren Tag.']])

      const meetingId = await createMeeting({ heldOn: todayIso(), title: 'Aufgabensitzung', notes: null, coversFrom: null }, coordinator)
      const db = await getDb()
      const [outsider] = await db.select({ ags: counties.ags }).from(counties).where(eq(counties.isMember, false)).limit(1)
      if (outsider) {
        const refused = await createTask(meetingId, TaskInput.parse({ aufgabe: 'x', verantwortlich_kreis: outsider.ags, faellig_am: german(addDays(2)) }), coordinator)
        expect(refused).toMatchObject({ ok: false, errors: { verantwortlich_kreis: expect.stringContaining('gehört nicht zur Community') } })
      }
      const forCelle = await createTask(meetingId, TaskInput.parse({ aufgabe: 'Celle testet', verantwortlich_kreis: '03351', faellig_am: german(addDays(7)) }), coordinator)
      const forHarburg = await createTask(meetingId, TaskInput.parse({ aufgabe: 'Harburg prüft', verantwortlich_person: String(harburg.id), faellig_am: german(addDays(14)) }), coordinator)
      expect(await addDecision(meetingId, { text: 'Gemeinsam verhandeln.', agendaItemId: null }, coordinator)).toMatchObject({ ok: true })
      const celleId = (forCelle as { id: number }).id
      const harburgId = (forHarburg as { id: number }).id
      expect(await setTaskDone(harburgId, true, celle)).toBe('forbidden')
      expect(await setTaskDone(celleId, true, celle)).toBe('done')
      expect(await setTaskDone(celleId, true, celle)).toBe('already_done')
      const open = await listOpenTasks()
      expect(open.map((t) => t.title)).toContain('Harburg prüft')
      expect(open.map((t) => t.title)).not.toContain('Celle testet')
      const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, 'task'), eq(auditLog.entityId, String(celleId))))
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'done'])
      const [row] = await db.select({ doneBy: tasks.doneBy }).from(tasks).where(eq(tasks.id, celleId))
      expect(row.doneBy).toBe(celle.id)

      // The next meeting carries the open to-do and shows the negotiation's progress by vendor.
      const nextId = await createMeeting({ heldOn: addDays(20), title: 'Nächste Sitzung', notes: null, coversFrom: null }, coordinator)
      const next = (await getMeeting(nextId))!
      const decisions = await getMeetingDecisions(next)
      expect(decisions.carriedTasks.map((t) => t.title)).toContain('Harburg prüft')
      expect(decisions.carriedTasks.map((t) => t.title)).not.toContain('Celle testet')
      const shared = decisions.sharedNegotiations.find((n) => n.subject === 'BauAkte Kommunal')!
      expect(shared).toMatchObject({ stage: 'offer_received', isDue: true, countyCount: 4 })
      expect(shared.progress.map((p) => [p.from, p.to])).toEqual([
        [null, 'preparing'],
        ['preparing', 'offer_received'],
      ])
      const report = await getMeetingReport(next)
      for (const v of report.negotiationVendors) {
        expect(report.negotiations.filter((r) => r.vendorId === v.vendorId).length).toBe(Math.min(v.open, 5))
      }
      const full = await getMeetingReport(next, null)
      expect(full.negotiations.length).toBe(report.negotiationVendors.reduce((n, v) => n + v.open, 0))
    })
  },
  async (handle) => {
    await seedDatabase(handle.db, { demo: true })
  },
)
