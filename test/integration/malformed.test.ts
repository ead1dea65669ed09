// Malformed requests against every route's loader and action, on both engines: each kind gets a
// 4xx with a German message, never a thrown error (a 500), and writes nothing.
//
// The routes come from the route modules themselves (import.meta.glob), so a new route is
// checked for the kinds that need no knowledge of its fields (not a form, broken body, ids out of
// range in its path and query). The kinds that need a valid form (NUL in a field, a file in a
// text field, ids in the form) use one base form per action route below; a new action route
// without a base form fails the first test until it gets one.
//
// Route × kind (✓ checked here, – does not apply):
// | route (action)                         | not a form | broken | file in text | NUL in text | id range   |
// | admin.benutzer._index                  | ✓          | ✓      | ✓            | ✓           | –          |
// | admin.benutzer.$id                     | ✓          | ✓      | ✓            | ✓           | path       |
// | anmelden                               | ✓          | ✓      | ✓            | ✓           | –          |
// | hersteller.neu                         | ✓          | ✓      | ✓            | ✓           | –          |
// | hersteller.$id_.bearbeiten             | ✓          | ✓      | ✓            | ✓           | path       |
// | hersteller.$id_.fachverfahren.$fvId    | ✓          | ✓      | ✓            | ✓           | path       |
// | online-dienste.neu                     | ✓          | ✓      | ✓            | ✓           | –          |
// | online-dienste.$id_.bearbeiten         | ✓          | ✓      | ✓            | ✓           | path       |
// | sitzungen._index                       | ✓          | ✓      | ✓            | ✓           | –          |
// | sitzungen.$id                          | ✓          | ✓      | ✓            | ✓           | path       |
// | profil                                 | ✓          | ✓      | ✓            | ✓           | token id   |
// | kreise.$ags._index (bulk, Basisdienste)| ✓          | ✓      | ✓            | ✓           | row ids, versions, foreign rows 403 |
// | kreise.$ags.leistungen.$ozgId          | ✓          | ✓      | ✓            | ✓           | version, Online-Dienst, Fachverfahren |
// | admin.kreise (name, frist, join, manual, leave, csv) | ✓    | ✓      | ✓            | ✓           | –          |
// | admin.zustaendigkeit (override, remove, confirm) | ✓ | ✓      | ✓            | ✓           | override/rule id |
// | einladung.$token (password, neu)       | ✓          | ✓      | ✓            | ✓           | token: malformed/unknown 404 |
// | passwort-neu.$token                    | ✓          | ✓      | ✓            | ✓           | token: malformed/unknown 404 |
// | passwort-vergessen                     | ✓          | ✓      | ✓            | ✓           | –          |
// | kreise.$ags.kontakte (new, edit, delete)| ✓         | ✓      | ✓            | ✓           | contact id |
// | benachrichtigungen                     | ✓          | ✓      | ✓            | ✓           | notification id |
// | profil (abo-anlegen/-einstellungen/-loeschen) | ✓   | ✓      | ✓            | ✓           | vendor, online service, subscription id |
// | verhandlungen._index                   | ✓          | ✓      | ✓            | ✓           | vendor, Fachverfahren, person |
// | verhandlungen.$id (comment, edit, offer, document) | ✓ | ✓  | ✓            | ✓           | path, form ids |
// | aufgaben                               | ✓          | ✓      | ✓            | ✓           | task id    |
// | sitzungen.$id (agenda, decision, task) | ✓          | ✓      | ✓            | ✓           | path, form ids |
// | import (streamed upload, confirm)      | ✓          | ✓      | ✓            | –           | –, file name with = ; |
// | import_.katalog                        | ✓          | ✓      | ✓            | –           | –, file name with = ; |
// | abmelden                               | – (reads no body; only ends the session) |
// | api.v1.* (action)                      | 405 in the JSON envelope, see api-errors below |
// Loaders: every one with path ids out of range and with out-of-range/NUL query parameters.
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { counties, fachverfahren, onlineServices, statuses, users } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { describeEachEngine } from '../support/database'
import { MAX_INT4 } from '~/domain/id'
import { ContactInput } from '~/domain/contact'
import { NegotiationInput } from '~/domain/negotiation'
import { onlineServiceFormValues } from '~/domain/online-service'
import { TaskInput } from '~/domain/task'
import type { SessionUser } from '~/domain/permissions'
import { toFormValues } from '~/domain/status'
import { NUL_MESSAGE } from '~/domain/text'
import { createApiToken } from '~/models/api-token.server'
import { setOverride, listOverrides, listRules } from '~/models/applicability.server'
import { addContact } from '~/models/contact.server'
import { createResetLinkForUser, inviteUser } from '~/models/invitation.server'
import { createMeeting } from '~/models/meeting.server'
import { createNegotiation } from '~/models/negotiation.server'
import { listSubscriptions, subscribe } from '~/models/subscription.server'
import { createTask } from '~/models/task.server'
import { getOnlineServiceForEdit } from '~/models/online-service.server'
import { createSession } from '~/models/session.server'
import { getStatus } from '~/models/status.server'
import { apiLoader, METHOD_NOT_ALLOWED, UNEXPECTED_ERROR } from '~/guards/api.server'
import { getDb, queryRows } from '~/utils/db.server'
import { BROKEN_FILE_NAME, BROKEN_FORM, NOT_A_FORM } from '~/utils/form.server'

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> }
type Handler = (args: Args) => unknown
type RouteModule = { loader?: Handler; action?: Handler; default?: unknown }
type Route = { id: string; pattern: string[]; module: RouteModule }

// Flat files and folder routes (`sitzungen.$id/route.tsx`); a folder's other files are not routes.
const modules = import.meta.glob<RouteModule>(['../../app/routes/*.{ts,tsx}', '../../app/routes/*/route.{ts,tsx}'], { eager: true })

// Remix's flat route file names: `.` separates segments, `$x` is a param, a trailing `_` leaves
// the layout, `_index` is the index, `[.]` an escaped dot.
const routes: Route[] = Object.entries(modules).map(([file, module]) => {
  const id = file
    .replace(/^.*\/routes\//, '')
    .replace(/\/route\.tsx?$/, '')
    .replace(/\.tsx?$/, '')
  const pattern = id
    .replace('[.]', '\u0001')
    .split('.')
    .map((s) => s.replace('\u0001', '.').replace(/_$/, ''))
    .filter((s) => s !== '_index')
  return { id, pattern, module }
})
const actionRoutes = routes.filter((r) => r.module.action && !r.id.startsWith('api.'))
const apiRoutes = routes.filter((r) => r.id.startsWith('api.'))

const ORIGIN = 'http://localhost'
const TOO_LARGE_ID = String(MAX_INT4 + 1)
const NUL = 'abc\u0000def'

// ---------------------------------------------------------------------------------------------
// What a loader or action answered, returned or thrown, as status and body.
type Answer = { status: number; body: unknown; headers: Headers }

async function answer(run: () => unknown): Promise<Answer> {
  const read = async (value: unknown): Promise<Answer> => {
    if (value instanceof Response) {
      const type = value.headers.get('Content-Type') ?? ''
      const body = type.includes('json') ? await value.json() : await value.text()
      return { status: value.status, body, headers: value.headers }
    }
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit') {
      const d = value as { data: unknown; init?: { status?: number; headers?: HeadersInit } | null }
      return { status: d.init?.status ?? 200, body: d.data, headers: new Headers(d.init?.headers) }
    }
    return { status: 200, body: value, headers: new Headers() }
  }
  try {
    return await read(await run())
  } catch (thrown) {
    if (thrown instanceof Response || (thrown && typeof thrown === 'object' && 'type' in thrown)) return read(thrown)
    // An Error here is what the server would answer with a 500.
    throw new Error(`unexpected error (a 500 on the server): ${String(thrown)}`, { cause: thrown })
  }
}

// /profil answers its subscription intents („abo-…“) in a nested `subscription`.
type Body = {
  message?: string
  errors?: Record<string, string>
  filterErrors?: Record<string, string>
  error?: string | { message: string }
  subscription?: { message?: string | null; errors?: Record<string, string> }
}

function messageOf(a: Answer): string {
  const body = a.body as Body | string
  if (typeof body === 'string') return body
  const error = typeof body?.error === 'string' ? body.error : body?.error?.message
  const nested = body?.subscription
  return [body?.message, error, ...Object.values(body?.errors ?? {}), ...Object.values(body?.filterErrors ?? {}), nested?.message, ...Object.values(nested?.errors ?? {})]
    .filter(Boolean)
    .join(' ')
}

/** The message at one field of a form. */
function fieldError(a: Answer, field: string): string | undefined {
  const body = a.body as Body
  return body?.errors?.[field] ?? body?.subscription?.errors?.[field]
}

// German, not zod's or Remix's English defaults ("Invalid input", "Unexpected Server Error").
const GERMAN = /[äöüßÄÖÜ„]|\b(Sie|der|die|das|den|ist|nicht|eine?|oder|und|gibt)\b/i

// ---------------------------------------------------------------------------------------------
let cookie = ''
const ids = {
  vendor: 0,
  fachverfahren: 0,
  onlineService: 0,
  user: 0,
  meeting: 0,
  token: 0,
  celleRow: 0,
  harburgRow: 0,
  negotiation: 0,
  task: 0,
  contact: 0,
  subscription: 0,
  override: 0,
  rule: 0,
}
// The link routes (/einladung/:token, /passwort-neu/:token) take a 43-character token, not an id:
// a real, open one each, so the body is read and its checks are reached.
const linkTokens = { einladung: '', 'passwort-neu': '' }

function paramsFor(route: Route): Record<string, string> {
  const params: Record<string, string> = {}
  for (const segment of route.pattern) {
    if (!segment.startsWith('$')) continue
    const name = segment.slice(1)
    if (name === '') params['*'] = 'nichts'
    else if (name === 'ags') params.ags = '03351'
    else if (name === 'ozgId') params.ozgId = '10520'
    else if (name === 'fvId') params.fvId = String(ids.fachverfahren)
    else if (name === 'token') params.token = tokenForSection(route.pattern[0])
    else params[name] = String(idForSection(route.pattern[0]))
  }
  return params
}

function idForSection(section: string): number {
  switch (section) {
    case 'hersteller':
      return ids.vendor
    case 'online-dienste':
      return ids.onlineService
    case 'admin':
      return ids.user
    case 'sitzungen':
      return ids.meeting
    case 'verhandlungen':
      return ids.negotiation
    default:
      throw new Error(`No id fixture for /${section}/:id: add one to idForSection`)
  }
}

function tokenForSection(section: string): string {
  if (section in linkTokens) return linkTokens[section as keyof typeof linkTokens]
  throw new Error(`No token fixture for /${section}/:token: add one to linkTokens`)
}

function urlFor(route: Route, params: Record<string, string>, search = '') {
  const path = route.pattern.map((s) => (s.startsWith('$') ? (s === '$' ? params['*'] : params[s.slice(1)]) : s)).join('/')
  return `${ORIGIN}/${path}${search}`
}

function post(route: Route, params: Record<string, string>, body: BodyInit | null, contentType: string | null, search = '') {
  const headers = new Headers({ Cookie: cookie, Origin: ORIGIN })
  if (contentType) headers.set('Content-Type', contentType)
  return new Request(urlFor(route, params, search), { method: 'POST', headers, body })
}

function urlencoded(fields: Record<string, string | string[]>) {
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item)
  return form
}

function multipart(fields: Record<string, string | string[]>, file?: { field: string; name: string; content: string }) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item)
  if (file) form.set(file.field, new File([file.content], file.name, { type: 'text/csv' }))
  return form
}

// ---------------------------------------------------------------------------------------------
// A valid form per action route, and the fields a person types free text into.
type BaseForm = { fields: Record<string, string | string[]>; freeText: string[]; search?: string }

async function baseForms(): Promise<Record<string, BaseForm[]>> {
  const row = (await getStatus('03351', '10520'))!
  const service = (await getOnlineServiceForEdit(ids.onlineService))!
  const serviceForm = { ...onlineServiceFormValues(service), name: 'Ein neuer Online-Dienst' }
  const serviceFree = ['name', 'anbieter', 'betreiber', 'entgeltnotiz', 'schnittstellenstandards', 'beschreibung']
  const components = ['epayment', 'servicekonto', 'postfach', 'xta_osci', 'fit_connect', 'eakte']
  const db = await getDb()
  const versionRows = await queryRows<{ component: string; version: number }>(db, sql`select component, version from county_basic_components b join counties c on c.id = b.county_id where c.ags = '03351'`)
  const basic: Record<string, string> = { intent: 'basisdienste' }
  for (const c of components) {
    basic[`status_${c}`] = 'not_started'
    basic[`anbieter_${c}`] = ''
    basic[`notiz_${c}`] = ''
    basic[`version_${c}`] = String(versionRows.find((r) => r.component === c)?.version ?? 0)
  }
  const vendor = { name: 'Ein neuer Hersteller', website: 'https://www.example.de', notiz: 'Notiz' }
  const meeting = { datum: '01.03.2026', titel: 'Frühjahrstreffen', notizen: 'Tagesordnung', zeitraum_ab: '' }
  const negotiation = {
    hersteller: String(ids.vendor),
    fachverfahren: String(ids.fachverfahren),
    schnittstellenstandard: 'XBau',
    stufe: 'preparing',
    kreise: ['03351', '03353'],
    federfuehrung_kreis: '03351',
    federfuehrung_person: '',
    naechster_schritt: 'Angebot anfordern',
    faellig: '01.03.2030',
    notiz: 'Gemeinsam verhandeln',
  }
  const negotiationFree = ['schnittstellenstandard', 'naechster_schritt', 'notiz']
  return {
    'admin.benutzer._index': [{ fields: { email: 'neu@demo.invalid', name: 'Neue Person', role: 'viewer', kreis: '', password: 'ein-langes-passwort' }, freeText: ['name', 'email', 'password'] }],
    'admin.benutzer.$id': [
      { fields: { intent: 'konto', name: 'Geänderter Name', role: 'viewer', kreis: '03351', aktiv: 'ja' }, freeText: ['name'] },
      { fields: { intent: 'passwort', password: 'ein-neues-langes-passwort' }, freeText: ['password'] },
    ],
    anmelden: [{ fields: { email: 'admin@demo.invalid', password: 'falsches-passwort', weiter: '/' }, freeText: ['email'] }],
    'hersteller.neu': [{ fields: vendor, freeText: ['name', 'website', 'notiz'] }],
    'hersteller.$id_.bearbeiten': [{ fields: vendor, freeText: ['name', 'website', 'notiz'] }],
    'hersteller.$id_.fachverfahren.$fvId': [{ fields: { name: 'Ein Fachverfahren', schnittstellenstandards: 'XBau', notiz: '' }, freeText: ['name', 'schnittstellenstandards', 'notiz'] }],
    'online-dienste.neu': [{ fields: serviceForm, freeText: serviceFree }],
    'online-dienste.$id_.bearbeiten': [{ fields: serviceForm, freeText: serviceFree }],
    'sitzungen._index': [{ fields: meeting, freeText: ['titel', 'notizen'] }],
    'sitzungen.$id': [
      { fields: meeting, freeText: ['titel', 'notizen'] },
      { fields: { intent: 'top', top_titel: 'Angebot Hersteller', top_leistung: '10520', top_online_dienst: '', top_verhandlung: String(ids.negotiation), top_notiz: 'Vorlage folgt' }, freeText: ['top_titel', 'top_notiz'] },
      { fields: { intent: 'beschluss', beschluss: 'Die Kreise nehmen das Angebot an.', beschluss_top: '' }, freeText: ['beschluss'] },
      { fields: { intent: 'aufgabe', aufgabe: 'Vertrag vorbereiten', verantwortlich_kreis: '03351', verantwortlich_person: '', faellig_am: '01.03.2030', aufgabe_top: '' }, freeText: ['aufgabe'] },
    ],
    profil: [
      { fields: { intent: 'create', name: 'Power BI' }, freeText: ['name'] },
      { fields: { intent: 'revoke', tokenId: String(ids.token) }, freeText: [] },
      { fields: { intent: 'abo-anlegen', kind: 'service', ozgId: '10520' }, freeText: ['ozgId'] },
      { fields: { intent: 'abo-anlegen', kind: 'county', kreis: '03353' }, freeText: [] },
      { fields: { intent: 'abo-anlegen', kind: 'vendor', hersteller: String(ids.vendor) }, freeText: [] },
      { fields: { intent: 'abo-anlegen', kind: 'online_service', onlineDienst: String(ids.onlineService) }, freeText: [] },
      { fields: { intent: 'abo-einstellungen', digest: 'daily', instantMail: 'ja' }, freeText: [] },
      { fields: { intent: 'abo-loeschen', subscriptionId: String(ids.subscription) }, freeText: [] },
    ],
    'kreise.$ags._index': [
      {
        fields: { intent: 'sammelaenderung', umfang: 'auswahl', ids: [String(ids.celleRow)], bestaetigen: 'ja', kommentar: 'Geprüft', f_q: '' },
        freeText: ['kommentar'],
        search: '?index',
      },
      { fields: basic, freeText: components.flatMap((c) => [`anbieter_${c}`, `notiz_${c}`]), search: '?index' },
    ],
    'kreise.$ags.leistungen.$ozgId': [
      {
        fields: { ...toFormValues(row.values), version: String(row.version), kommentar: 'Geprüft', aktion: 'bestaetigen' },
        freeText: ['schnittstellenstandard', 'finanzierungsnotiz', 'kontakt', 'notiz', 'kommentar'],
      },
    ],
    import: [{ fields: { intent: 'confirm', token: 'kein-gueltiger-token' }, freeText: [] }],
    'admin.kreise': [
      { fields: { intent: 'name', communityName: 'OpenR@thaus Nord' }, freeText: ['communityName'] },
      { fields: { intent: 'frist', staleAfterDays: '180' }, freeText: [] },
      { fields: { intent: 'join', ags: '03351', kind: '', joinedOn: '' }, freeText: [] },
      { fields: { intent: 'manual', manualAgs: '03999', manualName: 'Neuer Kreis', manualKind: 'landkreis', manualLand: 'Niedersachsen', manualJoinedOn: '' }, freeText: ['manualName'] },
      { fields: { intent: 'leave', leaveAgs: '03351', leftOn: '' }, freeText: [] },
      { fields: { intent: 'csv', csvKind: '', csvJoinedOn: '' }, freeText: [] },
    ],
    'admin.zustaendigkeit': [
      { fields: { intent: 'override', ozgId: '10520', ags: '03351', applies: 'nein', reason: 'Landesrecht regelt es anders' }, freeText: ['reason'] },
      { fields: { intent: 'remove', id: String(ids.override), removeReason: 'Die Festlegung entfällt' }, freeText: ['removeReason'] },
      { fields: { intent: 'confirm', id: String(ids.rule) }, freeText: [] },
    ],
    'einladung.$token': [
      { fields: { password: 'ein-langes-passwort', passwordRepeat: 'ein-langes-passwort' }, freeText: ['password', 'passwordRepeat'] },
      { fields: { intent: 'neu' }, freeText: [] },
    ],
    'passwort-neu.$token': [{ fields: { password: 'ein-langes-passwort', passwordRepeat: 'ein-langes-passwort' }, freeText: ['password', 'passwordRepeat'] }],
    'passwort-vergessen': [{ fields: { email: 'leitung@demo.invalid' }, freeText: ['email'] }],
    'kreise.$ags.kontakte': [
      { fields: { name: 'Erika Muster', role: 'Fachdienst Digitalisierung', email: 'erika@celle.invalid', phone: '05141 916-0' }, freeText: ['name', 'role', 'email', 'phone'] },
      { fields: { id: String(ids.contact), name: 'Erika Muster', role: '', email: '', phone: '' }, freeText: ['name', 'role', 'email', 'phone'] },
      { fields: { intent: 'loeschen', id: String(ids.contact) }, freeText: [] },
    ],
    benachrichtigungen: [
      { fields: { intent: 'gelesen', id: '1' }, freeText: [] },
      { fields: { intent: 'alle-gelesen' }, freeText: [] },
    ],
    'verhandlungen._index': [{ fields: negotiation, freeText: negotiationFree }],
    'verhandlungen.$id': [
      { fields: { intent: 'kommentar', kommentar: 'Das Angebot kommt nächste Woche.' }, freeText: ['kommentar'] },
      { fields: { intent: 'bearbeiten', ...negotiation }, freeText: negotiationFree },
      { fields: { intent: 'angebot', kreis: '03351', angebot: 'Lizenz und Betrieb', preis_einmalig: '1.000,00', preis_jaehrlich: '' }, freeText: ['angebot'] },
      { fields: { intent: 'dokument' }, freeText: [] },
    ],
    aufgaben: [{ fields: { aufgabe: String(ids.task) }, freeText: [] }],
    'import_.katalog': [{ fields: { intent: 'confirm', name: 'katalog.csv', payload: 'x', fingerprint: 'x', signature: 'x' }, freeText: [] }],
  }
}

// Routes whose action reads no body.
const NO_BODY = new Set(['abmelden'])

// ---------------------------------------------------------------------------------------------
// "Nothing was written": every row inserted, updated or deleted (and every truncate) in a checked
// table bumps one counter, by a trigger this file adds to its own copy of the database; a write
// rolled back takes its bump with it. Reading one number instead of scanning every table twice
// per request took this file from 139 s to 21 s on both engines (quiet machine). Sessions and the
// rate-limit counters (failed sign-ins, API calls) are left out: they are bookkeeping of the
// request, not a write by the user.
const UNCHECKED = new Set(['sessions', 'rate_limits', '__drizzle_migrations'])

async function countWrites(tables: string[]) {
  const db = await getDb()
  const statements = [
    'create table test_writes (n bigint not null)',
    'insert into test_writes values (0)',
    'create function test_count_write() returns trigger language plpgsql as $$ begin update test_writes set n = n + 1; return null; end $$',
    ...tables.flatMap((t) => [
      `create trigger test_count_write after insert or update or delete on "${t}" for each row execute function test_count_write()`,
      `create trigger test_count_truncate after truncate on "${t}" for each statement execute function test_count_write()`,
    ]),
  ]
  for (const statement of statements) await db.execute(sql.raw(statement))
}

async function writeCount(): Promise<string> {
  const [{ n }] = await queryRows<{ n: string }>(await getDb(), sql`select n::text as n from test_writes`)
  return n
}

async function expectNoWrite<T>(run: () => Promise<T>): Promise<T> {
  const before = await writeCount()
  const result = await run()
  expect(await writeCount(), 'nothing may be written').toBe(before)
  return result
}

describeEachEngine(
  'malformed requests',
  () => {
    let forms: Record<string, BaseForm[]> = {}

    beforeAll(async () => {
      const db = await getDb()
      const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.invalid'))
      const [viewer] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'leitung@demo.invalid'))
      cookie = `ozg_session=${(await createSession(admin.id)).token}`
      const adminUser: SessionUser = { id: admin.id, email: admin.email, name: admin.name, role: 'admin', countyId: null, countyAgs: null }
      const [fv] = await db.select({ id: fachverfahren.id, vendorId: fachverfahren.vendorId }).from(fachverfahren).limit(1)
      const [os] = await db.select({ id: onlineServices.id }).from(onlineServices).limit(1)
      const [celle] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03351'))
      const [harburg] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03353'))
      const [celleRow] = await db.select({ id: statuses.id }).from(statuses).where(eq(statuses.countyId, celle.id)).limit(1)
      const [harburgRow] = await db.select({ id: statuses.id }).from(statuses).where(eq(statuses.countyId, harburg.id)).limit(1)
      Object.assign(ids, {
        vendor: fv.vendorId,
        fachverfahren: fv.id,
        onlineService: os.id,
        user: viewer.id,
        meeting: await createMeeting({ heldOn: '2026-03-01', title: 'Frühjahr', notes: null, coversFrom: null }, adminUser),
        token: (await createApiToken(adminUser, 'Prüfung')).id,
        celleRow: celleRow.id,
        harburgRow: harburgRow.id,
      })
      const negotiation = await createNegotiation(
        NegotiationInput.parse({ hersteller: String(fv.vendorId), fachverfahren: String(fv.id), kreise: ['03351'], stufe: 'preparing', federfuehrung_kreis: '' }),
        adminUser,
      )
      const task = await createTask(ids.meeting, TaskInput.parse({ aufgabe: 'Angebot prüfen', verantwortlich_kreis: '03351', faellig_am: '01.03.2030' }), adminUser)
      if (!negotiation.ok || !task?.ok) throw new Error('fixture: negotiation or task not created')
      await subscribe(adminUser, { intent: 'abo-anlegen', kind: 'county', kreis: '03351' })
      const override = await setOverride({ ozgId: '10520', applies: true, reason: 'Festlegung für den Test' }, adminUser)
      if (!override.ok) throw new Error('fixture: override not set')
      Object.assign(ids, {
        negotiation: negotiation.id,
        task: task.id,
        contact: await addContact(celle.id, ContactInput.parse({ name: 'Erika Muster' }), adminUser),
        subscription: (await listSubscriptions(admin.id))[0].id,
        override: (await listOverrides())[0].id,
        rule: (await listRules())[0]?.id ?? 1,
      })
      const invited = await inviteUser({ email: 'eingeladen@demo.invalid', name: 'Eingeladen', role: 'viewer' }, adminUser, ORIGIN)
      const reset = await createResetLinkForUser(viewer.id, adminUser, ORIGIN)
      if (!invited.ok || !reset) throw new Error('fixture: invitation or reset link not created')
      linkTokens.einladung = invited.link.split('/').pop()!
      linkTokens['passwort-neu'] = reset.link.split('/').pop()!
      const rows = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
      const tables = rows.map((r) => r.table_name).filter((t) => !UNCHECKED.has(t))
      expect(tables).toContain('statuses')
      await countWrites(tables)
      forms = await baseForms()
    })

    it('notices a write, so that "nothing written" can fail', async () => {
      const before = await writeCount()
      await (await getDb()).execute(sql`update counties set name = name where ags = '03351'`)
      expect(await writeCount()).not.toBe(before)
    })

    it('has a base form for every action route that reads a form', () => {
      expect(routes.length).toBeGreaterThan(30)
      for (const route of actionRoutes) {
        if (!NO_BODY.has(route.id)) expect(Object.keys(forms), `${route.id} needs a base form in malformed.test.ts`).toContain(route.id)
      }
    })

    describe('a body that is not a form', () => {
      const kinds: { name: string; body: () => BodyInit | null; type: string | null; status: number; message: string }[] = [
        { name: 'JSON', body: () => JSON.stringify({ name: 'x' }), type: 'application/json', status: 415, message: NOT_A_FORM },
        { name: 'text/plain', body: () => 'name=x', type: 'text/plain', status: 415, message: NOT_A_FORM },
        { name: 'no body, no type', body: () => null, type: null, status: 415, message: NOT_A_FORM },
        { name: 'multipart without boundary', body: () => 'x', type: 'multipart/form-data', status: 400, message: BROKEN_FORM },
        {
          name: 'broken multipart',
          body: () => '--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nabgebrochen',
          type: 'multipart/form-data; boundary=B',
          status: 400,
          message: BROKEN_FORM,
        },
      ]
      for (const kind of kinds) {
        it(`${kind.name}: every form route answers ${kind.status} in German and writes nothing`, async () => {
          for (const route of actionRoutes) {
            if (NO_BODY.has(route.id)) continue
            const params = paramsFor(route)
            const search = forms[route.id]?.[0]?.search ?? ''
            const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, params, kind.body(), kind.type, search), params, context: {} })))
            expect(a.status, route.id).toBe(kind.status)
            expect(messageOf(a), route.id).toBe(kind.message)
          }
        })
      }
    })

    it('a file in a text field is refused with 400 on every form route, never stored as text', async () => {
      for (const route of actionRoutes) {
        for (const base of forms[route.id] ?? []) {
          const field = base.freeText[0] ?? Object.keys(base.fields).find((k) => k !== 'intent') ?? 'intent'
          const { [field]: _, ...rest } = base.fields
          const params = paramsFor(route)
          const body = multipart(rest, { field, name: 'notiz.txt', content: 'Inhalt' })
          const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, params, body, null, base.search), params, context: {} })))
          expect(a.status, `${route.id} ${field}`).toBe(400)
          expect(messageOf(a), `${route.id} ${field}`).toMatch(GERMAN)
          if (route.id !== 'import') expect(messageOf(a), route.id).toContain(`„${field}“ erwartet Text, keine Datei`)
        }
      }
    })

    it('a NUL byte in any text field is a 400 with the German message at that field', async () => {
      let checked = 0
      for (const route of actionRoutes) {
        for (const base of forms[route.id] ?? []) {
          const params = paramsFor(route)
          for (const field of Object.keys(base.fields)) {
            const fields = { ...base.fields, [field]: NUL }
            const a = await expectNoWrite(() =>
              answer(() => route.module.action!({ request: post(route, params, urlencoded(fields), 'application/x-www-form-urlencoded', base.search), params, context: {} })),
            )
            expect(a.status, `${route.id} ${field}`).toBeGreaterThanOrEqual(400)
            expect(a.status, `${route.id} ${field}`).toBeLessThan(500)
            expect(messageOf(a), `${route.id} ${field}`).toMatch(GERMAN)
            if (base.freeText.includes(field)) {
              expect(fieldError(a, field), `${route.id} ${field}`).toBe(NUL_MESSAGE)
              checked++
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(60)
    })

    it('ids beyond the integer column in form fields are a 400 at the field', async () => {
      const county = routes.find((r) => r.id === 'kreise.$ags._index')!
      const row = routes.find((r) => r.id === 'kreise.$ags.leistungen.$ozgId')!
      const profile = routes.find((r) => r.id === 'profil')!
      const [bulk, basic] = forms[county.id]
      const [rowForm] = forms[row.id]
      const cases: [Route, BaseForm, Record<string, string | string[]>, string][] = [
        [county, bulk, { ids: [String(ids.celleRow), TOO_LARGE_ID] }, 'ids'],
        [county, bulk, { ids: ['-1'] }, 'ids'],
        [county, basic, { version_epayment: TOO_LARGE_ID }, 'version_epayment'],
        [row, rowForm, { version: TOO_LARGE_ID }, '_form'],
        [row, rowForm, { online_dienst: TOO_LARGE_ID }, 'online_dienst'],
        [row, rowForm, { fachverfahren: '99999999999999999999' }, 'fachverfahren'],
        [profile, forms.profil[1], { tokenId: TOO_LARGE_ID }, 'tokenId'],
      ]
      for (const [route, base, change, field] of cases) {
        const params = paramsFor(route)
        const fields = { ...base.fields, ...change }
        const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, params, urlencoded(fields), 'application/x-www-form-urlencoded', base.search), params, context: {} })))
        expect(a.status, `${route.id} ${field}`).toBe(400)
        expect((a.body as { errors: Record<string, string> }).errors[field], `${route.id} ${field}`).toMatch(GERMAN)
      }
    })

    it('ids beyond the integer column in the other forms are a 4xx in German, never a 500', async () => {
      const cases: [string, number, string][] = [
        ['admin.zustaendigkeit', 1, 'id'],
        ['admin.zustaendigkeit', 2, 'id'],
        ['kreise.$ags.kontakte', 1, 'id'],
        ['kreise.$ags.kontakte', 2, 'id'],
        ['benachrichtigungen', 0, 'id'],
        ['verhandlungen._index', 0, 'hersteller'],
        ['verhandlungen._index', 0, 'fachverfahren'],
        ['verhandlungen._index', 0, 'federfuehrung_person'],
        ['verhandlungen.$id', 1, 'hersteller'],
        ['verhandlungen.$id', 1, 'fachverfahren'],
        ['verhandlungen.$id', 1, 'federfuehrung_person'],
        ['aufgaben', 0, 'aufgabe'],
        ['sitzungen.$id', 1, 'top_online_dienst'],
        ['sitzungen.$id', 1, 'top_verhandlung'],
        ['sitzungen.$id', 2, 'beschluss_top'],
        ['sitzungen.$id', 3, 'verantwortlich_person'],
        ['sitzungen.$id', 3, 'aufgabe_top'],
        ['profil', 4, 'hersteller'],
        ['profil', 5, 'onlineDienst'],
        ['profil', 7, 'subscriptionId'],
      ]
      for (const [id, index, field] of cases) {
        const route = routes.find((r) => r.id === id)!
        const base = forms[id][index]
        expect(Object.keys(base.fields), `${id} ${field}`).toContain(field)
        const params = paramsFor(route)
        for (const bad of [TOO_LARGE_ID, '99999999999999999999', '-1', '1.5']) {
          const fields = { ...base.fields, [field]: bad }
          const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, params, urlencoded(fields), 'application/x-www-form-urlencoded', base.search), params, context: {} })))
          expect(a.status, `${id} ${field}=${bad}`).toBeGreaterThanOrEqual(400)
          expect(a.status, `${id} ${field}=${bad}`).toBeLessThan(500)
          expect(messageOf(a), `${id} ${field}=${bad}`).toMatch(GERMAN)
        }
      }
    })

    it('a link token that is malformed or unknown is a 404 in German on both link routes', async () => {
      const bad = ['x', 'a'.repeat(43), `${'a'.repeat(40)}\u0000bc`, 'a'.repeat(500), '../anmelden']
      let checked = 0
      for (const route of routes.filter((r) => r.pattern.includes('$token'))) {
        expect(route.module.action, route.id).toBeDefined()
        for (const token of bad) {
          const params = { ...paramsFor(route), token }
          for (const handler of ['loader', 'action'] as const) {
            const request =
              handler === 'loader'
                ? new Request(urlFor(route, { token: encodeURIComponent(token) }))
                : post(route, params, urlencoded(forms[route.id][0].fields), 'application/x-www-form-urlencoded')
            const a = await expectNoWrite(() => answer(() => route.module[handler]!({ request, params, context: {} })))
            expect(a.status, `${handler} ${route.id} ${JSON.stringify(token)}`).toBe(404)
            expect(messageOf(a), `${handler} ${route.id} ${JSON.stringify(token)}`).toMatch(GERMAN)
            checked++
          }
        }
      }
      expect(checked).toBe(2 * 5 * 2)
    })

    it('a bulk change carrying another county’s row is a 403 and changes nothing', async () => {
      const county = routes.find((r) => r.id === 'kreise.$ags._index')!
      const [bulk] = forms[county.id]
      const params = paramsFor(county)
      for (const rowIds of [[String(ids.harburgRow)], [String(ids.celleRow), String(ids.harburgRow)]]) {
        const fields = { ...bulk.fields, ids: rowIds }
        const a = await expectNoWrite(() => answer(() => county.module.action!({ request: post(county, params, urlencoded(fields), 'application/x-www-form-urlencoded', '?index'), params, context: {} })))
        expect(a.status).toBe(403)
        expect(messageOf(a)).toMatch(/nicht zu Celle gehören/)
      }
    })

    it('every path id beyond the integer column, or not a number, is a 404', async () => {
      let checked = 0
      for (const route of routes) {
        const idParams = route.pattern.filter((s) => s.startsWith('$') && !['$', '$ags', '$ozgId', '$token'].includes(s)).map((s) => s.slice(1))
        if (idParams.length === 0) continue
        for (const name of idParams) {
          for (const bad of [TOO_LARGE_ID, '99999999999999999999', '0', '-1', '1e3', '1.5', NUL]) {
            const params = { ...paramsFor(route), [name]: bad }
            for (const handler of ['loader', 'action'] as const) {
              const run = route.module[handler]
              if (!run) continue
              const request =
                handler === 'loader'
                  ? new Request(urlFor(route, params), { headers: { Cookie: cookie } })
                  : post(route, params, urlencoded(forms[route.id]?.[0]?.fields ?? {}), 'application/x-www-form-urlencoded')
              const a = await expectNoWrite(() => answer(() => run({ request, params, context: {} })))
              expect(a.status, `${handler} ${route.id} ${name}=${bad}`).toBe(404)
              expect(messageOf(a)).toMatch(GERMAN)
              checked++
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(50)
    })

    it('no page loader answers 5xx to out-of-range ids, NUL or repeated query parameters', async () => {
      const queries = [
        `themenfeld=${TOO_LARGE_ID}`,
        'themenfeld=99999999999999999999',
        `seite=${TOO_LARGE_ID}`,
        'seite=1e400',
        'q=abc%00def',
        'kreis=03351%00',
        'kreise=03351,03353&themenfeld=2147483648',
        'q=a&q=b',
        'format=csv%00',
      ]
      for (const route of routes) {
        if (!route.module.loader || route.id.startsWith('api.')) continue
        const params = paramsFor(route)
        for (const query of queries) {
          const request = new Request(urlFor(route, params, `?${query}`), { headers: { Cookie: cookie } })
          const a = await answer(() => route.module.loader!({ request, params, context: {} }))
          expect(a.status, `${route.id}?${query}`).toBeLessThan(500)
          if (a.status >= 400) expect(messageOf(a), `${route.id}?${query}`).toMatch(GERMAN)
        }
      }
    })

    it('the pages that read themenfeld, seite and q answer 400 with the German message', async () => {
      const cases: [string, string, RegExp][] = [
        ['_index', `themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
        ['matrix', `themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
        ['matrix', `seite=${TOO_LARGE_ID}0`, /Seitenzahl/],
        ['leistungen._index', `themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
        ['leistungen._index', 'q=abc%00def', /Steuerzeichen \(NUL\)/],
        ['kreise.$ags._index', `themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
        ['kreise.$ags._index', 'q=abc%00def', /Steuerzeichen \(NUL\)/],
        ['export', `themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
        ['export', 'q=abc%00def', /Steuerzeichen \(NUL\)/],
        ['vergleich', `kreise=03351,03353&themenfeld=${TOO_LARGE_ID}`, /Themenfeld aus der Liste/],
      ]
      for (const [id, query, message] of cases) {
        const route = routes.find((r) => r.id === id)!
        const params = paramsFor(route)
        const a = await answer(() => route.module.loader!({ request: new Request(urlFor(route, params, `?${query}`), { headers: { Cookie: cookie } }), params, context: {} }))
        expect(a.status, `${id}?${query}`).toBe(400)
        expect(messageOf(a), `${id}?${query}`).toMatch(message)
      }
    })

    describe('upload file names with = and ;', () => {
      const csv = 'ags;ozg_id\n03351;10520\n'
      it('the status import answers 400 with a German message, never 500', async () => {
        const route = routes.find((r) => r.id === 'import')!
        for (const name of ['stand=2025.csv', 'stand;celle.csv', 'a=b;c.csv']) {
          const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, {}, multipart({ intent: 'preview' }, { field: 'datei', name, content: csv }), null), params: {}, context: {} })))
          expect(a.status, name).toBe(400)
          expect(messageOf(a), name).toBe(BROKEN_FILE_NAME)
        }
        // An ordinary name reaches the preview (and is refused there for its content, not its name).
        const ok = await answer(() => route.module.action!({ request: post(route, {}, multipart({ intent: 'preview' }, { field: 'datei', name: 'stand celle.csv', content: csv }), null), params: {}, context: {} }))
        expect((ok.body as { preview: { fileName?: string } | null }).preview).not.toBeNull()
      })

      it('the catalogue import reads such a name and previews the file', async () => {
        const route = routes.find((r) => r.id === 'import_.katalog')!
        for (const name of ['katalog=2025.csv', 'katalog;neu.csv']) {
          const a = await expectNoWrite(() => answer(() => route.module.action!({ request: post(route, {}, multipart({ intent: 'preview' }, { field: 'datei', name, content: 'ozg_id;name\n' }), null), params: {}, context: {} })))
          expect(a.status, name).toBeLessThan(500)
          expect((a.body as { preview: unknown }).preview, name).not.toBeNull()
        }
      })
    })

    describe('NUL bytes in uploaded files', () => {
      it('the status import reports NUL in a text column as a row error, never a 500', async () => {
        const exportRoute = routes.find((r) => r.id === 'export')!
        const exported = await answer(() => exportRoute.module.loader!({ request: new Request(`${ORIGIN}/export?kreis=03351&format=csv`, { headers: { Cookie: cookie } }), params: {}, context: {} }))
        const [header, first] = String(exported.body).replace(/^\uFEFF/, '').split(/\r?\n/)
        const columns = header.split(';')
        expect(columns).toContain('notiz')
        const importRoute = routes.find((r) => r.id === 'import')!
        for (const column of ['notiz', 'kontakt', 'online_dienst', 'kreis', 'leistung', 'ags']) {
          const cells = first.split(';')
          cells[columns.indexOf(column)] = NUL
          const csv = `${header}\n${cells.join(';')}\n`
          const a = await answer(() =>
            importRoute.module.action!({ request: post(importRoute, {}, multipart({ intent: 'preview' }, { field: 'datei', name: 'stand.csv', content: csv }), null), params: {}, context: {} }),
          )
          // kreis and leistung only name the row for people; the import reads ags and ozg_id.
          if (column === 'kreis' || column === 'leistung') {
            expect(a.status, column).toBeLessThan(500)
            continue
          }
          expect(a.status, column).toBe(400)
          const preview = (a.body as { preview: { errors: { column: string | null; message: string }[]; refused: string | null } }).preview
          expect([...preview.errors.map((e) => e.message), preview.refused ?? ''].join(' '), column).toMatch(GERMAN)
          if (column === 'notiz' || column === 'kontakt') expect(preview.errors.find((e) => e.column === column)?.message, column).toBe(NUL_MESSAGE)
        }
      })

      it('the catalogue import reports NUL in a name as an error at its column', async () => {
        const route = routes.find((r) => r.id === 'import_.katalog')!
        const db = await getDb()
        const [theme] = await queryRows<{ name: string }>(db, sql`select name from themes order by id limit 1`)
        const csv = `ozg_id;ozg_leistung;lebenslage;themenfeld\n10520;${NUL};Umzug;${theme.name}\n10521;Eine Leistung;${NUL};${theme.name}\n`
        const a = await expectNoWrite(() =>
          answer(() => route.module.action!({ request: post(route, {}, multipart({ intent: 'preview' }, { field: 'datei', name: 'katalog.csv', content: csv }), null), params: {}, context: {} })),
        )
        expect(a.status).toBe(400)
        const errors = (a.body as { preview: { errors: { column: string | null; message: string }[] } }).preview.errors
        expect(errors.filter((e) => e.message === NUL_MESSAGE).map((e) => e.column)).toEqual(['ozg_leistung', 'lebenslage'])
      })
    })

    describe('API errors in the JSON envelope', () => {
      let token = ''
      beforeAll(async () => {
        const db = await getDb()
        const [viewer] = await db.select().from(users).where(eq(users.email, 'leitung@demo.invalid'))
        token = (await createApiToken({ id: viewer.id, email: viewer.email, name: viewer.name, role: 'viewer', countyId: viewer.countyId, countyAgs: '03351' }, 'API-Fehler')).token
      })

      function apiRequest(path: string, method = 'GET', auth = true) {
        return new Request(`${ORIGIN}${path}`, { method, headers: auth ? { Authorization: `Bearer ${token}` } : {} })
      }
      function expectEnvelope(a: Answer, status: number) {
        expect(a.status).toBe(status)
        const body = a.body as { error: { status: number; message: string } }
        expect(body.error.status).toBe(status)
        expect(body.error.message).toMatch(GERMAN)
      }

      it('405 for every other method on every API route, in German JSON with Allow', async () => {
        expect(apiRoutes.length).toBeGreaterThanOrEqual(6)
        for (const route of apiRoutes) {
          expect(route.module.action, `${route.id} needs an action that answers 405`).toBeDefined()
          const params = paramsFor(route)
          for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
            const a = await expectNoWrite(() => answer(() => route.module.action!({ request: apiRequest(`/${route.pattern.join('/')}`, method), params, context: {} })))
            expectEnvelope(a, 405)
            expect((a.body as { error: { message: string } }).error.message).toBe(METHOD_NOT_ALLOWED)
            expect(a.headers.get('Allow')).toBe('GET, HEAD')
          }
        }
      })

      it('400, 401 and 404 come in the envelope', async () => {
        const byId = (id: string) => routes.find((r) => r.id === id)!
        for (const [id, query] of [
          ['api.v1.services', `themenfeld=${TOO_LARGE_ID}`],
          ['api.v1.services', 'q=abc%00def'],
          ['api.v1.summary', `themenfeld=${TOO_LARGE_ID}`],
          ['api.v1.statuses', `themenfeld=${TOO_LARGE_ID}`],
          ['api.v1.statuses', `offset=${TOO_LARGE_ID}`],
          ['api.v1.statuses', `seite=${TOO_LARGE_ID}`],
        ]) {
          const a = await answer(() => byId(id).module.loader!({ request: apiRequest(`/api/v1/x?${query}`), params: {}, context: {} }))
          expectEnvelope(a, 400)
          expect((a.body as { error: { details: string[] } }).error.details.join(' ')).toMatch(/themenfeld|offset|seite|Steuerzeichen/i)
        }
        expectEnvelope(await answer(() => byId('api.v1.counties').module.loader!({ request: apiRequest('/api/v1/counties', 'GET', false), params: {}, context: {} })), 401)
        expectEnvelope(await answer(() => byId('api.v1.$').module.loader!({ request: apiRequest('/api/v1/gibt-es-nicht'), params: { '*': 'gibt-es-nicht' }, context: {} })), 404)
        expectEnvelope(await answer(() => byId('api.v1.statuses').module.loader!({ request: apiRequest('/api/v1/statuses?kreis=09999'), params: {}, context: {} })), 404)
      })

      it('an unexpected error is a 500 in the envelope, and its stack is logged', async () => {
        const log = vi.spyOn(console, 'error').mockImplementation(() => {})
        try {
          const failing = apiLoader(async () => {
            throw new Error('Datenbank nicht erreichbar')
          })
          const a = await answer(() => failing({ request: apiRequest('/api/v1/statuses') }))
          expectEnvelope(a, 500)
          expect((a.body as { error: { message: string } }).error.message).toBe(UNEXPECTED_ERROR)
          expect(JSON.stringify(a.body)).not.toContain('Datenbank nicht erreichbar')
          const logged = log.mock.calls.flat().find((v) => v instanceof Error) as Error
          expect(logged.stack).toContain('Datenbank nicht erreichbar')
          // A thrown envelope (a 4xx) passes unchanged.
          const refusing = apiLoader(async () => {
            throw new Response('{}', { status: 418 })
          })
          expect((await answer(() => refusing({ request: apiRequest('/api/v1/x') }))).status).toBe(418)
        } finally {
          log.mockRestore()
        }
      })

      it('the OpenAPI document describes the envelope for 400, 401, 403, 404, 405, 429 and 500', async () => {
        const doc = (await answer(() => routes.find((r) => r.id === 'api.v1.openapi[.]json')!.module.loader!({ request: apiRequest('/api/v1/openapi.json'), params: {}, context: {} }))).body as {
          paths: Record<string, { get: { responses: Record<string, { $ref?: string }> } }>
          components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }>; headers?: Record<string, unknown> }> }
        }
        for (const [path, item] of Object.entries(doc.paths)) {
          for (const status of ['401', '403', '405', '429', '500']) expect(item.get.responses[status], `${path} ${status}`).toBeDefined()
        }
        expect(doc.paths['/statuses'].get.responses['404']).toBeDefined()
        expect(doc.paths['/services'].get.responses['400']).toBeDefined()
        for (const response of Object.values(doc.components.responses)) {
          expect(response.content['application/json'].schema.$ref).toBe('#/components/schemas/Error')
        }
        expect(doc.components.responses.TooManyRequests.headers).toHaveProperty('Retry-After')
      })
    })
  },
  async () => seedDatabase(await getDb(), { demo: true }),
)
