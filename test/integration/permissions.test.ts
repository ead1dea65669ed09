// DESIGN.md's role table, checked on the server: each role × action through the real route
// loaders and actions with real Requests (session cookie, Origin header), on both engines.
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { countyBasicComponents, counties, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { toFormValues } from '~/domain/status'
import { createSession } from '~/models/session.server'
import { getStatus } from '~/models/status.server'
import { getDb } from '~/utils/db.server'
import * as countyRoute from '~/routes/kreise.$ags._index/route'
import * as rowRoute from '~/routes/kreise.$ags.leistungen.$ozgId'
import * as usersRoute from '~/routes/admin.benutzer._index'
import * as userRoute from '~/routes/admin.benutzer.$id'
import * as countiesAdminRoute from '~/routes/admin.kreise/route'
import * as applicabilityRoute from '~/routes/admin.zustaendigkeit'
import * as contactsRoute from '~/routes/kreise.$ags.kontakte'
import { countyContacts } from '../../db/schema'

const ORIGIN = 'http://localhost'
type Who = 'anonymous' | 'viewer' | 'celle' | 'harburg' | 'coordinator' | 'admin'
const emails: Record<Exclude<Who, 'anonymous'>, string> = {
  viewer: 'leitung@demo.invalid',
  celle: 'celle@demo.invalid',
  harburg: 'harburg@demo.invalid',
  coordinator: 'koordination@demo.invalid',
  admin: 'admin@demo.invalid',
}
const everyone: Who[] = ['anonymous', 'viewer', 'celle', 'harburg', 'coordinator', 'admin']
const tokens = new Map<Who, string>()

function request(path: string, who: Who, body?: Record<string, string | string[]>, origin: string | null = ORIGIN) {
  const headers = new Headers()
  if (tokens.has(who)) headers.set('Cookie', `ozg_session=${tokens.get(who)}`)
  if (!body) return new Request(`${ORIGIN}${path}`, { headers })
  if (origin) headers.set('Origin', origin)
  headers.set('Content-Type', 'application/x-www-form-urlencoded')
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item)
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: form })
}

/** The HTTP status a loader/action answers with, whether returned or thrown. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  const read = (value: unknown) => {
    if (value instanceof Response) return value.status
    if (value && typeof value === 'object' && 'type' in value && (value as { type: string }).type === 'DataWithResponseInit') {
      return (value as { init?: { status?: number } }).init?.status ?? 200
    }
    return 200
  }
  try {
    return read(await run())
  } catch (thrown) {
    if (thrown instanceof Response || (thrown && typeof thrown === 'object' && 'type' in thrown)) return read(thrown)
    throw thrown
  }
}

async function rowForm(ags: string, ozgId: string, change: Record<string, string>) {
  const row = (await getStatus(ags, ozgId))!
  return { ...toFormValues(row.values), version: String(row.version), ...change }
}

async function basicForm(ags: string, note: string) {
  const db = await getDb()
  const [county] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, ags))
  const rows = await db.select().from(countyBasicComponents).where(eq(countyBasicComponents.countyId, county.id))
  const form: Record<string, string> = { intent: 'basisdienste' }
  for (const code of ['epayment', 'servicekonto', 'postfach', 'xta_osci', 'fit_connect', 'eakte']) {
    const r = rows.find((x) => x.component === code)
    form[`status_${code}`] = r?.status ?? 'not_started'
    form[`anbieter_${code}`] = r?.provider ?? ''
    form[`notiz_${code}`] = code === 'epayment' ? note : (r?.note ?? '')
    form[`version_${code}`] = String(r?.version ?? 0)
  }
  return form
}

const expectedWrite: Record<Who, { celle: number; harburg: number }> = {
  anonymous: { celle: 302, harburg: 302 },
  viewer: { celle: 403, harburg: 403 },
  celle: { celle: 302, harburg: 403 },
  harburg: { celle: 403, harburg: 302 },
  coordinator: { celle: 302, harburg: 302 },
  admin: { celle: 302, harburg: 302 },
}

describeEachEngine(
  'role × action matrix on the server',
  () => {
    beforeAll(async () => {
      const db = await getDb()
      for (const [who, email] of Object.entries(emails)) {
        const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
        tokens.set(who as Who, (await createSession(u.id)).token)
      }
    })

    it.each(everyone)('%s: reading the county page and a row', async (who) => {
      const expected = who === 'anonymous' ? 302 : 200
      expect(await statusOf(() => countyRoute.loader({ request: request('/kreise/03351', who), params: { ags: '03351' }, context: {} }))).toBe(expected)
      expect(await statusOf(() => rowRoute.loader({ request: request('/kreise/03353/leistungen/10519', who), params: { ags: '03353', ozgId: '10519' }, context: {} }))).toBe(expected)
    })

    it.each(everyone)('%s: editing one row in Celle and in Harburg', async (who) => {
      for (const [ags, key] of [['03351', 'celle'], ['03353', 'harburg']] as const) {
        const before = (await getStatus(ags, '10520'))!
        const form = await rowForm(ags, '10520', { notiz: `Notiz von ${who}` })
        const status = await statusOf(() => rowRoute.action({ request: request(`/kreise/${ags}/leistungen/10520`, who, form), params: { ags, ozgId: '10520' }, context: {} }))
        expect(status, `${who} → ${ags}`).toBe(expectedWrite[who][key])
        const after = (await getStatus(ags, '10520'))!
        if (status === 302 && who !== 'anonymous') expect(after.note).toBe(`Notiz von ${who}`)
        else expect(after.version, `${who} must not change ${ags}`).toBe(before.version)
      }
    })

    it.each(everyone)('%s: bulk change in Celle and in Harburg', async (who) => {
      for (const [ags, key] of [['03351', 'celle'], ['03353', 'harburg']] as const) {
        const row = (await getStatus(ags, '10521'))!
        const form = { intent: 'sammelaenderung', umfang: 'auswahl', ids: [String(row.id)], bestaetigen: 'ja' }
        const status = await statusOf(() => countyRoute.action({ request: request(`/kreise/${ags}`, who, form), params: { ags }, context: {} }))
        expect(status, `${who} → ${ags}`).toBe(expectedWrite[who][key])
        const after = (await getStatus(ags, '10521'))!
        expect(after.version).toBe(status === 302 && who !== 'anonymous' ? row.version + 1 : row.version)
      }
    })

    it.each(everyone)('%s: basic components of Celle and Harburg', async (who) => {
      for (const [ags, key] of [['03351', 'celle'], ['03353', 'harburg']] as const) {
        const form = await basicForm(ags, `Basisdienst-Notiz ${who}`)
        const status = await statusOf(() => countyRoute.action({ request: request(`/kreise/${ags}`, who, form), params: { ags }, context: {} }))
        expect(status, `${who} → ${ags}`).toBe(expectedWrite[who][key])
      }
    })

    it.each(everyone)('%s: the user admin', async (who) => {
      const read = await statusOf(() => usersRoute.loader({ request: request('/admin/benutzer', who), params: {}, context: {} }))
      expect(read).toBe(who === 'anonymous' ? 302 : who === 'admin' ? 200 : 403)
      const email = `neu-${who}@kreis.invalid`
      const write = await statusOf(() =>
        usersRoute.action({ request: request('/admin/benutzer', who, { email, role: 'viewer', kreis: '', name: '', password: 'ein-langes-passwort' }), params: {}, context: {} }),
      )
      expect(write).toBe(who === 'anonymous' ? 302 : who === 'admin' ? 302 : 403)
      const db = await getDb()
      const created = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
      expect(created).toHaveLength(who === 'admin' ? 1 : 0)
      if (created[0]) {
        const change = await statusOf(() =>
          userRoute.action({ request: request(`/admin/benutzer/${created[0].id}`, who, { intent: 'konto', name: 'x', role: 'viewer', kreis: '' }), params: { id: String(created[0].id) }, context: {} }),
        )
        expect(change).toBe(302)
        const [disabled] = await db.select({ isActive: users.isActive }).from(users).where(eq(users.id, created[0].id))
        expect(disabled.isActive).toBe(false)
      }
    })

    it('refuses a write from a foreign origin with 403, even for an admin', async () => {
      const before = (await getStatus('03351', '10522'))!
      const form = await rowForm('03351', '10522', { notiz: 'CSRF' })
      for (const origin of ['https://evil.example', null]) {
        const status = await statusOf(() => rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'admin', form, origin), params: { ags: '03351', ozgId: '10522' }, context: {} }))
        expect(status).toBe(403)
      }
      expect((await getStatus('03351', '10522'))!.version).toBe(before.version)
    })

    it('answers a bad submission with 400 and the typed values', async () => {
      const form = await rowForm('03351', '10522', { einmalkosten_eur: '-3', notiz: 'bleibt' })
      const result = (await rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'celle', form), params: { ags: '03351', ozgId: '10522' }, context: {} })) as unknown as {
        init: { status: number }
        data: { errors: Record<string, string>; values: Record<string, string> }
      }
      expect(result.init.status).toBe(400)
      expect(result.data.errors.einmalkosten_eur).toMatch(/nicht negativ/)
      expect(result.data.values.notiz).toBe('bleibt')
    })

    it('the row form: „Speichern“ without a change writes nothing, „Stand bestätigen“ confirms (decision 022)', async () => {
      const act = async (form: Record<string, string>) =>
        (await rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'celle', form), params: { ags: '03351', ozgId: '10522' }, context: {} })) as Response
      const before = (await getStatus('03351', '10522'))!
      const plain = await act(await rowForm('03351', '10522', { aktion: 'speichern' }))
      expect(plain.headers.get('Location')).toBe('/kreise/03351/leistungen/10522?gespeichert=unveraendert')
      expect((await getStatus('03351', '10522'))!.version).toBe(before.version)
      const confirmed = await act(await rowForm('03351', '10522', { aktion: 'bestaetigen' }))
      expect(confirmed.headers.get('Location')).toBe('/kreise/03351/leistungen/10522?gespeichert=bestaetigt')
      const after = (await getStatus('03351', '10522'))!
      expect(after.version).toBe(before.version + 1)
      expect(after.confirmedAt!.getTime()).toBeGreaterThan(before.confirmedAt?.getTime() ?? 0)
      expect(await statusOf(() => act({ ...toFormValues(after.values), version: String(after.version), aktion: 'loeschen' }))).toBe(400)
    })

    it('the row form answers every error in one pass, and the page it renders then says „Fehler:“', async () => {
      // One request without JavaScript: the action and then the loader, sharing the load context.
      const context: Record<string, unknown> = {}
      const form = await rowForm('03351', '10522', { umsetzungsweg: 'eigen', planung: 'unentschieden', reifegrad: 'viel', jahreskosten_eur: 'zwölf', online_seit: '01.01.2099' })
      const result = (await rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'celle', form), params: { ags: '03351', ozgId: '10522' }, context })) as unknown as {
        init: { status: number }
        data: { errors: Record<string, string> }
      }
      expect(result.init.status).toBe(400)
      expect(Object.keys(result.data.errors).sort()).toEqual(['jahreskosten_eur', 'online_seit', 'planung', 'reifegrad'])
      const page = await rowRoute.loader({ request: request('/kreise/03351/leistungen/10522', 'celle'), params: { ags: '03351', ozgId: '10522' }, context })
      expect(page.failedSave).toBe(true)
      const fresh = await rowRoute.loader({ request: request('/kreise/03351/leistungen/10522', 'celle'), params: { ags: '03351', ozgId: '10522' }, context: {} })
      expect(fresh.failedSave).toBe(false)
    })

    it('answers a stale version with 409', async () => {
      const form = await rowForm('03351', '10522', { notiz: 'zuerst' })
      expect(await statusOf(() => rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'coordinator', form), params: { ags: '03351', ozgId: '10522' }, context: {} }))).toBe(302)
      const stale = { ...form, notiz: 'danach' }
      expect(await statusOf(() => rowRoute.action({ request: request('/kreise/03351/leistungen/10522', 'celle', stale), params: { ags: '03351', ozgId: '10522' }, context: {} }))).toBe(409)
      expect((await getStatus('03351', '10522'))!.note).toBe('zuerst')
    })

    it('404s an unknown county or service', async () => {
      expect(await statusOf(() => countyRoute.loader({ request: request('/kreise/99999', 'celle'), params: { ags: '99999' }, context: {} }))).toBe(404)
      expect(await statusOf(() => rowRoute.loader({ request: request('/kreise/03351/leistungen/00000', 'celle'), params: { ags: '03351', ozgId: '00000' }, context: {} }))).toBe(404)
    })

    it.each(everyone)('%s: member counties, applicability and named contacts (issue 12)', async (who) => {
      const admin = who === 'admin'
      const coordinates = who === 'coordinator' || admin
      const denied = who === 'anonymous' ? 302 : 403
      expect(await statusOf(() => countiesAdminRoute.loader({ request: request('/admin/kreise', who), params: {}, context: {} }))).toBe(admin ? 200 : denied)
      const name = `Community ${who}`
      expect(await statusOf(() => countiesAdminRoute.action({ request: request('/admin/kreise', who, { intent: 'name', communityName: name }), params: {}, context: {} }))).toBe(admin ? 302 : denied)
      expect(await statusOf(() => countiesAdminRoute.action({ request: request('/admin/kreise', who, { intent: 'frist', staleAfterDays: '180' }), params: {}, context: {} }))).toBe(admin ? 302 : denied)
      expect(await statusOf(() => applicabilityRoute.loader({ request: request('/admin/zustaendigkeit', who), params: {}, context: {} }))).toBe(coordinates ? 200 : denied)
      const override = { intent: 'override', ozgId: '10522', ags: '03353', applies: 'ja', reason: `Festlegung ${who}` }
      expect(await statusOf(() => applicabilityRoute.action({ request: request('/admin/zustaendigkeit', who, override), params: {}, context: {} }))).toBe(coordinates ? 302 : denied)

      const db = await getDb()
      for (const ags of ['03351', '03353']) {
        const contact = { name: `Kontakt ${who} ${ags}`, role: '', email: '', phone: '' }
        const status = await statusOf(() => contactsRoute.action({ request: request(`/kreise/${ags}/kontakte`, who, contact), params: { ags }, context: {} }))
        const mayEdit = coordinates || (who === 'celle' && ags === '03351') || (who === 'harburg' && ags === '03353')
        expect(status, `${who} → ${ags}`).toBe(mayEdit ? 302 : denied)
        const saved = await db.select({ id: countyContacts.id }).from(countyContacts).where(eq(countyContacts.name, contact.name))
        expect(saved).toHaveLength(mayEdit ? 1 : 0)
      }
    })
  },
  'demo',
)
